#pragma once

#include "rules/rule.h"
#include "rules/rule_error.h"

#include <string>
#include <string_view>
#include <vector>

namespace spoor::rules {

// Parses one rule in the TOML format of Elastic's detection-rules repository: [metadata], [rule] and
// [[rule.threat]]. Keys Spoor does not use are ignored. Requires rule_id and name in [rule], and query
// when language is "eql". Throws RuleError ("ORIGIN:LINE:COLUMN: message") on a TOML syntax error, a
// missing required key or a key of the wrong type. `origin` names the text in messages and Rule::origin.
Rule parseRule(std::string_view tomlText, const std::string& origin);

// Reads and parses one rule file; the origin is the path as given. Throws RuleError.
Rule loadRuleFile(const std::string& path);

struct LoadResult
{
    std::vector<Rule> rules;          // EQL rules, in load order
    std::vector<std::string> errors;  // "PATH:LINE:COLUMN: message" for files that failed to load
    std::vector<std::string> skipped; // "PATH: language kuery is not supported" for valid non-EQL rules
};

// Loads rule files and folders in the order given. A folder is searched recursively for "*.toml" files,
// loaded in sorted path order; a file named directly is loaded whatever its extension. Does not throw for a
// bad file: its error goes to `errors` and loading continues.
LoadResult loadRulePaths(const std::vector<std::string>& paths);

} // namespace spoor::rules
