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
// the start time of every finding.
struct TimelineData
{
    std::vector<TimelineHost> hosts;
    std::vector<TimelineLane> lanes; // per host: listeners first, then connections by exec time
    std::vector<analysis::MinuteBucket> eventsPerMinute;
    std::vector<std::int64_t> findingTimes; // first_ns of every finding, ascending
};

// Returns the number of sshd processes in the case, a cheap measure of how long loadTimelineData takes.
std::int64_t countSshdProcesses(const store::Database& db);

// Reads the timeline of every host. Needs the processes table. Throws store::StoreError, also when another
// thread interrupts the connection to cancel the load.
TimelineData loadTimelineData(store::Database& db);

} // namespace spoor::ui
