#pragma once

#include "ecs/event.h"
#include "ecs/value.h"
#include "eql/query.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace spoor::eql {

struct QueryOptions
{
    std::string eventCategoryField = "event.category";
    std::string timestampField = "@timestamp"; // informational; the caller orders events and passes times
    std::string tiebreakerField;               // informational; empty: none
    std::optional<std::size_t> size;           // maximum number of results after the pipes; no limit when empty
    std::size_t maxSamplesPerKey = 1;
    // Fields that exist in the searched data (the union of its index mappings). When set, an ?optional field
    // that is not listed reads as the literal null, as Elasticsearch plans it; when empty, ?optional fields
    // read like ordinary fields.
    std::optional<std::set<std::string, std::less<>>> mappedFields;
};

// Returns the fields that the query's conditions and join keys name, as written before aliases are resolved,
// sorted: those marked ?optional when `optional` is true, the others when it is false.
std::vector<std::string> writtenFieldNames(const AnalysedQuery& query, bool optional);

// One event handed to an executor. `fields` is only read during push().
struct InputEvent
{
    std::int64_t id;
    const ecs::Event& fields;
    std::int64_t timestampNs;
};

struct Match
{
    std::vector<ecs::Value> joinKeys;                  // in by-clause order; empty for event queries
    std::vector<std::optional<std::int64_t>> eventIds; // one per step; nullopt at a missing-event position
};

// Runs a query over a stream of events. The executor keeps ids, times and key values, never the events.
class Executor
{
public:
    explicit Executor(const Query& query, QueryOptions options = {});
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    // Feeds the next event. Events must arrive in their final order: by time, then tiebreaker, then input
    // position. Equal times are ordered by arrival.
    void push(const InputEvent& event);

    // Returns the results in Elasticsearch's order after head/tail and size: events in arrival order,
    // sequences by their last event, samples by join key. Call once, after the last push().
    std::vector<Match> finish();

    // Passes every result to sink instead of returning it from finish(), so a caller can write results while
    // the query runs. Event queries without a tail pipe pass each match during push(), keeping none. Event
    // queries with a tail keep at most twice its count plus 1,024, and sequence and sample queries keep their
    // results until finish(). Call before the first push().
    void setMatchSink(std::function<void(Match&&)> sink);

    // Returns the number of entries that the executor keeps between events: pending sequences, until marks,
    // remembered missing-event matches and samples. Tests and benchmarks use it to check its memory bound.
    std::size_t stateSize() const;

    class Runner;

private:
    Query query_;
    QueryOptions options_;
    std::unique_ptr<Runner> runner_;
    std::function<void(Match&&)> sink_;
};

} // namespace spoor::eql
