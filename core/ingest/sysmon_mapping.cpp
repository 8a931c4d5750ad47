#include "ingest/sysmon_mapping.h"

#include "ecs/timestamp.h"
#include "ingest/syslog_line.h"
#include "ingest/xml_element.h"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

namespace spoor::ingest {

namespace {

using Json = nlohmann::json;
using EventData = std::map<std::string, std::string, std::less<>>;

// Sysmon writes "-" for a value it does not have.
std::optional<std::string> present(const EventData& data, std::string_view name)
{
    const auto found = data.find(name);
    if (found == data.end() || found->second.empty() || found->second == "-")
        return std::nullopt;
    return found->second;
}

std::optional<std::int64_t> integer(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

void setText(Json& target, const char* key, const std::optional<std::string>& value)
{
    if (value)
        target[key] = *value;
}

void setInteger(Json& target, const char* key, const std::optional<std::string>& value)
{
    if (!value)
        return;
    if (auto number = integer(*value))
        target[key] = *number;
}

// "2021-10-24 17:05:38.421" (UTC) to ISO-8601; other text is returned unchanged, so that the import reports it.
std::string utcTimeToIso(const std::string& utcTime)
{
    std::string iso = utcTime;
    if (iso.size() > 10 && iso[10] == ' ')
        iso[10] = 'T';
    iso += 'Z';
    return ecs::parseIsoTimestamp(iso) ? iso : utcTime;
}

// The file name of an absolute path; nothing for Sysmon's placeholders such as "(null)" or "<unknown process>".
std::optional<std::string> baseName(const std::optional<std::string>& path)
{
    if (!path || !path->starts_with('/'))
        return std::nullopt;
    return path->substr(path->rfind('/') + 1);
}

// NOTE: Sysmon for Linux joins argv with single spaces, so an argument that contained a space is split.
Json splitArguments(const std::string& commandLine)
{
    Json args = Json::array();
    std::size_t start = 0;
    while (start < commandLine.size()) {
        std::size_t end = commandLine.find(' ', start);
        if (end == std::string::npos)
            end = commandLine.size();
        if (end > start)
            args.push_back(commandLine.substr(start, end - start));
        start = end + 1;
    }
    return args;
}

// The all-zero GUID is Sysmon's "unknown process"; as an entity id it would join unrelated processes.
std::optional<std::string> processGuid(const EventData& data, std::string_view name)
{
    auto guid = present(data, name);
    if (guid && *guid == "{00000000-0000-0000-0000-000000000000}")
        return std::nullopt;
    return guid;
}

// Fills process or process.parent from Sysmon's Image, CommandLine and Guid fields with this prefix.
void mapProcess(Json& process, const EventData& data, const std::string& prefix)
{
    setText(process, "entity_id", processGuid(data, prefix + "ProcessGuid"));
    setInteger(process, "pid", present(data, prefix + "ProcessId"));
    const auto image = present(data, prefix + "Image");
    setText(process, "executable", image);
    setText(process, "name", baseName(image));
    const auto commandLine = present(data, prefix + "CommandLine");
    setText(process, "command_line", commandLine);
    if (commandLine) {
        process["args"] = splitArguments(*commandLine);
        process["args_count"] = process["args"].size();
    }
}

// "SHA256=ab..,MD5=cd.." to process.hash.sha256 and process.hash.md5.
void mapHashes(Json& process, const std::optional<std::string>& hashes)
{
    if (!hashes)
        return;
    std::size_t start = 0;
    while (start < hashes->size()) {
        std::size_t end = hashes->find(',', start);
        if (end == std::string::npos)
            end = hashes->size();
        const std::string pair = hashes->substr(start, end - start);
        const std::size_t equals = pair.find('=');
        if (equals != std::string::npos && equals > 0) {
            std::string algorithm = pair.substr(0, equals);
            for (char& c : algorithm)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            process["hash"][algorithm] = pair.substr(equals + 1);
        }
        start = end + 1;
    }
}

void mapProcessCreate(Json& ecs, const EventData& data)
{
    ecs["event"]["category"] = {"process"};
    ecs["event"]["type"] = {"start"};
    ecs["event"]["action"] = "Process Create";
    Json& process = ecs["process"];
    mapProcess(process, data, "");
    setText(process, "working_directory", present(data, "CurrentDirectory"));
    mapHashes(process, present(data, "Hashes"));
    mapProcess(process["parent"], data, "Parent");
    setText(process["parent"]["user"], "name", present(data, "ParentUser"));
    if (process["parent"]["user"].empty())
        process["parent"].erase("user");
    if (process["parent"].empty())
        process.erase("parent");
}

void mapEndpoint(Json& endpoint, const EventData& data, const std::string& prefix)
{
    setText(endpoint, "ip", present(data, prefix + "Ip"));
    setInteger(endpoint, "port", present(data, prefix + "Port"));
    setText(endpoint, "domain", present(data, prefix + "Hostname"));
}

void mapNetworkConnect(Json& ecs, const EventData& data)
{
    ecs["event"]["category"] = {"network"};
    ecs["event"]["type"] = {"start", "connection"};
    ecs["event"]["action"] = "Network connection detected";
    mapProcess(ecs["process"], data, "");
    mapEndpoint(ecs["source"], data, "Source");
    mapEndpoint(ecs["destination"], data, "Destination");
    Json& network = ecs["network"];
    if (auto protocol = present(data, "Protocol")) {
        for (char& c : *protocol)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        network["transport"] = *protocol;
    }
    if (auto initiated = present(data, "Initiated"))
        network["direction"] = *initiated == "true" ? "egress" : "ingress";
    if (auto ipv6 = present(data, "SourceIsIpv6"))
        network["type"] = *ipv6 == "true" ? "ipv6" : "ipv4";
    for (const char* key : {"source", "destination", "network"}) {
        if (ecs[key].empty())
            ecs.erase(key);
    }
}

void mapProcessTerminate(Json& ecs, const EventData& data)
{
    ecs["event"]["category"] = {"process"};
    ecs["event"]["type"] = {"end"};
    ecs["event"]["action"] = "Process terminated";
    mapProcess(ecs["process"], data, "");
}

// Windows event levels, which Sysmon for Linux keeps, by their number.
std::optional<std::string> levelName(const std::optional<std::string>& level)
{
    static const std::map<std::string, std::string, std::less<>> names = {
        {"1", "critical"}, {"2", "error"}, {"3", "warning"}, {"4", "information"}, {"5", "verbose"}};
    if (!level)
        return std::nullopt;
    const auto found = names.find(*level);
    return found == names.end() ? level : std::optional<std::string>(found->second);
}

std::optional<std::string> childText(const XmlElement* parent, std::string_view name)
{
    const XmlElement* element = parent ? parent->child(name) : nullptr;
    if (!element)
        return std::nullopt;
    return element->text;
}

std::optional<std::string> childAttribute(const XmlElement* parent, std::string_view name, std::string_view attribute)
{
    const XmlElement* element = parent ? parent->child(name) : nullptr;
    const std::string* value = element ? element->attribute(attribute) : nullptr;
    if (!value)
        return std::nullopt;
    return *value;
}

void mapSystem(Json& ecs, const XmlElement* system, const SyslogHeader& header)
{
    Json& winlog = ecs["winlog"];
    setText(winlog, "channel", childText(system, "Channel"));
    setText(winlog, "computer_name", childText(system, "Computer"));
    setText(winlog, "event_id", childText(system, "EventID"));
    setText(winlog, "provider_name", childAttribute(system, "Provider", "Name"));
    setText(winlog, "provider_guid", childAttribute(system, "Provider", "Guid"));
    setText(winlog, "record_id", childText(system, "EventRecordID"));
    setInteger(winlog, "version", childText(system, "Version"));
    Json process;
    setInteger(process, "pid", childAttribute(system, "Execution", "ProcessID"));
    Json thread;
    setInteger(thread, "id", childAttribute(system, "Execution", "ThreadID"));
    if (!thread.empty())
        process["thread"] = std::move(thread);
    if (!process.empty())
        winlog["process"] = std::move(process);
    Json user;
    setText(user, "identifier", childAttribute(system, "Security", "UserId"));
    if (!user.empty())
        winlog["user"] = std::move(user);

    Json& event = ecs["event"];
    event["kind"] = "event";
    event["module"] = "sysmon_linux";
    event["dataset"] = "sysmon_linux.log";
    setText(event, "code", childText(system, "EventID"));
    setText(event, "provider", childAttribute(system, "Provider", "Name"));
    setText(event, "created", childAttribute(system, "TimeCreated", "SystemTime"));
    ecs["data_stream"] = {{"dataset", "sysmon_linux.log"}, {"type", "logs"}};

    auto hostName = childText(system, "Computer");
    if (!hostName || hostName->empty())
        hostName = header.hostname.empty() ? std::nullopt : std::optional<std::string>(header.hostname);
    setText(ecs["host"], "name", hostName);
    setText(ecs["host"], "hostname", hostName);
    ecs["host"]["os"]["type"] = "linux";

    setText(ecs["log"], "level", levelName(childText(system, "Level")));
    if (childText(system, "Opcode") == "0")
        winlog["opcode"] = "Info";
    Json& syslog = ecs["log"]["syslog"];
    for (const auto& [key, value] : {std::pair{"hostname", &header.hostname}, std::pair{"appname", &header.appname},
                                     std::pair{"procid", &header.procid}}) {
        if (!value->empty())
            syslog[key] = *value;
    }
    if (syslog.empty())
        ecs["log"].erase("syslog");
    if (ecs["log"].empty())
        ecs.erase("log");
}

} // namespace

SyslogHeader parseSyslogHeader(std::string_view prefix)
{
    SyslogHeader header;
    if (const auto line = parseSyslogLine(prefix)) {
        header.hostname = line->hostname;
        header.appname = line->appname;
        header.procid = line->procid;
    }
    return header;
}

Json sysmonEventToEcs(const XmlElement& event, const SyslogHeader& header)
{
    EventData data;
    if (const XmlElement* eventData = event.child("EventData")) {
        for (const XmlElement& item : eventData->children) {
            const std::string* name = item.attribute("Name");
            if (item.name == "Data" && name)
                data.emplace(*name, item.text);
        }
    }
    const XmlElement* system = event.child("System");

    Json ecs = Json::object();
    if (auto utcTime = present(data, "UtcTime"))
        ecs["@timestamp"] = utcTimeToIso(*utcTime);
    else if (auto created = childAttribute(system, "TimeCreated", "SystemTime"))
        ecs["@timestamp"] = *created;
    mapSystem(ecs, system, header);
    ecs["winlog"]["event_data"] = Json::object();
    for (const auto& [name, value] : data)
        ecs["winlog"]["event_data"][name] = value;
    setText(ecs["rule"], "name", present(data, "RuleName"));
    if (ecs["rule"].empty())
        ecs.erase("rule");
    setText(ecs["user"], "name", present(data, "User"));
    if (ecs["user"].empty())
        ecs.erase("user");

    const auto eventId = childText(system, "EventID");
    if (eventId == "1")
        mapProcessCreate(ecs, data);
    else if (eventId == "3")
        mapNetworkConnect(ecs, data);
    else if (eventId == "5")
        mapProcessTerminate(ecs, data);
    if (ecs.contains("process") && ecs["process"].empty())
        ecs.erase("process");
    return ecs;
}

} // namespace spoor::ingest
