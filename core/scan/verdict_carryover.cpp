#include "scan/verdict_carryover.h"

#include "store/database.h"
#include "store/statement.h"

#include <map>
#include <optional>
#include <vector>

namespace spoor::scan {

namespace {

// The events of a finding by step, with nullopt at a missing-event position.
using StepEvents = std::vector<std::optional<std::int64_t>>;

struct EarlierFinding
{
    std::int64_t id = 0;
    std::int64_t ruleRow = 0;
    std::string ruleVersion; // rules.updated_date
    std::optional<std::string> verdict;
    std::optional<std::string> reason;
};

struct RunRule
{
    std::string ruleId;
    std::int64_t ruleRow = 0;
};

std::optional<RunRule> ruleOfRun(const store::Database& db, std::int64_t runId)
{
    auto select = db.prepare("SELECT r.rule_id, r.id FROM rule_runs rr JOIN rules r ON r.id = rr.rule WHERE rr.id = ?");
    select.bind(1, runId);
    if (!select.step())
        return std::nullopt;
    return RunRule{select.text(0), select.int64(1)};
}

bool earlierVerdictExists(const store::Database& db, const std::string& ruleId, std::int64_t runId)
{
    auto select = db.prepare("SELECT EXISTS (SELECT 1 FROM findings f JOIN rules r ON r.id = f.rule"
                             " WHERE r.rule_id = ? AND f.run < ? AND f.verdict IS NOT NULL)");
    select.bind(1, ruleId).bind(2, runId);
    select.step();
    return select.int64(0) != 0;
}

// Returns the findings of the run by their step events.
std::map<StepEvents, std::vector<std::int64_t>> findingsOfRun(const store::Database& db, std::int64_t runId)
{
    auto select = db.prepare("SELECT fe.finding, fe.event FROM finding_events fe JOIN findings f ON f.id = fe.finding"
                             " WHERE f.run = ? ORDER BY fe.finding, fe.step");
    select.bind(1, runId);
    std::map<StepEvents, std::vector<std::int64_t>> findings;
    std::optional<std::int64_t> current;
    StepEvents steps;
    while (select.step()) {
        const std::int64_t finding = select.int64(0);
        if (current && *current != finding) {
            findings[steps].push_back(*current);
            steps.clear();
        }
        current = finding;
        steps.push_back(select.optionalInt64(1));
    }
    if (current)
        findings[steps].push_back(*current);
    return findings;
}

// Returns, for each distinct set of step events, the newest finding with a verdict of the rule in a run before
// `runId`.
std::map<StepEvents, EarlierFinding> newestEarlierVerdicts(const store::Database& db, const std::string& ruleId,
                                                           std::int64_t runId)
{
    auto select =
        db.prepare("SELECT f.id, f.rule, r.updated_date, f.verdict, f.verdict_reason, fe.event"
                   " FROM findings f JOIN rules r ON r.id = f.rule JOIN finding_events fe ON fe.finding = f.id"
                   " WHERE r.rule_id = ? AND f.run < ? AND f.verdict IS NOT NULL ORDER BY f.id DESC, fe.step");
    select.bind(1, ruleId).bind(2, runId);
    std::map<StepEvents, EarlierFinding> newest;
    std::optional<EarlierFinding> current;
    StepEvents steps;
    while (select.step()) {
        const std::int64_t finding = select.int64(0);
        if (current && current->id != finding) {
            newest.try_emplace(steps, *current);
            steps.clear();
            current.reset();
        }
        if (!current)
            current = EarlierFinding{finding, select.int64(1), select.text(2), select.optionalText(3),
                                     select.optionalText(4)};
        steps.push_back(select.optionalInt64(5));
    }
    if (current)
        newest.try_emplace(steps, *current);
    return newest;
}

std::string copiedReason(const EarlierFinding& source, std::int64_t ruleRow)
{
    const std::string reason = source.reason.value_or("");
    // A reason that was copied already names the finding the analyst judged, so it is kept as it is.
    if (reason.starts_with(copiedVerdictPrefix))
        return reason;
    std::string copied = copiedVerdictPrefix + std::to_string(source.id);
    if (source.ruleRow != ruleRow)
        copied += " (rule version " + source.ruleVersion + ")";
    return copied + ": " + reason;
}

} // namespace

std::int64_t carryVerdicts(store::Database& db, std::int64_t runId)
{
    const auto rule = ruleOfRun(db, runId);
    if (!rule || !earlierVerdictExists(db, rule->ruleId, runId))
        return 0;
    const auto earlier = newestEarlierVerdicts(db, rule->ruleId, runId);

    store::Transaction transaction(db);
    auto update = db.prepare("UPDATE findings SET verdict = ?, verdict_reason = ? WHERE id = ? AND verdict IS NULL");
    std::int64_t carried = 0;
    for (const auto& [steps, findingIds] : findingsOfRun(db, runId)) {
        const auto source = earlier.find(steps);
        if (source == earlier.end())
            continue;
        const std::string reason = copiedReason(source->second, rule->ruleRow);
        for (const std::int64_t findingId : findingIds) {
            update.bind(1, *source->second.verdict).bind(2, reason).bind(3, findingId);
            update.run();
            carried += db.changes();
        }
    }
    transaction.commit();
    return carried;
}

} // namespace spoor::scan
