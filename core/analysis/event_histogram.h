#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// Number of events of one host whose @timestamp falls in one UTC minute.
struct MinuteBucket
{
    std::optional<std::string> hostId;
    std::string hostName;
    std::int64_t minuteStartNs = 0;
    std::int64_t count = 0;
};

// Counts events per host and minute, ordered by host and minute. Events without @timestamp are not counted.
std::vector<MinuteBucket> eventsPerMinute(store::Database& db);

} // namespace spoor::analysis
