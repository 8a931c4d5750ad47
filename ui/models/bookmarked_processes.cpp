#include "models/bookmarked_processes.h"

#include "analysis/process_tree.h"
#include "store/database.h"
#include "store/statement.h"

#include <vector>

namespace spoor::ui {

std::set<std::int64_t> loadBookmarkedProcesses(const store::Database& db)
{
    std::vector<std::int64_t> events;
    auto select = db.prepare("SELECT DISTINCT event FROM bookmarks");
    while (select.step())
        events.push_back(select.int64(0));
    std::set<std::int64_t> processes;
    for (const std::int64_t event : events) {
        if (const auto process = analysis::processForEvent(db, event))
            processes.insert(process->id);
    }
    return processes;
}

} // namespace spoor::ui
