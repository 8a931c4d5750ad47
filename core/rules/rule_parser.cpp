#include "rules/rule_error.h"
#include "rules/rule_loader.h"
#include "rules/toml_reader.h"

#include <string>

namespace spoor::rules {

namespace {

// Returns the 1-based line where the text of the string value starts. A multi-line string whose
// opening delimiter ends its line starts on the next line, because TOML drops that first newline.
int stringStartLine(std::string_view tomlText, const toml::node& node)
{
    const auto line = static_cast<int>(node.source().begin.line);
    std::size_t lineStart = 0;
    for (int current = 1; current < line && lineStart != std::string_view::npos; ++current) {
        lineStart = tomlText.find('\n', lineStart);
        if (lineStart != std::string_view::npos)
            ++lineStart;
    }
    if (lineStart == std::string_view::npos)
        return line;
    const std::size_t lineEnd = std::min(tomlText.find('\n', lineStart), tomlText.size());
    // Columns count code points; the key and '=' before the value are ASCII in practice, so they are
    // taken as bytes here and the delimiter is searched for from that point on.
    const std::size_t valueStart = lineStart + static_cast<std::size_t>(node.source().begin.column) - 1;
    if (valueStart >= lineEnd)
        return line;
    std::string_view rest = tomlText.substr(valueStart, lineEnd - valueStart);
    if (!rest.empty() && rest.back() == '\r')
        rest.remove_suffix(1);
    return (rest == "'''" || rest == "\"\"\"") ? line + 1 : line;
}

Technique readTechnique(const TomlReader& reader, const toml::table& table, std::string_view tableName)
{
    return Technique{reader.requiredString(table, tableName, "id"),
                     reader.string(table, tableName, "name").value_or(""),
                     reader.string(table, tableName, "reference").value_or("")};
}

Threat readThreat(const TomlReader& reader, const toml::table& table)
{
    Threat threat;
    threat.framework = reader.string(table, "rule.threat", "framework").value_or("");
    if (const toml::table* tactic = reader.table(table, "rule.threat", "tactic")) {
        threat.tactic.id = reader.requiredString(*tactic, "rule.threat.tactic", "id");
        threat.tactic.name = reader.string(*tactic, "rule.threat.tactic", "name").value_or("");
        threat.tactic.reference = reader.string(*tactic, "rule.threat.tactic", "reference").value_or("");
    }
    for (const toml::table* technique : reader.tables(table, "rule.threat", "technique")) {
        threat.techniques.push_back(readTechnique(reader, *technique, "rule.threat.technique"));
        for (const toml::table* sub : reader.tables(*technique, "rule.threat.technique", "subtechnique"))
            threat.techniques.push_back(readTechnique(reader, *sub, "rule.threat.technique.subtechnique"));
    }
    return threat;
}

void readMetadata(const TomlReader& reader, const toml::table& root, Rule& rule)
{
    const toml::table* metadata = reader.table(root, "", "metadata");
    if (!metadata)
        return;
    rule.creationDate = reader.string(*metadata, "metadata", "creation_date").value_or("");
    rule.updatedDate = reader.string(*metadata, "metadata", "updated_date").value_or("");
    rule.maturity = reader.string(*metadata, "metadata", "maturity").value_or("");
}

void readQuery(const TomlReader& reader, std::string_view tomlText, const toml::table& table, Rule& rule)
{
    if (rule.isEql())
        rule.query = reader.requiredString(table, "rule", "query");
    else
        rule.query = reader.string(table, "rule", "query").value_or("");
    if (const toml::node* node = table.get("query"))
        rule.queryLine = stringStartLine(tomlText, *node);
}

void readRuleTable(const TomlReader& reader, std::string_view tomlText, const toml::table& table, Rule& rule)
{
    rule.ruleId = reader.requiredString(table, "rule", "rule_id");
    rule.name = reader.requiredString(table, "rule", "name");
    rule.description = reader.string(table, "rule", "description").value_or("");
    rule.severity = reader.string(table, "rule", "severity").value_or("");
    if (const auto riskScore = reader.integer(table, "rule", "risk_score")) {
        if (*riskScore < 0 || *riskScore > 100)
            reader.fail(*table.get("risk_score"), "risk_score in [rule] must be between 0 and 100");
        rule.riskScore = static_cast<int>(*riskScore);
    }
    rule.type = reader.string(table, "rule", "type").value_or("");
    rule.language = reader.string(table, "rule", "language").value_or("");
    readQuery(reader, tomlText, table, rule);
    rule.timestampOverride = reader.string(table, "rule", "timestamp_override").value_or("");
    rule.note = reader.string(table, "rule", "note").value_or("");
    rule.index = reader.strings(table, "rule", "index");
    rule.references = reader.strings(table, "rule", "references");
    rule.tags = reader.strings(table, "rule", "tags");
    rule.authors = reader.strings(table, "rule", "author");
    rule.license = reader.string(table, "rule", "license").value_or("");
    rule.from = reader.string(table, "rule", "from").value_or("");
    for (const toml::table* threat : reader.tables(table, "rule", "threat"))
        rule.threats.push_back(readThreat(reader, *threat));
}

toml::table parseToml(std::string_view tomlText, const std::string& origin)
{
    try {
        return toml::parse(tomlText, origin);
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        throw RuleError(origin, static_cast<int>(begin.line), static_cast<int>(begin.column),
                        "invalid TOML: " + std::string(error.description()));
    }
}

} // namespace

Rule parseRule(std::string_view tomlText, const std::string& origin)
{
    const toml::table root = parseToml(tomlText, origin);
    const TomlReader reader(origin);
    const toml::table* ruleTable = reader.table(root, "", "rule");
    if (!ruleTable)
        throw RuleError(origin, 1, 1,
                        "missing table [rule]; a detection rule needs [rule] with rule_id, name and query");

    Rule rule;
    rule.origin = origin;
    rule.tomlText = std::string(tomlText);
    readMetadata(reader, root, rule);
    readRuleTable(reader, tomlText, *ruleTable, rule);
    return rule;
}

} // namespace spoor::rules
