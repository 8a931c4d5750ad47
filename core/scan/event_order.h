#pragma once

#include <string>

namespace spoor::scan {

// How a rule run orders the events of a case: by the rule's timestamp field (falling back to
// @timestamp for events that lack it), then @timestamp, then event.sequence (missing values last,
// as Elasticsearch sorts a null tiebreaker), then import order.
struct EventOrder
{
    std::string timestampField;    // "@timestamp" or the rule's timestamp_override
    std::string sqlTimeExpression; // the SQL expression for the ordering time in nanoseconds
    std::string sqlOrderBy;        // the full ORDER BY clause, without the keywords
};

// Returns the order for a timestamp field, or throws std::invalid_argument when the field is not one
// that the case stores as a column (@timestamp, event.ingested).
EventOrder eventOrderFor(const std::string& timestampField);

} // namespace spoor::scan
