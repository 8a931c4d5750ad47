#include "ecs/event.h"

#include <algorithm>

namespace spoor::ecs {

std::vector<Event::Field>::iterator Event::lowerBound(std::string_view path)
{
    return std::lower_bound(fields_.begin(), fields_.end(), path,
                            [](const Field& field, std::string_view key) { return field.first < key; });
}

const Value* Event::find(std::string_view path) const
{
    auto it = std::lower_bound(fields_.begin(), fields_.end(), path,
                               [](const Field& field, std::string_view key) { return field.first < key; });
    if (it == fields_.end() || it->first != path)
        return nullptr;
    return &it->second;
}

void Event::set(std::string path, Value value)
{
    auto it = lowerBound(path);
    if (it != fields_.end() && it->first == path)
        it->second = std::move(value);
    else
        fields_.emplace(it, std::move(path), std::move(value));
}

void Event::append(std::string path, Value value)
{
    auto it = lowerBound(path);
    if (it == fields_.end() || it->first != path) {
        fields_.emplace(it, std::move(path), std::move(value));
        return;
    }
    Value& existing = it->second;
    if (!existing.isArray())
        existing = Value(Value::Array{std::move(existing)});
    if (value.isArray()) {
        for (auto& element : value.asArray())
            existing.asArray().push_back(std::move(element));
    } else {
        existing.asArray().push_back(std::move(value));
    }
}

} // namespace spoor::ecs
