#include "timeline/timeline_bookmarks.h"

namespace spoor::ui {

std::vector<TimelineBookmarkMark> placeBookmarks(const std::vector<TimelineLane>& lanes,
                                                 const std::map<std::int64_t, QString>& bookmarks)
{
    std::vector<TimelineBookmarkMark> placed;
    if (bookmarks.empty())
        return placed;
    for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
        for (const TimelineMark& mark : lanes[lane].marks) {
            if (bookmarks.count(mark.eventId) > 0)
                placed.push_back({mark.eventId, static_cast<int>(lane), mark.timeNs});
        }
    }
    return placed;
}

QPolygonF bookmarkFlag(double x, double top, double rowHeight)
{
    // Marks have a radius under a quarter of the row, so the flag ends half a pixel above them. Its notched end
    // copies the bookmark badge of the event table.
    const double flagTop = top + 1;
    const double flagBottom = top + rowHeight / 4;
    const double width = rowHeight / 2.5;
    QPolygonF flag;
    flag << QPointF(x - 0.75, flagBottom) << QPointF(x - 0.75, flagTop) << QPointF(x + width, flagTop)
         << QPointF(x + width * 0.6, (flagTop + flagBottom) / 2) << QPointF(x + width, flagBottom);
    return flag;
}

} // namespace spoor::ui
