#pragma once

#include "ecs/event.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// Loads and flattens the original document of one event. Returns nullopt when the event does not exist or
// its stored text is not a JSON object.
std::optional<ecs::Event> loadEventDocument(const store::Database& db, std::int64_t eventId);

// Parses and flattens a document's text. Returns nullopt when it is not a JSON object.
std::optional<ecs::Event> parseEventDocument(std::string_view text);

// Reads a time field that holds an ISO-8601 string or epoch milliseconds, in nanoseconds.
std::optional<std::int64_t> timeField(const ecs::Event& event, std::string_view path);

std::optional<std::string> stringField(const ecs::Event& event, std::string_view path);
std::optional<std::int64_t> integerField(const ecs::Event& event, std::string_view path);

} // namespace spoor::analysis
