#include "timeline/lane_layout.h"

#include <algorithm>
#include <cmath>

namespace spoor::ui {

std::vector<TimelineRow> layoutRows(const std::vector<TimelineLane>& lanes, int hostCount,
                                    const std::function<bool(const TimelineLane&)>& visible)
{
    std::vector<std::vector<int>> lanesOfHost(static_cast<std::size_t>(std::max(hostCount, 0)));
    for (std::size_t index = 0; index < lanes.size(); ++index) {
        const TimelineLane& lane = lanes[index];
        if (lane.host < 0 || lane.host >= hostCount || (visible && !visible(lane)))
            continue;
        lanesOfHost[static_cast<std::size_t>(lane.host)].push_back(static_cast<int>(index));
    }
    std::vector<TimelineRow> rows;
    for (int host = 0; host < hostCount; ++host) {
        const auto& hostLanes = lanesOfHost[static_cast<std::size_t>(host)];
        if (hostLanes.empty())
            continue;
        rows.push_back({TimelineRow::Kind::Host, host});
        for (const int lane : hostLanes)
            rows.push_back({TimelineRow::Kind::Lane, lane});
    }
    return rows;
}

int RowGeometry::rowAt(double y, int scrollY, int rowCount) const
{
    if (y < top)
        return -1;
    const auto row = static_cast<int>(std::floor((y - top + scrollY) / rowHeight));
    return row >= 0 && row < rowCount ? row : -1;
}

std::pair<int, int> RowGeometry::visibleRows(int scrollY, int viewportHeight, int rowCount) const
{
    const int first = std::clamp(scrollY / rowHeight, 0, rowCount);
    const int visibleHeight = std::max(0, viewportHeight - top);
    const int last = std::clamp((scrollY + visibleHeight + rowHeight - 1) / rowHeight, first, rowCount);
    return {first, last};
}

int RowGeometry::scrollToShow(int row, int scrollY, int viewportHeight) const
{
    const int rowStart = row * rowHeight;
    const int visibleHeight = std::max(rowHeight, viewportHeight - top);
    if (rowStart < scrollY)
        return rowStart;
    if (rowStart + rowHeight > scrollY + visibleHeight)
        return rowStart + rowHeight - visibleHeight;
    return scrollY;
}

std::pair<std::size_t, std::size_t> marksBetween(const TimelineLane& lane, std::int64_t firstNs, std::int64_t lastNs)
{
    const auto& marks = lane.marks;
    const auto begin = std::lower_bound(marks.begin(), marks.end(), firstNs,
                                        [](const TimelineMark& mark, std::int64_t ns) { return mark.timeNs < ns; });
    const auto end = std::upper_bound(begin, marks.end(), lastNs,
                                      [](std::int64_t ns, const TimelineMark& mark) { return ns < mark.timeNs; });
    return {static_cast<std::size_t>(begin - marks.begin()), static_cast<std::size_t>(end - marks.begin())};
}

int markAt(const TimelineLane& lane, const TimeScale& scale, double x, double tolerancePx)
{
    const auto [begin, end] = marksBetween(lane, scale.toNs(x - tolerancePx), scale.toNs(x + tolerancePx));
    int best = -1;
    double bestDistance = tolerancePx;
    for (std::size_t index = begin; index < end; ++index) {
        const double distance = std::abs(scale.toPixel(lane.marks[index].timeNs) - x);
        if (distance <= bestDistance) {
            best = static_cast<int>(index);
            bestDistance = distance;
        }
    }
    return best;
}

std::optional<std::pair<std::int64_t, std::int64_t>> rubberBandRange(const TimeScale& scale, double x1, double x2,
                                                                     double minWidthPx)
{
    if (std::abs(x2 - x1) < minWidthPx)
        return std::nullopt;
    const double left = std::min(x1, x2);
    const double right = std::max(x1, x2);
    return std::pair(scale.toNs(left), scale.toNs(right));
}

void ZoomStack::push(const TimeScale& scale)
{
    if (!scales_.empty() && scales_.back().originNs == scale.originNs && scales_.back().nsPerPixel == scale.nsPerPixel)
        return;
    if (scales_.size() == maxDepth)
        scales_.erase(scales_.begin());
    scales_.push_back(scale);
}

std::optional<TimeScale> ZoomStack::pop()
{
    if (scales_.empty())
        return std::nullopt;
    TimeScale scale = scales_.back();
    scales_.pop_back();
    return scale;
}

} // namespace spoor::ui
