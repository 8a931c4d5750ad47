#pragma once

#include <string>
#include <string_view>

namespace spoor::scan {

// Returns the SHA-256 of a rule's query text as lowercase hex, which identifies a rule version together
// with rule_id and updated_date.
std::string queryHash(std::string_view query);

} // namespace spoor::scan
