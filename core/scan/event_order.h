#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spoor::eql {
class FieldMappings;
}
namespace spoor::store {
class Database;
}

namespace spoor::scan {

// The order in which a rule run reads the events of a case: by the rule's timestamp field (falling back to
// @timestamp for events that lack it), then @timestamp, then event.sequence (missing values last,
// as Elasticsearch sorts a null tiebreaker), then import order.
struct EventOrder
{
    std::string timestampField;    // "@timestamp" or the rule's timestamp_override
    std::string sqlTimeExpression; // the SQL expression for the ordering time in nanoseconds
    std::string sqlOrderBy;        // the full ORDER BY clause, without the keywords
};

// Returns the order for a timestamp field, or throws std::invalid_argument when the field is not one
// that the case stores as a column (@timestamp, event.ingested). orderEvents() takes any date field.
EventOrder eventOrderFor(const std::string& timestampField);

// One event of a case in query order, with the time the executor receives.
struct OrderedEvent
{
    std::int64_t id;                // events.id
    std::int64_t timeNs;            // the timestamp field's value, else @timestamp, else 0
    bool timestampFallback = false; // the event lacks the timestamp field, so timeNs is @timestamp
};

// Returns every event of the case in query order: by `timestampField`, then by `tiebreakerField` when it
// is not empty (missing values last) or else by @timestamp and event.sequence, then by import order. A
// timestamp field that the case does not store as a column is read from the documents and parsed with its
// date format from `mappings` (ISO-8601 or epoch milliseconds when unmapped). Events without it fall back
// to @timestamp, as in eventOrderFor().
std::vector<OrderedEvent> orderEvents(store::Database& db, const std::string& timestampField,
                                      const std::string& tiebreakerField, const eql::FieldMappings& mappings);

} // namespace spoor::scan
