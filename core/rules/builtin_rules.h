#pragma once

#include "rules/rule.h"

#include <vector>

namespace spoor::rules {

// Parses the rule pack compiled into the binary from resources/rules, one Rule per file in file-name
// order, each with origin "builtin:FILE_NAME". Today the pack contains Elastic's "Potential Execution via
// XZBackdoor" as published on 2024-04-01.
std::vector<Rule> builtinRules();

} // namespace spoor::rules
