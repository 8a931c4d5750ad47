#pragma once

#include "ecs/event.h"
#include "ecs/value.h"
#include "eql/date_format.h"

#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

namespace spoor::eql {

// The Elasticsearch field types that change how EQL compares or checks a field. Mapping types with the
// same behaviour share one value (integer, short and byte are Long; float and scaled_float are Double;
// wildcard and constant_keyword are Keyword; match_only_text is Text); any other type is Other.
enum class FieldType { Keyword, Text, Long, Double, Boolean, Date, DateNanos, Ip, Version, Object, Other };

struct FieldMapping
{
    FieldType type = FieldType::Other;
    std::string typeName;                   // the type as the mapping spells it, for messages ("integer")
    std::string path;                       // the document field holding the value: the alias target or,
                                            // for a multi-field such as "host.name.text", its parent
    std::shared_ptr<const DateFormat> date; // date and date_nanos fields only
    std::optional<ecs::Value> nullValue;    // indexed in place of an explicit JSON null
};

// A mapping file that cannot be read or is not an Elasticsearch index mapping.
class MappingError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The field types of the searched data, from Elasticsearch index mappings. Fields that no mapping lists
// have no type: queries on them are not type-checked and compare values as they appear in the documents.
class FieldMappings
{
public:
    // The ECS fields Spoor works with: the event times are date, process ids and exit codes and
    // event.sequence are long, source/destination/host IPs are ip, and the identifiers and names that
    // the case file stores as columns are keyword.
    static FieldMappings ecsDefaults();

    // Reads a mapping: {"properties": ...}, {"mappings": {"properties": ...}} or the response of
    // GET INDEX/_mapping ({"INDEX": {"mappings": ...}}, several indices merged). `origin` names the source
    // in messages. Throws MappingError for another shape, an alias without a path or an invalid date format.
    static FieldMappings fromJson(const nlohmann::json& mapping, const std::string& origin);

    // Reads a mapping file; '#' comment lines are skipped. Throws MappingError.
    static FieldMappings loadFile(const std::string& path);

    // Adds the fields of `other`, replacing the definitions of fields both contain.
    void add(const FieldMappings& other);

    // Returns the mapping of a field, following an alias to its target, or nullptr when it is unmapped.
    const FieldMapping* find(std::string_view field) const;

    // Returns the document field that holds the value of `field` (an alias target), or `field` itself.
    std::string sourcePath(std::string_view field) const;

    // Every mapped field, alias and object path, as Elasticsearch lists them in field capabilities.
    std::set<std::string, std::less<>> fieldNames() const;

    // Rewrites a document the way indexing with this mapping would present it to a query: an explicit null
    // becomes the field's null_value, an alias gets its target's value, and a date in a custom format becomes
    // an ISO-8601 string, so that data from indices with different formats compares and joins as instants.
    void normalize(ecs::Event& event) const;

    bool empty() const { return fields_.empty(); }

private:
    void readProperties(const nlohmann::json& properties, const std::string& prefix, const std::string& origin);
    void readField(const std::string& path, const nlohmann::json& definition, const std::string& origin);

    std::map<std::string, FieldMapping, std::less<>> fields_;
    std::map<std::string, std::string, std::less<>> aliases_; // alias path, target path
};

// The name Elasticsearch uses for a type in messages ("keyword", "long", "date", "ip").
const char* fieldTypeName(FieldType type);

} // namespace spoor::eql
