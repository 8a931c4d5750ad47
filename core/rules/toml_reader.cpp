#include "rules/toml_reader.h"

#include "rules/rule_error.h"

#include <sstream>

namespace spoor::rules {

namespace {

std::string typeName(const toml::node& node)
{
    std::ostringstream stream;
    stream << node.type();
    return stream.str();
}

std::string keyName(std::string_view tableName, std::string_view key)
{
    if (tableName.empty())
        return "top-level key " + std::string(key);
    return std::string(key) + " in [" + std::string(tableName) + "]";
}

} // namespace

void TomlReader::fail(const toml::source_region& at, const std::string& message) const
{
    throw RuleError(origin_, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column), message);
}

void TomlReader::fail(const toml::node& at, const std::string& message) const
{
    fail(at.source(), message);
}

void TomlReader::failType(const toml::node& node, std::string_view tableName, std::string_view key,
                          std::string_view expected) const
{
    fail(node, keyName(tableName, key) + " must be " + std::string(expected) + ", not " + typeName(node));
}

std::optional<std::string> TomlReader::string(const toml::table& table, std::string_view tableName,
                                              std::string_view key) const
{
    const toml::node* node = table.get(key);
    if (!node)
        return std::nullopt;
    if (!node->is_string())
        failType(*node, tableName, key, "a string");
    return node->as_string()->get();
}

std::string TomlReader::requiredString(const toml::table& table, std::string_view tableName, std::string_view key) const
{
    auto value = string(table, tableName, key);
    if (!value) {
        fail(table, "missing required key " + keyName(tableName, key) + "; add " + std::string(key) +
                        " = \"...\" to the table");
    }
    return *value;
}

std::optional<std::int64_t> TomlReader::integer(const toml::table& table, std::string_view tableName,
                                                std::string_view key) const
{
    const toml::node* node = table.get(key);
    if (!node)
        return std::nullopt;
    if (!node->is_integer())
        failType(*node, tableName, key, "an integer");
    return node->as_integer()->get();
}

std::vector<std::string> TomlReader::strings(const toml::table& table, std::string_view tableName,
                                             std::string_view key) const
{
    std::vector<std::string> values;
    const toml::node* node = table.get(key);
    if (!node)
        return values;
    const toml::array* array = node->as_array();
    if (!array)
        failType(*node, tableName, key, "an array of strings");
    for (const toml::node& element : *array) {
        if (!element.is_string())
            failType(element, tableName, key, "an array of strings");
        values.push_back(element.as_string()->get());
    }
    return values;
}

const toml::table* TomlReader::table(const toml::table& table, std::string_view tableName, std::string_view key) const
{
    const toml::node* node = table.get(key);
    if (!node)
        return nullptr;
    if (!node->is_table())
        failType(*node, tableName, key, "a table");
    return node->as_table();
}

std::vector<const toml::table*> TomlReader::tables(const toml::table& table, std::string_view tableName,
                                                   std::string_view key) const
{
    std::vector<const toml::table*> result;
    const toml::node* node = table.get(key);
    if (!node)
        return result;
    const toml::array* array = node->as_array();
    if (!array)
        failType(*node, tableName, key, "an array of tables");
    for (const toml::node& element : *array) {
        if (!element.is_table())
            failType(element, tableName, key, "an array of tables");
        result.push_back(element.as_table());
    }
    return result;
}

} // namespace spoor::rules
