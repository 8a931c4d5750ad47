#pragma once

#include "ecs/event.h"

#include <nlohmann/json_fwd.hpp>

namespace spoor::ecs {

// Flattens a JSON document into an Event, the way Elasticsearch indexes it:
// - nested objects and dotted keys ({"process.name": ...}) give the same dotted path;
// - an array stays an array, and an array of objects becomes one array per leaf path
//   ([{"ip": "a"}, {"ip": "b"}] at "related" gives "related.ip": ["a", "b"]);
// - a path that arrives twice (nested and dotted) collects both values in an array.
// JSON numbers that fit int64 become Int, other numbers Double.
Event flatten(const nlohmann::json& document);

// Converts the numeric ids that ECS defines as keywords (every path ending in "user.id" or "group.id")
// to strings, so that a join on user.id matches whether a producer wrote 0 or "0".
void normalizeIdentifiers(Event& event);

} // namespace spoor::ecs
