#include "ecs/flatten.h"

#include <nlohmann/json.hpp>

namespace spoor::ecs {

namespace {

Value scalarValue(const nlohmann::json& json)
{
    switch (json.type()) {
    case nlohmann::json::value_t::boolean:
        return Value(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
        return Value(json.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = json.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX))
            return Value(static_cast<std::int64_t>(u));
        return Value(static_cast<double>(u));
    }
    case nlohmann::json::value_t::number_float:
        return Value(json.get<double>());
    case nlohmann::json::value_t::string:
        return Value(json.get<std::string>());
    default:
        return Value();
    }
}

std::string joinPath(const std::string& prefix, const std::string& key)
{
    return prefix.empty() ? key : prefix + '.' + key;
}

void flattenInto(Event& event, const std::string& path, const nlohmann::json& json, bool insideArray);

void flattenArray(Event& event, const std::string& path, const nlohmann::json& array)
{
    // Make sure the path exists as an array even when every element is an object or the array is empty.
    bool hasScalar = false;
    for (const auto& element : array) {
        if (!element.is_object() && !element.is_array())
            hasScalar = true;
    }
    if (hasScalar || array.empty()) {
        if (!event.contains(path))
            event.set(path, Value(Value::Array{}));
        else
            event.append(path, Value(Value::Array{}));
    }
    for (const auto& element : array)
        flattenInto(event, path, element, true);
}

void flattenInto(Event& event, const std::string& path, const nlohmann::json& json, bool insideArray)
{
    if (json.is_object()) {
        for (const auto& [key, child] : json.items())
            flattenInto(event, joinPath(path, key), child, insideArray);
        return;
    }
    if (json.is_array()) {
        flattenArray(event, path, json);
        return;
    }
    if (path.empty())
        return;
    Value value = scalarValue(json);
    if (insideArray) {
        if (!value.isNull())
            event.append(path, Value(Value::Array{std::move(value)}));
        return;
    }
    if (event.contains(path))
        event.append(path, std::move(value));
    else
        event.set(path, std::move(value));
}

bool isIdentifierPath(const std::string& path)
{
    auto endsWith = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0 &&
               (path.size() == suffix.size() || path[path.size() - suffix.size() - 1] == '.');
    };
    return endsWith("user.id") || endsWith("group.id");
}

Value identifierAsString(const Value& value)
{
    if (value.isInt())
        return Value(std::to_string(value.asInt()));
    if (value.isArray()) {
        Value::Array converted;
        for (const auto& element : value.asArray())
            converted.push_back(identifierAsString(element));
        return Value(std::move(converted));
    }
    return value;
}

} // namespace

Event flatten(const nlohmann::json& document)
{
    Event event;
    flattenInto(event, std::string(), document, false);
    return event;
}

void normalizeIdentifiers(Event& event)
{
    for (const auto& [path, value] : event.fields()) {
        if (isIdentifierPath(path) && (value.isInt() || value.isArray()))
            event.set(path, identifierAsString(value));
    }
}

} // namespace spoor::ecs
