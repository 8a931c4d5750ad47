#pragma once

#include "analysis/event_histogram.h"
#include "timeline/timeline_lane.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// Everything the timeline panel shows for a case: sshd lanes of every host, events per minute per host and
// the minutes in which findings start.
struct TimelineData
{
    std::vector<TimelineHost> hosts;
    std::vector<TimelineLane> lanes; // per host: listeners first, then connections by exec time
    std::vector<analysis::MinuteBucket> eventsPerMinute;
    std::vector<std::int64_t> findingTimes; // each minute with findings of the latest runs, by first_ns, ascending
};

// Returns the number of sshd processes in the case, counting no further than `limit`: a cheap measure of how
// long loadTimelineData takes.
std::int64_t countSshdProcesses(const store::Database& db, std::int64_t limit);

// Reads the timeline of every host. Needs the processes table. Throws store::StoreError, also when another
// thread interrupts the connection to cancel the load.
TimelineData loadTimelineData(store::Database& db);

} // namespace spoor::ui
