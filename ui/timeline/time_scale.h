#pragma once

#include <cstdint>

namespace spoor::ui {

// The mapping between time (nanoseconds since the epoch) and horizontal pixels of the timeline's time
// area: x = (ns - originNs) / nsPerPixel. Zooming and panning only change these two numbers.
struct TimeScale
{
    static constexpr double minNsPerPixel = 1.0;    // the finest zoom: 1 ns per pixel
    static constexpr double maxNsPerPixel = 1.0e15; // the coarsest zoom: about 11 days per pixel

    std::int64_t originNs = 0; // time at x = 0
    double nsPerPixel = 1.0e6;

    double toPixel(std::int64_t ns) const;
    std::int64_t toNs(double x) const;

    // Returns a scale that shows [firstNs, lastNs] across widthPx pixels with marginPx free on each side.
    // An empty or inverted range shows one second starting at firstNs.
    static TimeScale fit(std::int64_t firstNs, std::int64_t lastNs, double widthPx, double marginPx = 0);

    // Divides nsPerPixel by factor (factor > 1 zooms in), keeping the time under anchorX at anchorX. The
    // result is clamped to [minNsPerPixel, maxNsPerPixel].
    void zoom(double factor, double anchorX);

    // Moves the view by dx pixels: a positive dx shows later times.
    void pan(double dx);
};

} // namespace spoor::ui
