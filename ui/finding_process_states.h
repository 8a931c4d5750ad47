#pragma once

#include "review_state.h"

#include <cstdint>
#include <map>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// Returns, for every process in which a finding step ran, the most severe review state among those steps, for the
// process tree's badges. Runs one lookup per step event, so the main window calls it on a worker thread.
std::map<std::int64_t, ReviewState> loadFindingProcessStates(const store::Database& db);

} // namespace spoor::ui
