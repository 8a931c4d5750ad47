#pragma once

#include <cstdint>
#include <set>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// Returns the processes.id of every process generation that has a bookmarked event (bookmarks table).
// Throws store::StoreError.
std::set<std::int64_t> loadBookmarkedProcesses(const store::Database& db);

} // namespace spoor::ui
