#pragma once

#include "ecs/value.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spoor::ecs {

// A flattened ECS document: dotted field paths ("process.parent.pid") mapped to values, kept sorted by
// path so that lookups are a binary search and iteration order is stable.
class Event
{
public:
    using Field = std::pair<std::string, Value>;

    // Returns the value at the path, or nullptr when the document has no such field. A field that is
    // present with a JSON null returns a pointer to a null Value.
    const Value* find(std::string_view path) const;

    // Sets or replaces the value at the path.
    void set(std::string path, Value value);

    // Appends a value at the path, turning an existing scalar into an array. Used while flattening,
    // where the same path can arrive from arrays of objects or from both dotted and nested keys.
    void append(std::string path, Value value);

    bool contains(std::string_view path) const { return find(path) != nullptr; }
    bool empty() const { return fields_.empty(); }
    std::size_t size() const { return fields_.size(); }
    const std::vector<Field>& fields() const { return fields_; }

private:
    std::vector<Field>::iterator lowerBound(std::string_view path);
    std::vector<Field> fields_;
};

} // namespace spoor::ecs
