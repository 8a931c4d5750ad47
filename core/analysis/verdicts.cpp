#include "analysis/verdicts.h"

#include "ecs/timestamp.h"
#include "store/case_file.h"
#include "store/database.h"
#include "store/statement.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>

namespace spoor::analysis {

namespace {

std::string nowIso()
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return ecs::formatIsoTimestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count(), 3);
}

bool isBlank(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

void requireReason(std::string_view reason)
{
    if (isBlank(reason))
        throw VerdictError("missing reason: say why the findings are benign or malicious");
}

std::int64_t updateFindings(store::Database& db, const std::vector<std::int64_t>& findingIds,
                            std::optional<std::string_view> verdict, std::optional<std::string_view> reason)
{
    auto update = db.prepare("UPDATE findings SET verdict = ?, verdict_reason = ? WHERE id = ?");
    std::int64_t updated = 0;
    for (const std::int64_t id : findingIds) {
        update.bind(1, verdict).bind(2, reason).bind(3, id);
        update.run();
        updated += db.changes();
    }
    return updated;
}

// Clears the verdicts of findings from runs before the given finding's run that have its rule_id and the same
// event at every step, from which a later run would otherwise copy the verdict again.
std::int64_t clearIdenticalEarlierVerdicts(store::Database& db, std::int64_t findingId)
{
    auto update = db.prepare(R"sql(
        UPDATE findings SET verdict = NULL, verdict_reason = NULL WHERE id IN (
            SELECT earlier.id FROM findings cleared
            JOIN rules cleared_rule ON cleared_rule.id = cleared.rule
            JOIN rules earlier_rule ON earlier_rule.rule_id = cleared_rule.rule_id
            JOIN findings earlier ON earlier.rule = earlier_rule.id
            WHERE cleared.id = ?1 AND earlier.run < cleared.run AND earlier.verdict IS NOT NULL
              AND (SELECT count(*) FROM finding_events WHERE finding = earlier.id) =
                  (SELECT count(*) FROM finding_events WHERE finding = cleared.id)
              AND NOT EXISTS (
                  SELECT 1 FROM finding_events step WHERE step.finding = cleared.id AND NOT EXISTS (
                      SELECT 1 FROM finding_events same WHERE same.finding = earlier.id
                                                        AND same.step = step.step AND same.event IS step.event)))
    )sql");
    update.bind(1, findingId);
    update.run();
    return db.changes();
}

std::set<std::string> ruleIdsOfFindings(const store::Database& db, const std::vector<std::int64_t>& findingIds)
{
    auto select = db.prepare("SELECT r.rule_id FROM findings f JOIN rules r ON r.id = f.rule WHERE f.id = ?");
    std::set<std::string> ruleIds;
    for (const std::int64_t id : findingIds) {
        select.bind(1, id);
        if (select.step())
            ruleIds.insert(select.text(0));
        select.reset();
    }
    return ruleIds;
}

void validate(const Exclusion& exclusion)
{
    const auto key = groupKeyForField(exclusion.field);
    if (!key) {
        throw VerdictError("invalid exclusion field '" + exclusion.field +
                           "': use one of host.name, user.name, process.command_line, process.executable, "
                           "process.name, process.parent.command_line");
    }
    if (isStepKey(*key) && !exclusion.step)
        throw VerdictError("missing step in the exclusion on " + exclusion.field +
                           ": give the step whose event it compares");
    if (exclusion.ruleId.empty())
        throw VerdictError("missing rule_id in the exclusion on " + exclusion.field + ": give the rule it applies to");
    requireReason(exclusion.reason);
}

std::int64_t insertExclusion(store::Database& db, const Exclusion& exclusion)
{
    validate(exclusion);
    auto insert = db.prepare("INSERT INTO exclusions (rule_id, step, field, value, normalized, reason, created_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)");
    const std::optional<std::int64_t> step =
        isStepKey(*groupKeyForField(exclusion.field)) ? std::optional<std::int64_t>(*exclusion.step) : std::nullopt;
    insert.bind(1, exclusion.ruleId).bind(2, step).bind(3, exclusion.field).bind(4, exclusion.value);
    insert.bind(5, exclusion.normalized ? 1 : 0).bind(6, exclusion.reason);
    insert.bind(7, exclusion.createdAt.empty() ? nowIso() : exclusion.createdAt);
    insert.run();
    return db.lastInsertRowId();
}

std::optional<std::string> ruleIdOfRun(const store::Database& db, std::int64_t runId)
{
    auto select = db.prepare("SELECT r.rule_id FROM rule_runs rr JOIN rules r ON r.id = rr.rule WHERE rr.id = ?");
    select.bind(1, runId);
    return select.step() ? std::optional(select.text(0)) : std::nullopt;
}

// Returns, for each finding of the run that one of `exclusions` matches, the first matching exclusion.
std::map<std::int64_t, const Exclusion*> matchExclusions(const store::Database& db, std::int64_t runId,
                                                         const std::vector<Exclusion>& exclusions)
{
    std::map<std::int64_t, const Exclusion*> matches;
    for (const Exclusion& exclusion : exclusions) {
        const auto key = groupKeyForField(exclusion.field);
        if (!key)
            continue;
        const GroupingRequest request{*key, exclusion.step.value_or(0), runId, false};
        for (const FindingKeyValue& finding : loadFindingKeyValues(db, request)) {
            if (finding.verdict || !finding.value || matches.count(finding.findingId) > 0)
                continue;
            const std::string value = exclusion.normalized ? normalizeVolatile(*finding.value) : *finding.value;
            if (value == exclusion.value)
                matches.emplace(finding.findingId, &exclusion);
        }
    }
    return matches;
}

} // namespace

