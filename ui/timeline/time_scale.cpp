#include "timeline/time_scale.h"

#include <algorithm>
#include <cmath>

namespace spoor::ui {

namespace {

constexpr std::int64_t oneSecondNs = 1'000'000'000;

} // namespace

double TimeScale::toPixel(std::int64_t ns) const
{
    return static_cast<double>(ns - originNs) / nsPerPixel;
}

std::int64_t TimeScale::toNs(double x) const
{
    return originNs + static_cast<std::int64_t>(std::llround(x * nsPerPixel));
}

TimeScale TimeScale::fit(std::int64_t firstNs, std::int64_t lastNs, double widthPx, double marginPx)
{
    const std::int64_t span = lastNs > firstNs ? lastNs - firstNs : oneSecondNs;
    const double usable = std::max(1.0, widthPx - 2 * marginPx);
    TimeScale scale;
    scale.nsPerPixel = std::clamp(static_cast<double>(span) / usable, minNsPerPixel, maxNsPerPixel);
    scale.originNs = firstNs - static_cast<std::int64_t>(std::llround(marginPx * scale.nsPerPixel));
    return scale;
}

void TimeScale::zoom(double factor, double anchorX)
{
    if (!(factor > 0))
        return;
    const std::int64_t anchorNs = toNs(anchorX);
    nsPerPixel = std::clamp(nsPerPixel / factor, minNsPerPixel, maxNsPerPixel);
    originNs = anchorNs - static_cast<std::int64_t>(std::llround(anchorX * nsPerPixel));
}

void TimeScale::pan(double dx)
{
    originNs += static_cast<std::int64_t>(std::llround(dx * nsPerPixel));
}

} // namespace spoor::ui
