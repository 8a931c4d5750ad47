#pragma once

#include "eql/pushdown.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace spoor::eql {
struct AnalysedQuery;
}

namespace spoor::scan {

// The push-down condition and the join key columns of each stage of a sequence query, with which a rule run
// prunes the query's candidates by their hot columns alone.
struct PruningPlan
{
    std::vector<eql::SqlCondition> stageConditions;   // one per stage, in stage order
    std::vector<std::size_t> stageKeySet;             // per stage: its index in keySets
    std::vector<std::vector<eql::HotColumn>> keySets; // the distinct lists of join key columns
    std::int64_t maxspanNs = 0;
};

// Returns the plan for a sequence with maxspan, without `until` and without missing-event stages. Every stage
// needs a push-down condition, and every join key must be a field with a hot column of its mapped type, of the
// same kind (integer or text) at each key position in every stage. Returns std::nullopt for any other query.
std::optional<PruningPlan> planPruning(const eql::AnalysedQuery& query,
                                       std::string_view categoryField = "event.category");

// A hash of the join key columns of one stage, equal for events whose join keys are equal. Collisions only
// keep more candidates.
using KeyHash = std::uint64_t;
constexpr KeyHash unknownKey = 0; // a key column is NULL, so the event may have any join key

// One candidate of a pruned run, as its pass over the case read it.
struct SequenceCandidate
{
    std::int64_t timeNs = 0;   // the time the executor receives
    std::uint32_t stages = 0;  // bit p: the event satisfies stage p's push-down condition
    std::size_t keyOffset = 0; // its first hash in the key hash array, one hash per key set
};

// Decides which candidates can take part in a match. A candidate of stage p > 0 needs a candidate of stage
// p - 1 with the same join key before it, and one of stage p + 1 after it when p is not the last stage, each
// at most maxspan away and itself useful. The executor's results over the useful candidates equal those
// over all candidates: a dropped event would only have started, advanced or ended a sequence that no later
// event can complete within maxspan.
// Expects the candidates in event order. Returns one flag per candidate, all true when the times decrease
// anywhere (events without a time, or before 1970, sort before their time order).
std::vector<bool> findUsefulCandidates(std::span<const SequenceCandidate> candidates,
                                       std::span<const KeyHash> keyHashes, const PruningPlan& plan);

} // namespace spoor::scan
