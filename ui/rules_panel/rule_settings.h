#pragma once

#include "rules/rule.h"

#include <set>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// The rules panel's choices for one case, kept in the case's meta table so that they travel with the file.
struct CaseRuleSettings
{
    std::vector<std::string> addedPaths;    // rule files and folders added to the built-in pack, in order
    std::set<std::string> disabledVersions; // ruleVersionKey() of each disabled rule version
};

// Returns "rule_id|updated_date|query SHA-256", the identity of a rule version in the rules table.
std::string ruleVersionKey(const rules::Rule& rule);

// Reads the settings; a case without them gets empty settings. Throws store::StoreError, and also when a
// stored value is not the JSON array this code writes.
CaseRuleSettings loadRuleSettings(const store::Database& db);

// Writes the settings in one statement per key. Throws store::StoreError.
void saveRuleSettings(store::Database& db, const CaseRuleSettings& settings);

// Returns the built-in rules, in pack order, without the versions disabled in the case's settings. The import
// and "Run built-in rules again" run these. Throws store::StoreError like loadRuleSettings.
std::vector<rules::Rule> enabledBuiltinRules(const store::Database& db);

// Parses the edited rule versions stored in the case's rules table (origin "edited:..."), oldest first.
// A stored TOML text that no longer parses is skipped with a warning. Throws store::StoreError.
std::vector<rules::Rule> loadEditedRules(const store::Database& db);

} // namespace spoor::ui
