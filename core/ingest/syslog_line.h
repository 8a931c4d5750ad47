#pragma once

#include <optional>
#include <string_view>

namespace spoor::ingest {

// The header fields of one syslog line and the message after them. Views into the line; a field that the
// header leaves out ("-" in RFC 5424) is empty.
struct SyslogLine
{
    std::string_view hostname;
    std::string_view appname; // the tag without its "[pid]", e.g. "audisp-syslog", "audit", "kernel"
    std::string_view procid;
    std::string_view message;
};

// Parses the syslog header at the start of a line, in one of the forms that syslog daemons write to files:
// - BSD (RFC 3164): "Dec  4 10:00:01 host tag[pid]: message", optionally after "<PRI>";
// - the same with an ISO-8601 timestamp, as rsyslog's RSYSLOG_FileFormat writes it:
//   "2026-12-04T10:00:01.123456+00:00 host tag: message";
// - RFC 5424: "<PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA message".
// A BSD line whose tag has no ':' has no appname, and its message starts after the host.
// Returns nullopt when the line does not start with one of these headers.
std::optional<SyslogLine> parseSyslogLine(std::string_view line);

} // namespace spoor::ingest
