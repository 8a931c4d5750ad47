#pragma once

#include "timeline/timeline_lane.h"

#include <QPolygonF>
#include <QString>
#include <cstdint>
#include <map>
#include <vector>

namespace spoor::ui {

// A bookmarked event placed on a lane that has a mark for it.
struct TimelineBookmarkMark
{
    std::int64_t eventId = 0;
    int lane = -1;
    std::int64_t timeNs = 0;
};

// Places every bookmark (note by events.id) on each lane with a mark of its event, ordered by lane and then
// by time. An event on two lanes, such as an accept on its listener's lane and its connection's, gets a
// bookmark mark on both.
std::vector<TimelineBookmarkMark> placeBookmarks(const std::vector<TimelineLane>& lanes,
                                                 const std::map<std::int64_t, QString>& bookmarks);

// Returns the flag drawn for a bookmark whose event's mark is at x on a row starting at `top`. It is a notched
// pennant whose left edge is at x, between the row's top and the mark, so the mark itself stays visible.
QPolygonF bookmarkFlag(double x, double top, double rowHeight);

} // namespace spoor::ui
