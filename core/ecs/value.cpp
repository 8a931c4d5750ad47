#include "ecs/value.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace spoor::ecs {

namespace {

nlohmann::json toJsonValue(const Value& value)
{
    switch (value.type()) {
    case Value::Type::Null:
        return nullptr;
    case Value::Type::Bool:
        return value.asBool();
    case Value::Type::Int:
        return value.asInt();
    case Value::Type::Double:
        return value.asDouble();
    case Value::Type::String:
        return value.asString();
    case Value::Type::Array: {
        auto array = nlohmann::json::array();
        for (const auto& element : value.asArray())
            array.push_back(toJsonValue(element));
        return array;
    }
    }
    return nullptr;
}

std::string formatDouble(double d)
{
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 1e15) {
        // Keep a fraction digit so that 2.0 prints as "2.0", as Java's Double.toString does.
        char buffer[64];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed, 1);
        return ec == std::errc() ? std::string(buffer, end) : std::to_string(d);
    }
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(d);
}

} // namespace

std::string Value::toString() const
{
    switch (type()) {
    case Type::Null:
        return "null";
    case Type::Bool:
        return asBool() ? "true" : "false";
    case Type::Int:
        return std::to_string(asInt());
    case Type::Double:
        return formatDouble(asDouble());
    case Type::String:
        return asString();
    case Type::Array:
        return toJson();
    }
    return {};
}

std::string Value::toJson() const
{
    return toJsonValue(*this).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace spoor::ecs
