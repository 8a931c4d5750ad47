#pragma once

#include "timeline/time_scale.h"
#include "timeline/timeline_lane.h"

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace spoor::ui {

// Decides whether a lane is shown.
using LanePredicate = std::function<bool(const TimelineLane&)>;

// One row of the timeline: a host header or a lane.
struct TimelineRow
{
    enum class Kind { Host, Lane };

    Kind kind = Kind::Lane;
    int index = 0; // into the host list for Host rows, into the lane list for Lane rows
};

// Lists the rows of the timeline: per host, in host order, a header row and then the host's visible lanes
// in lane order. A host without a visible lane gets no header. `visible` null shows every lane.
std::vector<TimelineRow> layoutRows(const std::vector<TimelineLane>& lanes, int hostCount,
                                    const std::function<bool(const TimelineLane&)>& visible = {});

// The vertical geometry of the rows below the time axis: rows of equal height, scrolled by scrollY pixels.
struct RowGeometry
{
    int top = 24; // height of the time axis above the first row
    int rowHeight = 22;

    // Returns the row under viewport y, or -1 above the rows or past the last one.
    int rowAt(double y, int scrollY, int rowCount) const;
    double rowTop(int row, int scrollY) const { return top + static_cast<double>(row) * rowHeight - scrollY; }
    // Returns the half-open range of rows at least partly inside a viewport of the given height.
    std::pair<int, int> visibleRows(int scrollY, int viewportHeight, int rowCount) const;
    // Returns the scroll position that shows the row whole with the least movement from scrollY.
    int scrollToShow(int row, int scrollY, int viewportHeight) const;
    int contentHeight(int rowCount) const { return rowCount * rowHeight; }
};

// Returns the half-open range of a lane's marks (sorted by time) whose time falls in [firstNs, lastNs].
std::pair<std::size_t, std::size_t> marksBetween(const TimelineLane& lane, std::int64_t firstNs, std::int64_t lastNs);

// Returns the index of the lane's mark nearest to x (in the scale's pixels) within tolerancePx, or -1.
int markAt(const TimelineLane& lane, const TimeScale& scale, double x, double tolerancePx);

// Returns the time range between two x positions of a rubber band, in either order, or nullopt when the
// band is narrower than minWidthPx (a click rather than a drag).
std::optional<std::pair<std::int64_t, std::int64_t>> rubberBandRange(const TimeScale& scale, double x1, double x2,
                                                                     double minWidthPx = 4);

// The scales to go back to, most recent last. Holds at most maxDepth entries and drops the oldest.
class ZoomStack
{
public:
    static constexpr std::size_t maxDepth = 64;

    void push(const TimeScale& scale);
    // Removes and returns the most recent scale, or nullopt when the stack is empty.
    std::optional<TimeScale> pop();
    void clear() { scales_.clear(); }
    std::size_t size() const { return scales_.size(); }
    bool empty() const { return scales_.empty(); }

private:
    std::vector<TimeScale> scales_;
};

} // namespace spoor::ui
