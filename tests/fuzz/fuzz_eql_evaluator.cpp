#include "ecs/flatten.h"
#include "ecs/timestamp.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/query.h"
#include "fuzz_targets.h"
#include "ingest/document_decoder.h"
#include "ingest/json_scan.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace spoor::fuzz {
namespace {

// Bounds the work per input: a sequence over n events costs up to n * stages, and libFuzzer inputs are short.
constexpr std::size_t maxEvents = 64;

struct TimedEvent
{
    ecs::Event fields;
    std::int64_t timestampNs;
};

// Flattens each object of a JSON array. "@timestamp" gives the time when it parses, else the position in
// milliseconds. Returns the events sorted by time, the order Executor::push() requires.
std::vector<TimedEvent> parseEvents(std::string_view text)
{
    std::vector<TimedEvent> events;
    // The importer rejects deeper documents before flattening them, so flatten() never receives them in the product.
    if (ingest::nestingDepth(text, ingest::maxNestingDepth) > ingest::maxNestingDepth)
        return events;
    const auto documents = nlohmann::json::parse(text, nullptr, false);
    if (!documents.is_array())
        return events;
    for (const auto& document : documents) {
        if (!document.is_object() || events.size() == maxEvents)
            continue;
        auto timestampNs = static_cast<std::int64_t>(events.size()) * 1'000'000;
        const auto timestamp = document.find("@timestamp");
        if (timestamp != document.end() && timestamp->is_string())
            timestampNs = ecs::parseIsoTimestamp(timestamp->get<std::string>()).value_or(timestampNs);
        ecs::Event fields = ecs::flatten(document);
        ecs::normalizeIdentifiers(fields);
        events.push_back({std::move(fields), timestampNs});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const TimedEvent& a, const TimedEvent& b) { return a.timestampNs < b.timestampNs; });
    return events;
}

} // namespace

int fuzzEqlEvaluator(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view separator = "\n---\n";
    const auto split = input.find(separator);
    const auto queryText = input.substr(0, split);
    const auto eventsText =
        split == std::string_view::npos ? std::string_view() : input.substr(split + separator.size());

    std::optional<eql::Query> query;
    try {
        query = eql::Query::parse(queryText);
    } catch (const eql::EqlError&) {
        return 0;
    }
    const auto events = parseEvents(eventsText);
    eql::Executor executor(*query);
    for (std::size_t i = 0; i < events.size(); ++i)
        executor.push({static_cast<std::int64_t>(i), events[i].fields, events[i].timestampNs});
    static_cast<void>(executor.finish());
    return 0;
}

} // namespace spoor::fuzz
