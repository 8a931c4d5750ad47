#pragma once

#include "rules/rule.h"
#include "scan/rule_runner.h"
#include "store/document_store.h"
#include "store/statement.h"

#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::cli {

// Renders events of a case as the hits of an Elasticsearch _eql/search response.
class EventHitReader
{
public:
    explicit EventHitReader(store::Database& db);

    // Returns {"_index", "_id", "_source"} of the event (_index and _id only when the input had them), or
    // the missing-event placeholder {"_index": "", "_id": "", "_source": {}, "missing": true} for nullopt.
    nlohmann::json hit(std::optional<std::int64_t> eventId);

private:
    store::Statement lookup_;
    store::DocumentStore documents_;
};

// Builds the "hits" object of an _eql/search response from {"join_keys", "events"} matches: "sequences"
// for sequence and sample queries, else the matches' events as "events".
nlohmann::json hitsObject(std::vector<nlohmann::json> matches, bool sequenceQuery);

// Writes one event as a readable line numbered step, or "(missing event)" for the missing-event placeholder.
void writeEventText(const nlohmann::json& event, std::size_t step, std::ostream& out);

// Writes one {"join_keys", "events"} sequence as a "match N, join keys [...]" line and one line per event.
void writeSequenceText(const nlohmann::json& sequence, std::size_t index, std::ostream& out);

// Writes hits as readable lines: a "match N, join keys [...]" line per sequence and one line per event.
void writeHitsText(const nlohmann::json& hits, std::ostream& out);

// Builds {"rules": [...]}: per rule its metadata, the run's status and timestamp field, and "hits" shaped
// like the "hits" of an Elasticsearch _eql/search response ("sequences" with join_keys and events, or
// "events"), each event with its original _source and, when the input had them, _index and _id.
nlohmann::json scanResultsJson(store::Database& db, const std::vector<rules::Rule>& rules,
                               const std::vector<scan::RuleRunSummary>& runs);

// Writes a readable summary of the same results: one block per rule, one line per finding step.
void writeScanResultsText(const nlohmann::json& results, std::ostream& out);

} // namespace spoor::cli
