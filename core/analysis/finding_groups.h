#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// The value that groups findings. The Step* keys read one event of each finding, at GroupingRequest::step.
enum class GroupKey {
    RuleVersion,     // rules.id: one rule_id at one updated_date and query
    Host,            // findings.host_name, from the first step
    User,            // findings.user_name, from the first step
    StepCommandLine, // process.command_line of the step event
    StepExecutable,  // process.executable of the step event
    StepProcessName, // process.name of the step event
    StepParent,      // process.parent.command_line of the step event, else process.parent.name
};

// Returns true for the keys that read a step event.
bool isStepKey(GroupKey key);

// Returns the ECS field a key compares, as stored in exclusions.field: "host.name", "process.command_line",
// ... Returns an empty string for RuleVersion, which matches no event field.
std::string_view groupKeyField(GroupKey key);

// Returns the key whose groupKeyField is `field`, or nullopt for an unknown field.
std::optional<GroupKey> groupKeyForField(std::string_view field);

struct GroupingRequest
{
    GroupKey key = GroupKey::StepCommandLine;
    int step = 1;                    // 0-based step for the Step* keys; 1 is the second step
    std::optional<std::int64_t> run; // rule_runs.id; nullopt: the latest complete run of each rule
    bool normalizeVolatile = true;   // merge values that differ only in volatileParts
};

// One group: the findings that share a key value.
struct FindingGroup
{
    std::string label;                    // the value shown to the analyst; "(none)" when the value is missing
    std::optional<std::string> value;     // the key value compared by an exclusion; nullopt when missing
    bool normalized = false;              // value is normalizeVolatile's output and differs from a raw value
    std::vector<std::string> rawValues;   // the distinct raw values, sorted; one entry unless normalized
    std::optional<std::int64_t> firstNs;  // earliest first step of the group's findings
    std::optional<std::int64_t> lastNs;   // latest last step
    std::vector<std::int64_t> findingIds; // by first step time, then id
    std::int64_t benign = 0;              // findings with verdict 'benign'
    std::int64_t malicious = 0;           // findings with verdict 'malicious'

    std::int64_t count() const { return static_cast<std::int64_t>(findingIds.size()); }
};

// The key value of one finding.
struct FindingKeyValue
{
    std::int64_t findingId = 0;
    std::int64_t ruleRow = 0; // rules.id
    std::string ruleId;       // rules.rule_id
    std::optional<std::string> value;
    std::string label; // for RuleVersion: "NAME (UPDATED_DATE)"; otherwise the value
    std::optional<std::int64_t> firstNs;
    std::optional<std::int64_t> lastNs;
    std::optional<std::string> verdict;
};

// Reads the key value of every finding of the request's run (or of the latest complete run of each
// rule). A finding without the requested step, or whose step event lacks the field, has no value.
// Throws store::StoreError.
std::vector<FindingKeyValue> loadFindingKeyValues(const store::Database& db, const GroupingRequest& request);

// Groups the findings of the request's run by its key, largest group first (ties: earliest first step,
// then label). Throws store::StoreError.
std::vector<FindingGroup> groupFindings(const store::Database& db, const GroupingRequest& request);

// Replaces the volatile parts of a command line or path: each run of digits inside an argument that
// contains /tmp/, /var/tmp/, /dev/shm/ or starts with /proc/ becomes "#". "/tmp/tmp.4711/x" and
// "/tmp/tmp.815/x" both become "/tmp/tmp.#/x"; "sleep 30" and user names are kept as they are.
std::string normalizeVolatile(std::string_view value);

} // namespace spoor::analysis
