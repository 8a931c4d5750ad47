#include "finding_process_states.h"

#include "analysis/process_tree.h"
#include "finding_steps.h"

#include <algorithm>

namespace spoor::ui {

std::map<std::int64_t, ReviewState> loadFindingProcessStates(const store::Database& db)
{
    std::map<std::int64_t, ReviewState> processes;
    for (const FindingEventVerdict& step : loadFindingEventVerdicts(db)) {
        const auto process = analysis::processForEvent(db, step.eventId);
        if (!process)
            continue;
        const ReviewState state = reviewState(step.verdict);
        auto [position, added] = processes.try_emplace(process->id, state);
        if (!added)
            position->second = std::max(position->second, state);
    }
    return processes;
}

} // namespace spoor::ui
