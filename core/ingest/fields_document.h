#pragma once

#include <string>
#include <string_view>

namespace spoor::ingest {

// Builds an ECS document from the `fields` object of a search hit (the fields API shape): dotted keys, every
// value an array. A one-element array becomes its element, as ECS stores one value there, except for the
// fields that ECS defines as arrays (process.args, event.category, host.ip, related.*, ...). Returns false,
// leaving `document` unchanged, when `fields` is not a JSON object.
bool documentFromFields(std::string_view fields, std::string& document);

// Returns true when ECS defines the dotted field as an array of values, e.g. "process.args".
bool isEcsArrayField(std::string_view path);

} // namespace spoor::ingest
