#pragma once

#include "eql/string_matcher.h"

#include <string>
#include <vector>

namespace spoor::eql {
class Query;
}

namespace spoor::analysis {

// One use of a document field in a step's condition.
struct FieldUse
{
    enum class Kind {
        Equals,   // == or in with constants: the field must hold one of `values`
        Matches,  // ":", like or regex: the field must match one of `values`, compiled in `matchers`
        Tests,    // ordered comparison, function call or `!= null`: the field must be present
        Excludes, // != or `not`: Elasticsearch treats these as a set complement, so a missing field satisfies them
        IsNull,   // == null: satisfied by events without the field
    };

    std::string field; // document path read, after aliases
    Kind kind = Kind::Tests;
    std::string op; // the operator as written: "==", "!=", "in", "in~", ":", "like", "like~", "regex", "regex~"
    std::vector<std::string> values;          // constants or patterns as text, for Equals, Matches and Excludes
    std::vector<eql::StringMatcher> matchers; // Matches: one per value, compiled by the analyser
    bool caseInsensitive = false;             // Equals: in~ compares folded text
    // True when the condition reaches this use through `and` only, so no event without it matches the step.
    bool required = false;
    bool optional = false; // written as ?field
};

// What one stage of a query reads: its event category, the join keys and the condition's field uses.
struct StepNeeds
{
    int number = 0;            // 1-based position in the query; the `until` stage comes last
    std::string category;      // empty for `any`
    bool missingEvent = false; // ![...]: the step matches when such an event is absent
    bool until = false;
    std::vector<std::string> keyFields; // non-optional join keys that are plain fields
    std::vector<FieldUse> uses;
};

// The fields and values an EQL rule needs, per step, and the time field its order is taken from.
struct RuleNeeds
{
    std::string timestampField = "@timestamp"; // the rule's timestamp_override when it sets one
    std::vector<StepNeeds> steps;

    // Returns every field the rule reads, sorted and unique: keys, conditions and event.category when a
    // step names a category.
    std::vector<std::string> fields() const;
};

// Walks the analysed syntax tree of a query and lists what each stage reads.
RuleNeeds ruleNeeds(const eql::Query& query, const std::string& timestampOverride = {});

} // namespace spoor::analysis
