#pragma once

#include <cstdint>
#include <string>

namespace spoor::store {
class Database;
}

namespace spoor::scan {

// The start of the verdict_reason of a verdict copied from an earlier finding; the rest names the source.
inline constexpr const char* copiedVerdictPrefix = "Copied from finding ";

// Copies verdicts onto the findings of rule run `runId` from identical findings of earlier runs: findings of
// the same rule_id, any rule version, with the same event at every step. The newest identical earlier
// finding with a verdict decides, so earlier runs that copied nothing (as older builds did) are skipped.
// analysis::clearVerdict clears identical earlier findings too, so a cleared verdict is not copied back.
// The copied verdict_reason is "Copied from finding ID: REASON", with the source's rule version after ID
// when it differs. Returns the number of findings that received a verdict. Throws store::StoreError.
std::int64_t carryVerdicts(store::Database& db, std::int64_t runId);

} // namespace spoor::scan
