#include "eql/join_key.h"

#include <bit>
#include <functional>
#include <string_view>

namespace spoor::eql {

namespace {

std::size_t hashValue(const ecs::Value& value)
{
    switch (value.type()) {
    case ecs::Value::Type::Null:
        return 0x9e3779b9;
    case ecs::Value::Type::Bool:
        return value.asBool() ? 1 : 2;
    case ecs::Value::Type::Int:
        return std::hash<std::int64_t>()(value.asInt());
    case ecs::Value::Type::Double:
        return std::hash<double>()(value.asDouble());
    case ecs::Value::Type::String:
        return std::hash<std::string_view>()(value.asString());
    case ecs::Value::Type::Array: {
        std::size_t h = 0x51ed27;
        for (const auto& element : value.asArray())
            h = std::rotl(h, 7) ^ hashValue(element);
        return h;
    }
    }
    return 0;
}

} // namespace

std::size_t JoinKeyHash::operator()(const JoinKey& key) const
{
    std::size_t h = key.size();
    for (const auto& value : key)
        h = std::rotl(h, 13) ^ (hashValue(value) * 0x100000001b3ULL);
    return h;
}

} // namespace spoor::eql
