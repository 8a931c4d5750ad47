#pragma once

#include "scan/event_order.h"
#include "scan/sequence_pruning.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::scan {

class IndexFilter;

// The position of a candidate's document in the document blocks.
struct CandidateDocument
{
    std::int64_t id = 0; // events.id
    std::int64_t block = 0;
    std::int64_t slot = 0;
};

// The candidates of a pruned sequence run in the run's event order, each with its stage flags and join key
// hashes. Only the hot columns are read, in one pass over the events table, and sorted in memory.
// NOTE: every candidate stays in memory, and while they are sorted each takes about 160 bytes: the XZ rule's
// run over 9.8 million events, with 1.8 million candidates, peaked at 300 MB.
struct SequenceCandidates
{
    std::vector<SequenceCandidate> candidates;
    std::vector<CandidateDocument> documents; // parallel to candidates
    std::vector<KeyHash> keyHashes;
    std::uint64_t rowsRead = 0;       // rows that the push-down condition selected
    std::uint64_t skippedByIndex = 0; // of those, rows outside the rule's index patterns, not kept
    bool cancelled = false;
};

// Reads the candidates of the plan's stages that the index filter covers. `progress` is called with the rows
// read so far and the share of the table passed, at most every 1024 rows. A cancel flag that becomes true
// stops the pass, with `cancelled` set. Throws store::StoreError on other failures.
SequenceCandidates readSequenceCandidates(store::Database& db, const EventOrder& order, const PruningPlan& plan,
                                          const IndexFilter& filter, const std::atomic<bool>* cancel,
                                          const std::function<void(std::uint64_t, double)>& progress);

// The SELECT statement, for tests and benchmarks.
std::string sequenceCandidatesSql(const EventOrder& order, const PruningPlan& plan);

} // namespace spoor::scan
