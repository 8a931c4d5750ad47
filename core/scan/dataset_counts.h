#pragma once

#include "scan/index_filter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::scan {

// The case's events counted by dataset, in total and without event.ingested. A run with push-down
// reads only candidates, so it takes the counts of a full run (events outside the index patterns, events
// that fall back to @timestamp) from here.
class DatasetCounts
{
public:
    // Counts with one pass over the events table.
    static DatasetCounts load(store::Database& db);

    // Events whose dataset none of the filter's patterns cover.
    std::uint64_t outside(const IndexFilter& filter) const;

    // Covered events without event.ingested.
    std::uint64_t coveredWithoutIngested(const IndexFilter& filter) const;

private:
    struct Entry
    {
        std::string dataset; // empty when the events have none
        std::uint64_t events = 0;
        std::uint64_t withoutIngested = 0;
    };
    std::vector<Entry> entries_;
};

} // namespace spoor::scan
