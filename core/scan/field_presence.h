#pragma once

#include <atomic>
#include <set>
#include <string>
#include <vector>

namespace spoor::eql {
class Query;
}
namespace spoor::rules {
struct Rule;
}
namespace spoor::store {
class Database;
}

namespace spoor::scan {

// The presence of a query's fields in the events of a case, for planning the query as Elasticsearch would.
struct FieldPresence
{
    // The ?optional fields that at least one event has a value for, for QueryOptions::mappedFields. The
    // other ?optional fields read as the literal null, as Elasticsearch plans a ?field that no index
    // mapping lists.
    std::set<std::string, std::less<>> mappedOptionalFields;
    // Fields written without ? that have no type in the query's mappings (the built-in ECS types and any
    // mapping file) and that no event has. Elasticsearch rejects such a query ("Unknown column"), and the name
    // is probably a typo, so callers warn.
    std::vector<std::string> unknownFields;
};

// Checks the fields of `query` against the events of the case with analysis::takeCensus, which counts in
// SQL for fields with a column and caches the counts of the others per case. Throws store::StoreError, and
// analysis::CensusCancelled when `cancelled` is set during a pass over the documents.
FieldPresence checkFieldPresence(store::Database& db, const eql::Query& query,
                                 const std::atomic<bool>* cancelled = nullptr);

// Counts the fields that checkFieldPresence reads for every EQL rule in one pass over the documents, so that
// the checks of the single rules read the case's census cache. Rules that do not parse are skipped. Throws
// like checkFieldPresence.
void countRuleFields(store::Database& db, const std::vector<rules::Rule>& rules,
                     const std::atomic<bool>* cancelled = nullptr);

} // namespace spoor::scan
