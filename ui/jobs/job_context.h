#pragma once

#include <QMutex>
#include <QString>
#include <atomic>

namespace spoor::ui {

// The shared state of one background job: its cancel flag and its latest progress. The worker writes,
// the GUI thread reads; every member function is thread-safe.
class JobContext
{
public:
    struct Progress
    {
        QString text;
        double fraction = -1.0; // 0 to 1, negative when the amount of work is unknown
    };

    const std::atomic<bool>& cancelFlag() const { return cancel_; }
    bool isCancelled() const { return cancel_.load(std::memory_order_relaxed); }
    void cancel() { cancel_.store(true, std::memory_order_relaxed); }

    void reportProgress(const QString& text, double fraction);
    Progress progress() const;

private:
    std::atomic<bool> cancel_{false};
    mutable QMutex mutex_;
    Progress progress_;
};

} // namespace spoor::ui
