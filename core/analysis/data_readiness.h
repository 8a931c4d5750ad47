#pragma once

#include "analysis/field_census.h"
#include "analysis/rule_needs.h"
#include "rules/rule.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// One finding of the readiness check, about the whole rule (step 0) or one step.
struct ReadinessNote
{
    enum class Severity {
        Information, // worth knowing, changes nothing
        Warning,     // the rule runs, but differently than on the data it was written for
        Blocking,    // the step can match no event of this case
    };

    Severity severity = Severity::Information;
    int step = 0;
    std::string field; // empty when the note is not about one field
    std::string message;
};

// Whether a rule can match on the data of a case, and why not.
struct RuleReadiness
{
    enum class Verdict {
        Ready,       // every field and value the rule needs is in the data
        Partly,      // the rule can match, but some of its fields or its timestamp field are missing
        CannotMatch, // a required step can match no event, so "no findings" says nothing about the host
        Unsupported, // not an EQL rule, or its query does not parse
    };

    std::string ruleId;
    std::string name;
    std::string updatedDate;
    Verdict verdict = Verdict::Ready;
    RuleNeeds needs;
    std::vector<ReadinessNote> notes;
};

// Process generations of a case and how many got a derived key because their events lack process.entity_id.
struct EntityKeyCounts
{
    std::int64_t generations = 0;
    std::int64_t inferred = 0;
};

struct ReadinessReport
{
    Census census;
    EntityKeyCounts entityKeys;
    std::vector<std::string> sourceFormats; // sources.format of every imported file, each once
    std::vector<RuleReadiness> rules;
};

// Returns the census request that covers every field and value the rules need, and the rules' timestamp
// fields; rules that are not EQL or do not parse add nothing.
CensusRequest censusRequestFor(const std::vector<RuleNeeds>& needs);

// Judges one rule against the counts of a case. Pure: reads nothing but its arguments and the source
// format table (ingest::sourceCapabilities), which explains fields that the case's formats cannot provide.
RuleReadiness judgeRule(const rules::Rule& rule, const RuleNeeds& needs, const Census& census,
                        const EntityKeyCounts& entityKeys, const std::vector<std::string>& sourceFormats = {});

// Checks each rule against the case: parses the rules, takes one census of everything they need (see
// takeCensus for cost, caching and cancellation) and judges each rule.
ReadinessReport assessReadiness(store::Database& db, const std::vector<rules::Rule>& rules,
                                const std::atomic<bool>* cancelled = nullptr,
                                const std::function<void(double)>& progress = {});

// Returns the built-in rules and every other rule version stored in the case, each once.
std::vector<rules::Rule> readinessRules(const store::Database& db);

const char* verdictText(RuleReadiness::Verdict verdict);

} // namespace spoor::analysis
