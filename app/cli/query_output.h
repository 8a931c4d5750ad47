#pragma once

#include "eql/executor.h"
#include "eql/query.h"
#include "scan_results.h"

#include <iosfwd>
#include <string>

namespace spoor::store {
class Database;
}

namespace spoor::cli {

// Writes the results of one query as they are found, in the json, ndjson or text format of spoor-cli query,
// keeping only the current hit in memory. The json format is the _eql/search response that nlohmann::json
// prints with an indent of 2, so "total" follows the hits (keys are sorted) and can be counted on the way.
class QueryOutput
{
public:
    QueryOutput(store::Database& db, const eql::Query& query, std::string format, std::ostream& out);

    // Writes one result: an event hit for event queries, a {"join_keys", "events"} sequence otherwise.
    void write(const eql::Match& match);

    // Writes what follows the last result: the end of the hits list and the total, or the count line.
    void finish();

private:
    nlohmann::json hitFor(const eql::Match& match);
    void writeJsonHit(const nlohmann::json& hit);

    EventHitReader reader_;
    const eql::Query& query_;
    std::string format_;
    std::ostream& out_;
    std::size_t count_ = 0;
};

} // namespace spoor::cli
