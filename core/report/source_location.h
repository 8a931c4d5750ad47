#pragma once

#include "report/report.h"

#include <string>

namespace spoor::report {

// Returns the part of an event's source location after its file path: ":LINE" and " (byte offset N)" when
// known. The byte offset is what locates a hit of a one-line _search response, where every hit is on line 1.
// The text holds only digits, letters, spaces, ':' and parentheses, so writers append it to the escaped path.
std::string sourceLocationSuffix(const Step& event);

} // namespace spoor::report
