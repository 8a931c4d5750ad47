#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

enum class SurroundingScope {
    Host,   // events with the same host.id (events without host.id form one group)
    Process // events with the same process.entity_id
};

// Returns the ids of up to `count` events before and `count` events after an event, and the event
// itself, in the table's time order (@timestamp with missing values first, then import order), among the
// events of the same host or process. Returns an empty vector when the event does not exist, and only
// the event itself for Process scope when it has no process.entity_id. Throws store::StoreError.
std::vector<std::int64_t> surroundingEvents(const store::Database& db, std::int64_t eventId, SurroundingScope scope,
                                            int count);

} // namespace spoor::ui
