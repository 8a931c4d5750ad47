#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace spoor::rules {

// Typed access to the keys of a parsed TOML document. Every failure throws RuleError at the position
// of the offending node, or of the enclosing table for a missing key. `tableName` is the table as
// written in the file ("rule", "rule.threat.tactic") and appears in messages.
class TomlReader
{
public:
    explicit TomlReader(std::string origin) : origin_(std::move(origin)) {}

    [[noreturn]] void fail(const toml::node& at, const std::string& message) const;
    [[noreturn]] void fail(const toml::source_region& at, const std::string& message) const;

    std::optional<std::string> string(const toml::table& table, std::string_view tableName, std::string_view key) const;
    std::string requiredString(const toml::table& table, std::string_view tableName, std::string_view key) const;
    std::optional<std::int64_t> integer(const toml::table& table, std::string_view tableName,
                                        std::string_view key) const;
    std::vector<std::string> strings(const toml::table& table, std::string_view tableName, std::string_view key) const;
    const toml::table* table(const toml::table& table, std::string_view tableName, std::string_view key) const;

    // Returns the tables of an array of tables ([[rule.threat]]), empty when the key is absent.
    std::vector<const toml::table*> tables(const toml::table& table, std::string_view tableName,
                                           std::string_view key) const;

private:
    [[noreturn]] void failType(const toml::node& node, std::string_view tableName, std::string_view key,
                               std::string_view expected) const;
    std::string origin_;
};

} // namespace spoor::rules
