#pragma once

#include "ecs/event.h"
#include "ingest/hot_fields.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// A field whose value could not fill its hot column; the event is imported with the column NULL.
struct FieldWarning
{
    std::string reason; // "wrong-type" or "invalid-timestamp"
    std::string field;
    std::string message;
};

// The column values of one events row. Views point into the decoder's parsed document, the document text
// or EventRow::ownedText, so a row is valid only until the decoder that filled it decodes the next document.
struct EventColumns
{
    std::uint64_t line = 0;
    std::uint64_t byteOffset = 0;
    std::optional<std::string> docIndex;
    std::optional<std::string> docId;
    std::int64_t docHash = 0;
    std::string_view document;

    std::optional<std::int64_t> timestampNs;
    std::optional<std::int64_t> ingestedNs;
    std::optional<std::int64_t> sequence;
    std::optional<std::string_view> eventId;
    std::optional<std::string_view> category;
    std::optional<std::string_view> eventType;
    std::optional<std::string_view> action;
    std::optional<std::string_view> dataset;
    std::optional<std::string_view> hostId;
    std::optional<std::string_view> hostName;
    std::optional<std::string_view> osType;
    std::optional<std::string_view> userId;
    std::optional<std::string_view> userName;
    std::optional<std::int64_t> pid;
    std::optional<std::string_view> entityId;
    std::optional<std::string_view> processName;
    std::optional<std::string_view> executable;
    std::optional<std::string_view> commandLine;
    std::optional<std::int64_t> exitCode;
    std::optional<std::int64_t> parentPid;
    std::optional<std::string_view> parentEntityId;
    std::optional<std::string_view> parentName;
};

// The values of one events row with the text built for them.
struct EventRow : EventColumns
{
    std::deque<std::string> ownedText; // text built from non-string values; a deque keeps views stable

    // Empties every column. Unlike assigning EventRow{}, it keeps ownedText's memory, because a default
    // constructed std::deque allocates in libstdc++ (GCC 12).
    void clear()
    {
        static_cast<EventColumns&>(*this) = EventColumns{};
        ownedText.clear();
    }
};

// Fills the hot columns of `row` from the hot field values, except the timestamp (see readTimestamp).
// A value of the wrong type leaves its column NULL and adds a warning.
void extractHotColumns(const HotFieldValues& fields, EventRow& row, std::vector<FieldWarning>& warnings);

// Converts an ECS date value (ISO-8601 text, or epoch milliseconds as a number or digit string) to
// nanoseconds, or nullopt when it is neither.
std::optional<std::int64_t> readTimestamp(const ScalarView& value);

} // namespace spoor::ingest
