#pragma once

#include "timeline/time_scale.h"

#include <cstdint>
#include <vector>

namespace spoor::ui {

// The spacing of the time axis's ticks and how precisely their labels show the time.
struct TickStep
{
    enum class Precision { Day, Minute, Second, Millisecond, Microsecond, Nanosecond };

    std::int64_t ns = 1;
    Precision precision = Precision::Nanosecond;
};

// Returns the smallest step a reader expects on a clock (1, 2 or 5 times a power of ten below a second,
// then 1, 2, 5, 10, 15 and 30 seconds and minutes, 1, 2, 3, 6 and 12 hours, 1, 2 and 7 days, and multiples
// of 30 days) that puts ticks at least minSpacingPx apart at the scale's zoom.
TickStep tickStepFor(const TimeScale& scale, double minSpacingPx);

// Returns the tick times inside [0, widthPx] of the scale, at multiples of the step in the display time
// zone: utcOffsetNs is added to a UTC time to get the displayed wall-clock time.
// NOTE: one offset is used for the whole axis, so day ticks are an hour off across a daylight saving change.
std::vector<std::int64_t> tickTimes(const TimeScale& scale, double widthPx, const TickStep& step,
                                    std::int64_t utcOffsetNs = 0);

} // namespace spoor::ui
