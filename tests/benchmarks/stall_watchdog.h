#pragma once

#include "event_timing_application.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <cstdio>
#include <vector>

// Measures how long the GUI thread's event loop does not run. A precise timer ticks every 5 ms on the GUI thread;
// a gap between two ticks beyond that interval is a stall. Every stall of at least `reportMs` is kept with the GUI
// thread's CPU time within it (far below the stall's length means the thread waited or was not scheduled) and the
// slow event deliveries that overlap it, which name the receiver and the event type that took the time.
class StallWatchdog : public QObject
{
public:
    static constexpr int intervalMs = 5;

    struct Stall
    {
        QString step;
        std::int64_t startNs = 0; // CLOCK_MONOTONIC
        std::int64_t endNs = 0;
        std::int64_t cpuNs = 0;
        std::vector<EventTimingApplication::Delivery> deliveries;

        double lengthMs() const;
    };

    explicit StallWatchdog(EventTimingApplication& application, int reportMs = 100);

    // Starts measuring a step of the benchmark; the longest stall is counted from here.
    void start(const QString& step);
    // Stops measuring and returns the longest stall of the step in milliseconds.
    double stop();
    double longestMs() const { return double(longestNs_) / 1e6; }
    // The most CPU time the GUI thread spent between two ticks in the step: the part of a stall that its own work
    // caused, apart from the time a loaded machine did not schedule it.
    double mostCpuMs() const { return double(mostCpuNs_) / 1e6; }

    const std::vector<Stall>& stalls() const { return stalls_; }
    // Writes the stalls of the current step (since start) with their causes, one line per delivery.
    void printStepStalls(std::FILE* out) const;

private:
    void tick();

    EventTimingApplication& application_;
    std::int64_t reportNs_;
    QTimer timer_;
    QString step_;
    std::int64_t lastNs_ = 0;
    std::int64_t lastCpuNs_ = 0;
    std::int64_t longestNs_ = 0;
    std::int64_t mostCpuNs_ = 0;
    std::size_t firstStallOfStep_ = 0;
    std::vector<Stall> stalls_;
};
