#include "scan/event_order.h"

#include <stdexcept>

namespace spoor::scan {

EventOrder eventOrderFor(const std::string& timestampField)
{
    constexpr const char* tail = "timestamp_ns, sequence IS NULL, sequence, id";
    if (timestampField.empty() || timestampField == "@timestamp")
        return {"@timestamp", "timestamp_ns", tail};
    if (timestampField == "event.ingested") {
        return {"event.ingested", "coalesce(ingested_ns, timestamp_ns)",
                std::string("coalesce(ingested_ns, timestamp_ns), ") + tail};
    }
    // TODO: order by any date field by reading it from the documents; only the stored columns are supported.
    throw std::invalid_argument("events cannot be ordered by " + timestampField +
                                ": only @timestamp and event.ingested are supported as timestamp fields");
}

} // namespace spoor::scan
