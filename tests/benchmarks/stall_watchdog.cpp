#include "stall_watchdog.h"

#include <algorithm>

namespace {

constexpr std::int64_t intervalNs = std::int64_t(StallWatchdog::intervalMs) * 1'000'000;
// Deliveries listed per stall; nested deliveries repeat much of their parent's time.
constexpr std::size_t deliveriesShown = 6;

} // namespace

double StallWatchdog::Stall::lengthMs() const
{
    return double(endNs - startNs - intervalNs) / 1e6;
}

StallWatchdog::StallWatchdog(EventTimingApplication& application, int reportMs)
    : application_(application), reportNs_(std::int64_t(reportMs) * 1'000'000)
{
    timer_.setInterval(intervalMs);
    timer_.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer_, &QTimer::timeout, this, [this] { tick(); });
}

void StallWatchdog::start(const QString& step)
{
    step_ = step;
    longestNs_ = 0;
    mostCpuNs_ = 0;
    firstStallOfStep_ = stalls_.size();
    lastNs_ = EventTimingApplication::monotonicNs();
    lastCpuNs_ = EventTimingApplication::threadCpuNs();
    timer_.start();
}

double StallWatchdog::stop()
{
    tick();
    timer_.stop();
    return longestMs();
}

void StallWatchdog::tick()
{
    const std::int64_t now = EventTimingApplication::monotonicNs();
    const std::int64_t cpu = EventTimingApplication::threadCpuNs();
    const std::int64_t stallNs = now - lastNs_ - intervalNs;
    longestNs_ = std::max(longestNs_, stallNs);
    mostCpuNs_ = std::max(mostCpuNs_, cpu - lastCpuNs_);
    if (stallNs >= reportNs_)
        stalls_.push_back({step_, lastNs_, now, cpu - lastCpuNs_, application_.deliveriesBetween(lastNs_, now)});
    lastNs_ = now;
    lastCpuNs_ = cpu;
}

void StallWatchdog::printStepStalls(std::FILE* out) const
{
    for (std::size_t index = firstStallOfStep_; index < stalls_.size(); ++index) {
        const Stall& stall = stalls_[index];
        std::fprintf(out, "    stall %.0f ms at monotonic %.3f s, GUI thread CPU %.0f ms\n", stall.lengthMs(),
                     double(stall.startNs) / 1e9, double(stall.cpuNs) / 1e6);
        if (stall.deliveries.empty())
            std::fprintf(out, "      no event delivery of %lld ms or more overlaps it\n",
                         static_cast<long long>(EventTimingApplication::slowNs / 1'000'000));
        // The longest deliveries (the list is sorted so), printed in the order they started, nested ones indented.
        std::vector<EventTimingApplication::Delivery> shown(
            stall.deliveries.begin(),
            stall.deliveries.begin() + std::ptrdiff_t(std::min(stall.deliveries.size(), deliveriesShown)));
        std::sort(shown.begin(), shown.end(), [](const auto& a, const auto& b) {
            return a.startNs != b.startNs ? a.startNs < b.startNs : a.depth < b.depth;
        });
        for (const auto& delivery : shown) {
            std::fprintf(out, "      %*s%.0f ms (CPU %.0f ms) %s to %s\n", 2 * delivery.depth, "",
                         double(delivery.endNs - delivery.startNs) / 1e6, double(delivery.cpuNs) / 1e6,
                         EventTimingApplication::typeName(delivery.type).constData(), delivery.receiver.constData());
        }
    }
    std::fflush(out);
}
