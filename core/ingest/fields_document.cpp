#include "ingest/fields_document.h"

#include "ingest/document_decoder.h"
#include "ingest/json_scan.h"

#include <array>
#include <nlohmann/json.hpp>

namespace spoor::ingest {

namespace {

// ECS fields of type array that an Elastic Defend or Sysmon event can carry. ECS marks them "normalize: array".
constexpr std::array arrayFields = {
    "event.category",
    "event.type",
    "tags",
    "host.ip",
    "host.mac",
    "process.args",
    "process.parent.args",
    "process.Ext.ancestry",
    "process.group_leader.args",
    "process.session_leader.args",
    "process.entry_leader.args",
    "user.roles",
    "threat.tactic.id",
    "threat.tactic.name",
    "threat.technique.id",
    "threat.technique.name",
    "dns.answers",
    "dns.header_flags",
    "dns.resolved_ip",
    "file.attributes",
    "observer.ip",
    "observer.mac",
    "email.to.address",
    "vulnerability.category",
};

} // namespace

bool isEcsArrayField(std::string_view path)
{
    if (path.starts_with("related."))
        return true;
    for (const std::string_view field : arrayFields) {
        if (path == field)
            return true;
    }
    return false;
}

bool documentFromFields(std::string_view fields, std::string& document)
{
    if (nestingDepth(fields, maxNestingDepth) > maxNestingDepth)
        return false;
    const auto parsed = nlohmann::json::parse(fields, nullptr, false);
    if (!parsed.is_object())
        return false;
    nlohmann::json result = nlohmann::json::object();
    for (const auto& [key, value] : parsed.items()) {
        if (value.is_array() && value.size() == 1 && !isEcsArrayField(key))
            result[key] = value.front();
        else
            result[key] = value;
    }
    document = result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return true;
}

} // namespace spoor::ingest
