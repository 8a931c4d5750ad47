#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace spoor::ingest {

struct XmlElement;

// The syslog header in front of a Sysmon event: "Oct 24 17:05:38 host sysmon[3099]: <Event>...".
struct SyslogHeader
{
    std::string hostname;
    std::string appname;
    std::string procid;
};

// Parses the syslog header in front of the event (see parseSyslogLine for the forms it reads). Fields it cannot
// find stay empty.
SyslogHeader parseSyslogHeader(std::string_view prefix);

// Maps a Sysmon for Linux <Event> to an ECS document, following the sysmon_linux integration of Elastic
// Agent: ProcessGuid to process.entity_id, UtcTime to @timestamp, Computer to host.name, every <Data> also
// kept in winlog.event_data. Event ids 1 (process create), 3 (network connect) and 5 (process terminate)
// get ECS categories; other ids keep only the common fields. "-" values are left out.
nlohmann::json sysmonEventToEcs(const XmlElement& event, const SyslogHeader& header);

} // namespace spoor::ingest
