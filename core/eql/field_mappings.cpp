#include "eql/field_mappings.h"

#include "ecs/flatten.h"
#include "ecs/timestamp.h"

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace spoor::eql {

namespace {

FieldType typeFromName(std::string_view name)
{
    struct Entry
    {
        std::string_view name;
        FieldType type;
    };
    static constexpr std::array<Entry, 20> types = {{
        {"keyword", FieldType::Keyword},
        {"constant_keyword", FieldType::Keyword},
        {"wildcard", FieldType::Keyword},
        {"text", FieldType::Text},
        {"match_only_text", FieldType::Text},
        {"long", FieldType::Long},
        {"integer", FieldType::Long},
        {"short", FieldType::Long},
        {"byte", FieldType::Long},
        {"unsigned_long", FieldType::Long},
        {"double", FieldType::Double},
        {"float", FieldType::Double},
        {"half_float", FieldType::Double},
        {"scaled_float", FieldType::Double},
        {"boolean", FieldType::Boolean},
        {"date", FieldType::Date},
        {"date_nanos", FieldType::DateNanos},
        {"ip", FieldType::Ip},
        {"version", FieldType::Version},
        {"object", FieldType::Object},
    }};
    for (const auto& entry : types) {
        if (entry.name == name)
            return entry.type;
    }
    return FieldType::Other;
}

// Converts a mapping's null_value to the value a document would hold.
std::optional<ecs::Value> nullValueOf(const nlohmann::json& definition)
{
    const auto it = definition.find("null_value");
    if (it == definition.end() || it->is_null())
        return std::nullopt;
    const ecs::Event flat = ecs::flatten(nlohmann::json{{"v", *it}});
    const ecs::Value* value = flat.find("v");
    return value ? std::optional<ecs::Value>(*value) : std::nullopt;
}

// Finds the "properties" object of the shapes fromJson accepts; several for a multi-index response.
std::vector<const nlohmann::json*> propertyObjects(const nlohmann::json& mapping)
{
    if (!mapping.is_object())
        return {};
    if (mapping.contains("properties"))
        return {&mapping["properties"]};
    if (mapping.contains("mappings"))
        return propertyObjects(mapping["mappings"]);
    if (mapping.contains("_doc"))
        return propertyObjects(mapping["_doc"]);
    std::vector<const nlohmann::json*> result;
    for (const auto& [index, body] : mapping.items()) {
        if (!body.is_object() || !body.contains("mappings"))
            return {};
        for (const auto* properties : propertyObjects(body["mappings"]))
            result.push_back(properties);
    }
    return result;
}

std::string withoutCommentLines(std::istream& in)
{
    std::string text, line;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t");
        if (first != std::string::npos && line[first] == '#')
            line.clear();
        text += line;
        text += '\n';
    }
    return text;
}

} // namespace

const char* fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Keyword:
        return "keyword";
    case FieldType::Text:
        return "text";
    case FieldType::Long:
        return "long";
    case FieldType::Double:
        return "double";
    case FieldType::Boolean:
        return "boolean";
    case FieldType::Date:
        return "date";
    case FieldType::DateNanos:
        return "date_nanos";
    case FieldType::Ip:
        return "ip";
    case FieldType::Version:
        return "version";
    case FieldType::Object:
        return "object";
    case FieldType::Other:
        break;
    }
    return "unsupported";
}

FieldMappings FieldMappings::ecsDefaults()
{
    static const char* const dates[] = {"@timestamp", "event.created", "event.ingested", "process.start",
                                        "process.end"};
    static const char* const longs[] = {"process.pid", "process.parent.pid", "process.exit_code", "event.sequence"};
    static const char* const ips[] = {"source.ip", "destination.ip", "host.ip"};
    // The fields the case file stores as columns, plus those the views and built-in rules read.
    static const char* const keywords[] = {
        "event.id",
        "event.category",
        "event.type",
        "event.action",
        "event.dataset",
        "event.kind",
        "event.outcome",
        "event.module",
        "data_stream.dataset",
        "host.id",
        "host.name",
        "host.os.type",
        "user.id",
        "user.name",
        "process.entity_id",
        "process.name",
        "process.executable",
        "process.command_line",
        "process.args",
        "process.parent.entity_id",
        "process.parent.name",
        "process.parent.executable",
        "process.parent.command_line",
        "process.parent.args",
    };
    FieldMappings mappings;
    auto add = [&mappings](const char* path, FieldType type) {
        FieldMapping mapping;
        mapping.type = type;
        mapping.typeName = fieldTypeName(type);
        mapping.path = path;
        if (type == FieldType::Date)
            mapping.date = std::make_shared<const DateFormat>();
        mappings.fields_[path] = std::move(mapping);
    };
    for (const char* path : dates)
        add(path, FieldType::Date);
    for (const char* path : longs)
        add(path, FieldType::Long);
    for (const char* path : ips)
        add(path, FieldType::Ip);
    for (const char* path : keywords)
        add(path, FieldType::Keyword);
    return mappings;
}

