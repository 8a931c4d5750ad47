#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spoor::eql {
class EqlError;
}
namespace spoor::rules {
struct Rule;
}
namespace spoor::store {
class CaseFile;
}

namespace spoor::scan {

struct RunProgress
{
    std::string ruleName;
    // Events of the case that the run has passed. With push-down this is an estimate from the time of the
    // last candidate read, assuming the events are spread evenly between the first and last @timestamp.
    std::uint64_t eventsScanned = 0;
    std::uint64_t eventsTotal = 0;
    std::uint64_t candidatesRead = 0;
    std::size_t ruleIndex = 0;
    std::size_t ruleCount = 0;

    // Returns the share of the whole run that is done, from 0 to 1: the finished rules plus the current rule's
    // share of the events.
    double fraction() const;
};

struct RunOptions
{
    std::function<void(const RunProgress&)> progress; // called at most about ten times per second
    const std::atomic<bool>* cancel = nullptr;
    // Reads only the events that can match a stage, as found by SQL on the hot columns (see eql/pushdown.h).
    // The findings are the same either way; false reads every event, for comparisons and benchmarks.
    bool pushDown = true;
};

// The outcome of running one rule over a case.
struct RuleRunSummary
{
    std::int64_t runId = 0;   // rule_runs.id
    std::int64_t ruleRow = 0; // rules.id
    std::string ruleId;
    std::string name;
    std::string status;  // "complete", "cancelled", "failed", "unsupported"
    std::string message; // error text for "failed" and "unsupported"
    // The field events were ordered by: the rule's timestamp_override, or @timestamp when no event has it.
    std::string timestampField;
    // Events of the case that the run covered: all of them when the run completes, also with push-down.
    std::uint64_t eventsScanned = 0;
    std::uint64_t candidatesRead = 0; // rows that the candidate SELECT returned
    // Events whose documents were read and evaluated: the candidates within the index patterns, fewer for a
    // sequence whose candidates were pruned by their join keys.
    std::uint64_t documentsRead = 0;
    std::uint64_t timestampFallbacks = 0; // events ordered by @timestamp for lack of timestampField
    std::vector<std::int64_t> findingIds;
    // Fields the query names without ? that have no ECS or mapping type and that no event of the case has;
    // see FieldPresence::unknownFields.
    std::vector<std::string> unknownFields;
    // Problems that did not stop the run, such as unknown fields or a timestamp_override that events lack.
    // message contains them too.
    std::vector<std::string> warnings;
    std::uint64_t eventsSkippedByIndex = 0; // events outside the rule's index patterns
    std::int64_t verdictsCarried = 0;       // findings that took the verdict of an identical earlier finding
};

// Returns "ORIGIN:LINE:COLUMN: message" for an error in the rule's query, with the line counted in the rule's
// TOML file when the loader recorded where the query starts, as `spoor-cli validate` prints it.
std::string queryErrorText(const rules::Rule& rule, const eql::EqlError& error);

// Runs each rule over every event of the case and stores rules, rule_runs, findings and
// finding_events. A complete run copies verdicts from identical findings of earlier runs (see
// carryVerdicts). Events are read in the rule's event order (its timestamp_override, else @timestamp,
// then @timestamp, event.sequence and import order). Runs on the calling thread. A cancel stops the run
// between events and also interrupts a running SQL statement.
std::vector<RuleRunSummary> runRules(store::CaseFile& caseFile, const std::vector<rules::Rule>& rules,
                                     const RunOptions& options = {});

} // namespace spoor::scan
