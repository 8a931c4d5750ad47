#pragma once

#include "rules/rule.h"
#include "scan/rule_runner.h"

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::cli {

// Builds {"rules": [...]}: per rule its metadata, the run's status and timestamp field, and "hits" shaped
// like the "hits" of an Elasticsearch _eql/search response ("sequences" with join_keys and events, or
// "events"), each event with its original _source and, when the input had them, _index and _id.
nlohmann::json scanResultsJson(store::Database& db, const std::vector<rules::Rule>& rules,
                               const std::vector<scan::RuleRunSummary>& runs);

// Writes a readable summary of the same results: one block per rule, one line per finding step.
void writeScanResultsText(const nlohmann::json& results, std::ostream& out);

} // namespace spoor::cli
