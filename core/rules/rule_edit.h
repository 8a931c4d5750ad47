#pragma once

#include "rules/rule.h"

#include <string>

namespace spoor::rules {

// Returns a copy of a rule with another query, as a version of its own. Its [metadata] updated_date is
// `versionLabel` (for instance "edited 2026-12-04 16:03") and its origin is "edited:" + the original origin.
// Its tomlText is the original TOML written out again with the two values replaced. The comment lines at
// the top of the original are kept; other comments and the layout are not, because the TOML is serialized
// from its parsed tree. The query is not validated here. Throws RuleError when the original TOML is invalid.
Rule editedCopy(const Rule& original, const std::string& query, const std::string& versionLabel);

// Returns true for a rule that editedCopy made.
bool isEditedCopy(const Rule& rule);

} // namespace spoor::rules
