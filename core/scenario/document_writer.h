#pragma once

#include "scenario/generated_event.h"
#include "scenario/host.h"
#include "scenario/json_text.h"

#include <string>

namespace spoor::scenario {

// Renders events as Elastic Defend documents, one JSON object per line, with the members in the order the
// endpoint writes them.
class DocumentWriter
{
public:
    // Appends the document and a newline to `out`. event.ingested is the second of `event.time` plus the
    // host's ingest lag.
    void append(std::string& out, const GeneratedEvent& event, const Host& host, std::uint64_t sequence);

private:
    void appendEventMembers(std::string& out, const GeneratedEvent& event, const Host& host, std::uint64_t sequence);
    void appendProcess(std::string& out, const GeneratedEvent& event);
    void appendNetwork(std::string& out, const GeneratedEvent& event, const Host& host);

    TimestampFormatter timestamps_;
    TimestampFormatter ingested_;
    TimestampFormatter ends_;
};

} // namespace spoor::scenario
