#include "rules/rule_edit.h"

#include "rules/rule_error.h"
#include "rules/rule_loader.h"

#include <sstream>
#include <string_view>
#include <toml++/toml.h>

namespace spoor::rules {

namespace {

constexpr std::string_view editedPrefix = "edited:";

// Returns the lines starting with '#' at the top of a TOML text (a licence or provenance header).
std::string leadingComments(std::string_view text)
{
    std::string comments;
    std::size_t position = 0;
    while (position < text.size() && text[position] == '#') {
        const std::size_t end = text.find('\n', position);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        comments.append(text.substr(position, next - position));
        if (end == std::string_view::npos)
            comments.push_back('\n');
        position = next;
    }
    return comments;
}

} // namespace

Rule editedCopy(const Rule& original, const std::string& query, const std::string& versionLabel)
{
    toml::table root;
    try {
        root = toml::parse(original.tomlText, original.origin);
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        throw RuleError(original.origin, static_cast<int>(begin.line), static_cast<int>(begin.column),
                        "invalid TOML: " + std::string(error.description()));
    }
    toml::table* ruleTable = root["rule"].as_table();
    if (!ruleTable)
        throw RuleError(original.origin, 1, 1, "missing table [rule]");
    ruleTable->insert_or_assign("query", query);
    if (!root["metadata"].as_table())
        root.insert_or_assign("metadata", toml::table{});
    root["metadata"].as_table()->insert_or_assign("updated_date", versionLabel);

    std::ostringstream text;
    text << leadingComments(original.tomlText);
    text << "# Edited in Spoor (" << versionLabel << "): the query differs from " << original.origin << ".\n";
    text << root << '\n';

    const std::string origin = std::string(editedPrefix) + original.origin;
    return parseRule(text.str(), origin);
}

bool isEditedCopy(const Rule& rule)
{
    return rule.origin.starts_with(editedPrefix);
}

} // namespace spoor::rules
