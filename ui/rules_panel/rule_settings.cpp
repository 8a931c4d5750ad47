#include "rules_panel/rule_settings.h"

#include "logging.h"
#include "rules/builtin_rules.h"
#include "rules/rule_error.h"
#include "rules/rule_loader.h"
#include "scan/query_hash.h"
#include "store/database.h"
#include "store/statement.h"

#include <nlohmann/json.hpp>

namespace spoor::ui {

namespace {

constexpr const char* pathsKey = "rules.added_paths";
constexpr const char* disabledKey = "rules.disabled_versions";

std::vector<std::string> readList(const store::Database& db, const char* key)
{
    auto select = db.prepare("SELECT value FROM meta WHERE key = ?");
    select.bind(1, key);
    if (!select.step())
        return {};
    const nlohmann::json value = nlohmann::json::parse(select.text(0), nullptr, false);
    if (!value.is_array())
        throw store::StoreError(db.path() + ": meta value " + key + " is not a JSON array");
    std::vector<std::string> items;
    for (const nlohmann::json& item : value) {
        if (!item.is_string())
            throw store::StoreError(db.path() + ": meta value " + key + " contains an element that is not a string");
        items.push_back(item.get<std::string>());
    }
    return items;
}

void writeList(store::Database& db, const char* key, const nlohmann::json& items)
{
    auto upsert = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, key).bind(2, items.dump());
    upsert.run();
}

} // namespace

std::string ruleVersionKey(const rules::Rule& rule)
{
    return rule.ruleId + '|' + rule.updatedDate + '|' + scan::queryHash(rule.query);
}

CaseRuleSettings loadRuleSettings(const store::Database& db)
{
    CaseRuleSettings settings;
    settings.addedPaths = readList(db, pathsKey);
    for (std::string& key : readList(db, disabledKey))
        settings.disabledVersions.insert(std::move(key));
    return settings;
}

void saveRuleSettings(store::Database& db, const CaseRuleSettings& settings)
{
    store::Transaction transaction(db);
    writeList(db, pathsKey, nlohmann::json(settings.addedPaths));
    writeList(db, disabledKey, nlohmann::json(settings.disabledVersions));
    transaction.commit();
}

std::vector<rules::Rule> enabledBuiltinRules(const store::Database& db)
{
    const CaseRuleSettings settings = loadRuleSettings(db);
    std::vector<rules::Rule> enabled;
    for (rules::Rule& rule : rules::builtinRules()) {
        if (settings.disabledVersions.count(ruleVersionKey(rule)) == 0)
            enabled.push_back(std::move(rule));
    }
    return enabled;
}

std::vector<rules::Rule> loadEditedRules(const store::Database& db)
{
    auto select = db.prepare("SELECT origin, toml FROM rules WHERE origin LIKE 'edited:%' ORDER BY id");
    std::vector<rules::Rule> edited;
    while (select.step()) {
        const std::string origin = select.text(0);
        try {
            edited.push_back(rules::parseRule(select.text(1), origin));
        } catch (const rules::RuleError& error) {
            qCWarning(lcModels) << "skipping the stored edited rule" << origin.c_str() << ":" << error.what();
        }
    }
    return edited;
}

} // namespace spoor::ui
