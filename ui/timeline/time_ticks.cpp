#include "timeline/time_ticks.h"

#include <array>

namespace spoor::ui {

namespace {

constexpr std::int64_t microsecond = 1'000;
constexpr std::int64_t millisecond = 1'000'000;
constexpr std::int64_t second = 1'000'000'000;
constexpr std::int64_t minute = 60 * second;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;

using Precision = TickStep::Precision;

Precision precisionOf(std::int64_t stepNs)
{
    if (stepNs >= day)
        return Precision::Day;
    if (stepNs >= minute)
        return Precision::Minute;
    if (stepNs >= second)
        return Precision::Second;
    if (stepNs >= millisecond)
        return Precision::Millisecond;
    if (stepNs >= microsecond)
        return Precision::Microsecond;
    return Precision::Nanosecond;
}

constexpr std::array<std::int64_t, 21> clockSteps = {
    second,     2 * second, 5 * second,  10 * second, 15 * second, 30 * second, minute,
    2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute, hour,        2 * hour,
    3 * hour,   6 * hour,   12 * hour,   day,         2 * day,     7 * day,     30 * day,
};

// Rounds down to a multiple of step, also for negative values.
std::int64_t floorToMultiple(std::int64_t value, std::int64_t step)
{
    std::int64_t result = value / step * step;
    if (result > value)
        result -= step;
    return result;
}

} // namespace

TickStep tickStepFor(const TimeScale& scale, double minSpacingPx)
{
    const double minimumNs = minSpacingPx * scale.nsPerPixel;
    if (minimumNs <= static_cast<double>(second / 2)) {
        for (std::int64_t power = 1; power < second; power *= 10) {
            for (const std::int64_t multiple : {1, 2, 5}) {
                if (static_cast<double>(power * multiple) >= minimumNs)
                    return {power * multiple, precisionOf(power * multiple)};
            }
        }
    }
    for (const std::int64_t step : clockSteps) {
        if (static_cast<double>(step) >= minimumNs)
            return {step, precisionOf(step)};
    }
    // Coarser than 30 days: whole multiples of 30 days.
    const auto months = static_cast<std::int64_t>(minimumNs / static_cast<double>(30 * day)) + 1;
    return {months * 30 * day, Precision::Day};
}

std::vector<std::int64_t> tickTimes(const TimeScale& scale, double widthPx, const TickStep& step,
                                    std::int64_t utcOffsetNs)
{
    std::vector<std::int64_t> ticks;
    if (step.ns <= 0 || widthPx <= 0)
        return ticks;
    const std::int64_t first = scale.toNs(0);
    const std::int64_t last = scale.toNs(widthPx);
    std::int64_t tick = floorToMultiple(first + utcOffsetNs, step.ns) - utcOffsetNs;
    if (tick < first)
        tick += step.ns;
    for (; tick <= last; tick += step.ns)
        ticks.push_back(tick);
    return ticks;
}

} // namespace spoor::ui
