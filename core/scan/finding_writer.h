#pragma once

#include "eql/executor.h"

#include <cstdint>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::scan {

// Stores the matches of one rule run as findings and finding_events, in one transaction, and returns the
// new findings.id values in match order. Host, user and time span come from the matched events' columns.
std::vector<std::int64_t> writeFindings(store::Database& db, std::int64_t runId, std::int64_t ruleRow,
                                        const std::vector<eql::Match>& matches, const char* sqlTimeExpression);

} // namespace spoor::scan
