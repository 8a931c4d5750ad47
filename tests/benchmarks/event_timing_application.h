#pragma once

#include <QApplication>
#include <QByteArray>
#include <QEvent>
#include <cstdint>
#include <deque>
#include <vector>

// A QApplication that times every event it delivers on the GUI thread, so that a stall of the event loop can be
// traced to the receiver and the event type that took the time. Only deliveries of at least `slowNs` are kept.
class EventTimingApplication : public QApplication
{
public:
    // One slow delivery. Times are CLOCK_MONOTONIC nanoseconds, the clock of `perf record -k CLOCK_MONOTONIC`.
    struct Delivery
    {
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        std::int64_t cpuNs = 0; // CPU time of the GUI thread during the delivery
        int depth = 0;          // 0 when the event loop delivered it, more when another delivery sent it
        QEvent::Type type = QEvent::None;
        QByteArray receiver; // class name, and objectName when set
    };

    static constexpr std::int64_t slowNs = 10'000'000;

    EventTimingApplication(int& argc, char** argv);

    bool notify(QObject* receiver, QEvent* event) override;

    // Returns the kept deliveries that overlap [fromNs, toNs], longest first.
    std::vector<Delivery> deliveriesBetween(std::int64_t fromNs, std::int64_t toNs) const;

    // CLOCK_MONOTONIC and CLOCK_THREAD_CPUTIME_ID of the calling thread, in nanoseconds.
    static std::int64_t monotonicNs();
    static std::int64_t threadCpuNs();

    // Returns a readable name of an event type, such as "MetaCall" or "Paint".
    static QByteArray typeName(QEvent::Type type);

private:
    static constexpr std::size_t maxKept = 20'000;

    int depth_ = 0;
    std::deque<Delivery> slow_;
};
