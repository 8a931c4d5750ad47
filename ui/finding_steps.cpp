#include "finding_steps.h"

#include "store/database.h"
#include "store/statement.h"

namespace spoor::ui {

std::vector<FindingStep> loadFindingSteps(const store::Database& db, std::int64_t findingId)
{
    auto select = db.prepare("SELECT fe.step, fe.event, e.timestamp_ns FROM finding_events fe"
                             " LEFT JOIN events e ON e.id = fe.event WHERE fe.finding = ? ORDER BY fe.step");
    select.bind(1, findingId);
    std::vector<FindingStep> steps;
    while (select.step())
        steps.push_back({static_cast<int>(select.int64(0)) + 1, select.optionalInt64(1), select.optionalInt64(2)});
    return steps;
}

std::vector<std::int64_t> loadAllFindingEvents(const store::Database& db)
{
    auto select = db.prepare("SELECT DISTINCT fe.event FROM finding_events fe JOIN findings f ON f.id = fe.finding"
                             " WHERE fe.event IS NOT NULL AND f.run IN"
                             " (SELECT max(id) FROM rule_runs WHERE status = 'complete' GROUP BY rule)");
    std::vector<std::int64_t> events;
    while (select.step())
        events.push_back(select.int64(0));
    return events;
}

std::vector<FindingEventVerdict> loadFindingEventVerdicts(const store::Database& db)
{
    auto select = db.prepare("SELECT fe.event, f.verdict FROM finding_events fe JOIN findings f ON f.id = fe.finding"
                             " WHERE fe.event IS NOT NULL AND f.run IN"
                             " (SELECT max(id) FROM rule_runs WHERE status = 'complete' GROUP BY rule)");
    std::vector<FindingEventVerdict> events;
    while (select.step())
        events.push_back({select.int64(0), select.optionalText(1)});
    return events;
}

} // namespace spoor::ui