std::string_view verdictName(Verdict verdict)
{
    return verdict == Verdict::Benign ? "benign" : "malicious";
}

std::optional<Verdict> parseVerdict(std::string_view text)
{
    if (text == "benign")
        return Verdict::Benign;
    if (text == "malicious")
        return Verdict::Malicious;
    return std::nullopt;
}

std::int64_t setVerdict(store::Database& db, const std::vector<std::int64_t>& findingIds, Verdict verdict,
                        std::string_view reason)
{
    requireReason(reason);
    store::Transaction transaction(db);
    const std::int64_t updated = updateFindings(db, findingIds, verdictName(verdict), reason);
    transaction.commit();
    return updated;
}

std::int64_t clearVerdict(store::Database& db, const std::vector<std::int64_t>& findingIds)
{
    store::Transaction transaction(db);
    const std::int64_t updated = updateFindings(db, findingIds, std::nullopt, std::nullopt);
    for (const std::int64_t id : findingIds)
        clearIdenticalEarlierVerdicts(db, id);
    transaction.commit();
    return updated;
}

std::vector<Exclusion> loadExclusions(const store::Database& db)
{
    auto select = db.prepare(
        "SELECT id, rule_id, step, field, value, normalized, reason, created_at FROM exclusions ORDER BY id");
    std::vector<Exclusion> exclusions;
    while (select.step()) {
        Exclusion exclusion;
        exclusion.id = select.int64(0);
        exclusion.ruleId = select.text(1);
        if (const auto step = select.optionalInt64(2))
            exclusion.step = static_cast<int>(*step);
        exclusion.field = select.text(3);
        exclusion.value = select.text(4);
        exclusion.normalized = select.int64(5) != 0;
        exclusion.reason = select.text(6);
        exclusion.createdAt = select.text(7);
        exclusions.push_back(std::move(exclusion));
    }
    return exclusions;
}

std::int64_t addExclusion(store::Database& db, const Exclusion& exclusion)
{
    return insertExclusion(db, exclusion);
}

void removeExclusion(store::Database& db, std::int64_t exclusionId)
{
    auto remove = db.prepare("DELETE FROM exclusions WHERE id = ?");
    remove.bind(1, exclusionId);
    remove.run();
}

std::vector<std::int64_t> excludeGroup(store::Database& db, const FindingGroup& group, const GroupingRequest& request,
                                       std::string_view reason)
{
    const std::string_view field = groupKeyField(request.key);
    if (field.empty())
        throw VerdictError("cannot exclude a group of the rule-version key: group the findings by a field first");
    if (!group.value)
        throw VerdictError("cannot exclude the group \"" + group.label + "\": its findings have no " +
                           std::string(field));
    requireReason(reason);

    store::Transaction transaction(db);
    std::vector<std::int64_t> exclusionIds;
    for (const std::string& ruleId : ruleIdsOfFindings(db, group.findingIds)) {
        Exclusion exclusion;
        exclusion.ruleId = ruleId;
        if (isStepKey(request.key))
            exclusion.step = request.step;
        exclusion.field = std::string(field);
        exclusion.value = *group.value;
        exclusion.normalized = group.normalized;
        exclusion.reason = std::string(reason);
        exclusionIds.push_back(insertExclusion(db, exclusion));
    }
    updateFindings(db, group.findingIds, verdictName(Verdict::Benign), reason);
    transaction.commit();
    return exclusionIds;
}

std::string exclusionVerdictReason(const Exclusion& exclusion)
{
    return "Exclusion " + std::to_string(exclusion.id) + ": " + exclusion.reason;
}

std::int64_t applyExclusions(store::CaseFile& caseFile, std::int64_t runId)
{
    store::Database& db = caseFile.db();
    const auto ruleId = ruleIdOfRun(db, runId);
    if (!ruleId)
        return 0;
    std::vector<Exclusion> exclusions = loadExclusions(db);
    std::erase_if(exclusions, [&](const Exclusion& exclusion) { return exclusion.ruleId != *ruleId; });
    if (exclusions.empty())
        return 0;

    const auto matches = matchExclusions(db, runId, exclusions);
    store::Transaction transaction(db);
    auto update = db.prepare("UPDATE findings SET verdict = 'benign', verdict_reason = ? WHERE id = ?");
    for (const auto& [findingId, exclusion] : matches) {
        update.bind(1, exclusionVerdictReason(*exclusion)).bind(2, findingId);
        update.run();
    }
    transaction.commit();
    return static_cast<std::int64_t>(matches.size());
}

} // namespace spoor::analysis
