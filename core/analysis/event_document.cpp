#include "analysis/event_document.h"

#include "ecs/flatten.h"
#include "ecs/timestamp.h"
#include "store/database.h"
#include "store/document_store.h"
#include "store/statement.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace spoor::analysis {

namespace {

// A single-element array is what the Elasticsearch fields API returns for a scalar.
const ecs::Value* scalarAt(const ecs::Event& event, std::string_view path)
{
    const ecs::Value* value = event.find(path);
    if (value && value->isArray())
        value = value->asArray().size() == 1 ? &value->asArray().front() : nullptr;
    return value;
}

} // namespace

std::optional<ecs::Event> loadEventDocument(const store::Database& db, std::int64_t eventId)
{
    store::DocumentStore documents(db, 1);
    const auto text = documents.document(eventId);
    if (!text)
        return std::nullopt;
    return parseEventDocument(*text);
}

std::optional<ecs::Event> parseEventDocument(std::string_view text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object())
        return std::nullopt;
    return ecs::flatten(json);
}

std::optional<std::int64_t> timeField(const ecs::Event& event, std::string_view path)
{
    const ecs::Value* value = scalarAt(event, path);
    if (!value)
        return std::nullopt;
    if (value->isString())
        return ecs::parseIsoTimestamp(value->asString());
    if (value->isInt())
        return ecs::fromEpochMillis(value->asInt());
    return std::nullopt;
}

std::optional<std::string> stringField(const ecs::Event& event, std::string_view path)
{
    const ecs::Value* value = scalarAt(event, path);
    if (!value || value->isNull() || value->isArray())
        return std::nullopt;
    return value->toString();
}

std::optional<std::int64_t> integerField(const ecs::Event& event, std::string_view path)
{
    const ecs::Value* value = scalarAt(event, path);
    if (!value)
        return std::nullopt;
    if (value->isInt())
        return value->asInt();
    if (value->isString()) {
        const std::string& text = value->asString();
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error == std::errc() && end == text.data() + text.size())
            return number;
    }
    return std::nullopt;
}

} // namespace spoor::analysis
