#pragma once

#include <atomic>

namespace spoor::store {
class CaseFile;
}

namespace spoor::analysis {

// Rebuilds the processes table from the events in one pass ordered by host and time: one row per process
// generation, keyed by process.entity_id or, without it, by "host|pid|start" (entity_inferred = 1). An exec
// is its own generation whose tree parent is the fork generation of the same pid; parent_id is NULL when
// the parent is not in the dump. Also creates the indexes that the tree and sshd queries use. Runs in one
// write transaction, so when *cancel becomes true the table keeps its previous rows. Throws StoreError.
void buildProcessTable(store::CaseFile& caseFile, const std::atomic<bool>* cancel = nullptr);

} // namespace spoor::analysis