FieldMappings FieldMappings::fromJson(const nlohmann::json& mapping, const std::string& origin)
{
    const auto objects = propertyObjects(mapping);
    if (objects.empty()) {
        throw MappingError(origin + ": not an index mapping; expected {\"properties\": {...}}, "
                                    "{\"mappings\": {\"properties\": {...}}} or the response of GET INDEX/_mapping");
    }
    FieldMappings result;
    for (const auto* properties : objects)
        result.readProperties(*properties, "", origin);
    for (const auto& [alias, target] : result.aliases_) {
        if (!result.fields_.contains(target) && !result.aliases_.contains(target))
            throw MappingError(origin + ": alias " + alias + " points to " + target + ", which the mapping lacks");
    }
    return result;
}

FieldMappings FieldMappings::loadFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw MappingError(path + ": cannot be opened");
    const auto json = nlohmann::json::parse(withoutCommentLines(file), nullptr, false, true);
    if (json.is_discarded())
        throw MappingError(path + ": invalid JSON; expected an Elasticsearch index mapping");
    return fromJson(json, path);
}

void FieldMappings::readProperties(const nlohmann::json& properties, const std::string& prefix,
                                   const std::string& origin)
{
    if (!properties.is_object())
        throw MappingError(origin + ": \"properties\" of " + (prefix.empty() ? "the mapping" : prefix) +
                           " must be an object");
    for (const auto& [name, definition] : properties.items()) {
        const std::string path = prefix + name;
        if (!definition.is_object())
            throw MappingError(origin + ": the definition of " + path + " must be an object");
        readField(path, definition, origin);
        if (definition.contains("properties"))
            readProperties(definition["properties"], path + ".", origin);
    }
}

void FieldMappings::readField(const std::string& path, const nlohmann::json& definition, const std::string& origin)
{
    std::string typeName = definition.value("type", std::string(definition.contains("properties") ? "object" : ""));
    if (typeName == "alias") {
        const std::string target = definition.value("path", std::string());
        if (target.empty())
            throw MappingError(origin + ": alias " + path + " has no \"path\"; name the field it stands for");
        aliases_[path] = target;
        fields_.erase(path);
        return;
    }
    FieldMapping mapping;
    mapping.type = typeFromName(typeName);
    mapping.typeName = std::move(typeName);
    mapping.path = path;
    mapping.nullValue = nullValueOf(definition);
    if (mapping.type == FieldType::Date || mapping.type == FieldType::DateNanos) {
        try {
            const std::string format = definition.value("format", std::string());
            mapping.date =
                std::make_shared<const DateFormat>(format.empty() ? DateFormat() : DateFormat::compile(format));
        } catch (const std::invalid_argument& error) {
            throw MappingError(origin + ": field " + path + ": " + error.what());
        }
    }
    // Multi-fields ("fields": {"keyword": {...}}) read their parent's value.
    if (const auto sub = definition.find("fields"); sub != definition.end() && sub->is_object()) {
        for (const auto& [name, subDefinition] : sub->items()) {
            if (!subDefinition.is_object())
                continue;
            readField(path + "." + name, subDefinition, origin);
            fields_[path + "." + name].path = path;
        }
    }
    aliases_.erase(path);
    fields_[path] = std::move(mapping);
}

void FieldMappings::add(const FieldMappings& other)
{
    for (const auto& [path, mapping] : other.fields_) {
        aliases_.erase(path);
        fields_[path] = mapping;
    }
    for (const auto& [alias, target] : other.aliases_) {
        fields_.erase(alias);
        aliases_[alias] = target;
    }
}

std::string FieldMappings::sourcePath(std::string_view field) const
{
    std::string path(field);
    // Elasticsearch rejects alias chains; the bound only stops a cycle in a hand-written mapping.
    for (int hops = 0; hops < 8; ++hops) {
        const auto alias = aliases_.find(path);
        if (alias == aliases_.end())
            break;
        path = alias->second;
    }
    const auto it = fields_.find(path);
    return it == fields_.end() ? path : it->second.path;
}

const FieldMapping* FieldMappings::find(std::string_view field) const
{
    std::string path(field);
    for (int hops = 0; hops < 8; ++hops) {
        const auto alias = aliases_.find(path);
        if (alias == aliases_.end())
            break;
        path = alias->second;
    }
    const auto it = fields_.find(path);
    return it == fields_.end() ? nullptr : &it->second;
}

std::set<std::string, std::less<>> FieldMappings::fieldNames() const
{
    std::set<std::string, std::less<>> names;
    for (const auto& [path, mapping] : fields_)
        names.insert(path);
    for (const auto& [alias, target] : aliases_)
        names.insert(alias);
    return names;
}

void FieldMappings::normalize(ecs::Event& event) const
{
    for (const auto& [path, mapping] : fields_) {
        const ecs::Value* value = event.find(path);
        if (!value)
            continue;
        if (value->isNull() && mapping.nullValue) {
            event.set(path, *mapping.nullValue);
            continue;
        }
        if (!mapping.date || mapping.date->isDefault())
            continue;
        if (const auto ns = mapping.date->parse(*value))
            event.set(path, ecs::formatIsoTimestamp(*ns, mapping.type == FieldType::DateNanos ? 9 : 3));
    }
    for (const auto& [alias, target] : aliases_) {
        if (const ecs::Value* value = event.find(sourcePath(alias)))
            event.set(alias, *value);
    }
}

} // namespace spoor::eql
