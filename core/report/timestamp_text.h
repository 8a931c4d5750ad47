#pragma once

#include "ecs/timestamp.h"

#include <string_view>

namespace spoor::report {

// Returns the number of fraction digits (0 to 9) of an ISO-8601 time as written, such as 7 for
// "2024-04-03T01:28:14.1234567Z"; 3 for text that is not an ISO time (epoch milliseconds).
int fractionDigitsOf(std::string_view isoText);

// Formats a time with the fewest of 0, 3, 6 or 9 fraction digits that show it exactly.
std::string formatExactTimestamp(ecs::TimestampNs ns);

} // namespace spoor::report
