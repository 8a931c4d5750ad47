#pragma once

#include "analysis/finding_groups.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::store {
class CaseFile;
class Database;
} // namespace spoor::store

namespace spoor::analysis {

// An analyst's decision on a finding, stored in findings.verdict.
enum class Verdict { Benign, Malicious };

// Returns "benign" or "malicious", the text stored in findings.verdict.
std::string_view verdictName(Verdict verdict);
std::optional<Verdict> parseVerdict(std::string_view text);

// Raised for a verdict or exclusion that cannot be stored as requested: no reason, no key value, or a
// key that matches no event field.
class VerdictError : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

// Sets the verdict and reason of the given findings in one transaction and returns how many findings
// exist among them. Throws VerdictError when the reason is blank, store::StoreError on a database error.
std::int64_t setVerdict(store::Database& db, const std::vector<std::int64_t>& findingIds, Verdict verdict,
                        std::string_view reason);

// Removes the verdict and reason of the given findings and of the identical findings of earlier runs (same
// rule_id, same event at every step), which later runs would copy it from. Returns how many of the given
// findings exist.
std::int64_t clearVerdict(store::Database& db, const std::vector<std::int64_t>& findingIds);

// A rule that marks future findings benign: a finding of rule `ruleId` (any version) whose key value for
// `field` (of step `step` for step fields) equals `value`.
struct Exclusion
{
    std::int64_t id = 0;
    std::string ruleId;      // rules.rule_id
    std::optional<int> step; // 0-based; nullopt for host.name and user.name
    std::string field;       // groupKeyField of a GroupKey other than RuleVersion
    std::string value;
    bool normalized = false; // value is compared with normalizeVolatile of the finding's value
    std::string reason;
    std::string createdAt; // ISO-8601 UTC
};

// Lists the exclusions of a case in creation order. Throws store::StoreError.
std::vector<Exclusion> loadExclusions(const store::Database& db);

// Stores an exclusion and returns its id; createdAt is set to now when empty. Throws VerdictError for an
// unknown field, a step field without a step, or a blank reason.
std::int64_t addExclusion(store::Database& db, const Exclusion& exclusion);

// Deletes an exclusion. Verdicts it has already set stay.
void removeExclusion(store::Database& db, std::int64_t exclusionId);

// Marks the group's findings benign and stores one exclusion per rule among them, in one transaction, so
// that later runs mark matching findings benign too. Returns the exclusion ids. Throws VerdictError for
// the RuleVersion key, a group without a value or a blank reason.
std::vector<std::int64_t> excludeGroup(store::Database& db, const FindingGroup& group, const GroupingRequest& request,
                                       std::string_view reason);

// Returns the verdict reason that exclusion `exclusion` gives a finding: "Exclusion ID: REASON".
std::string exclusionVerdictReason(const Exclusion& exclusion);

// Marks benign, with exclusionVerdictReason, each finding of a rule run that has no verdict yet and
// matches an exclusion of the run's rule. Returns the number of findings marked. Call it after every rule
// run. Throws store::StoreError.
std::int64_t applyExclusions(store::CaseFile& caseFile, std::int64_t runId);

} // namespace spoor::analysis
