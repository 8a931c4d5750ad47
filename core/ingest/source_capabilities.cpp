#include "ingest/source_capabilities.h"

namespace spoor::ingest {

namespace {

// Fields that the audit formats fill, from the SYSCALL, EXECVE, CWD, PROCTITLE and SOCKADDR records
// and from user-space messages. Shared by "auditd" and "laurel", which carry the same records.
std::vector<std::string> auditFields()
{
    return {"@timestamp",
            "event.kind",
            "event.module",
            "event.dataset",
            "event.action",
            "event.category",
            "event.type",
            "event.outcome",
            "event.sequence",
            "event.original",
            "host.name",
            "host.id",
            "host.os.type",
            "user.id",
            "user.name",
            "user.effective.id",
            "user.effective.name",
            "user.audit.id",
            "user.audit.name",
            "group.id",
            "group.name",
            "process.pid",
            "process.entity_id",
            "process.executable",
            "process.name",
            "process.args",
            "process.args_count",
            "process.command_line",
            "process.title",
            "process.working_directory",
            "process.exit_code",
            "process.parent.pid",
            "process.parent.entity_id",
            "process.parent.name",
            "process.parent.executable",
            "process.parent.args",
            "process.parent.command_line",
            "source.ip",
            "source.port",
            "destination.ip",
            "destination.port",
            "network.type",
            "network.direction",
            "tags",
            "auditd.sequence",
            "auditd.session",
            "auditd.message_type"};
}

std::vector<std::string> auditDerived()
{
    return {"process.entity_id",         "process.parent.entity_id", "process.parent.name",
            "process.parent.executable", "process.parent.args",      "process.parent.command_line"};
}

// `hostWithoutNode` names where host.name comes from when a record has no node= prefix.
std::vector<std::string> auditGaps(const std::string& hostWithoutNode)
{
    return {"no event.ingested: the log has no ingest time, so rules with timestamp_override on it fall back "
            "to @timestamp",
            "no disconnect events: audit records accept() and connect(), not the end of a connection",
            "process.entity_id is derived from host, pid and the first event seen, not given by the producer",
            "process.parent.* is known only when the parent's exec, fork or another call is in the same file",
            "user.name needs the ENRICHED log format; plain logs give numeric ids only",
            "events exist only for the system calls that the host's audit rules watched",
            "host.name comes from node= or, without it, from " + hostWithoutNode,
            "no process.start, process.hash or file hashes"};
}

// Sysmon for Linux event ids 1 (process create), 3 (network connect) and 5 (process terminate).
SourceCapabilities sysmonCapabilities()
{
    return {"sysmon-syslog",
            false,
            {"@timestamp",
             "event.kind",
             "event.module",
             "event.dataset",
             "event.code",
             "event.action",
             "event.category",
             "event.type",
             "event.provider",
             "event.created",
             "host.name",
             "host.os.type",
             "user.name",
             "rule.name",
             "process.pid",
             "process.entity_id",
             "process.executable",
             "process.name",
             "process.command_line",
             "process.args",
             "process.args_count",
             "process.working_directory",
             "process.hash.sha256",
             "process.hash.md5",
             "process.parent.pid",
             "process.parent.entity_id",
             "process.parent.executable",
             "process.parent.name",
             "process.parent.command_line",
             "process.parent.args",
             "process.parent.user.name",
             "source.ip",
             "source.port",
             "source.domain",
             "destination.ip",
             "destination.port",
             "destination.domain",
             "network.transport",
             "network.direction",
             "network.type",
             "winlog.event_data",
             "log.syslog.hostname",
             "log.syslog.appname"},
            {"process.name", "process.args", "process.parent.name", "process.parent.args"},
            {"no process.exit_code: Sysmon's process terminate event carries none",
             "no event.ingested, so rules with timestamp_override on it fall back to @timestamp",
             "no disconnect events: event id 3 records the connection only",
             "process.entity_id is Sysmon's ProcessGuid, which Elastic Defend rules do not know",
             "process.args is CommandLine split at spaces, so an argument that contained a space is split",
             "user.id and host.id are missing: Sysmon for Linux names the user and the computer only",
             "event ids other than 1, 3 and 5 keep only the common fields and winlog.event_data"}};
}

std::vector<SourceCapabilities> buildTable()
{
    std::vector<SourceCapabilities> table;
    table.push_back({"auditd", false, auditFields(), auditDerived(), auditGaps("the file name")});
    SourceCapabilities syslog{"auditd-syslog", false, auditFields(), auditDerived(),
                              auditGaps("the syslog header's host name")};
    syslog.gaps.emplace_back("records that journald forwarded without their msg=audit() stamp cannot be grouped "
                             "into events and are rejected");
    table.push_back(std::move(syslog));
    SourceCapabilities laurel{"laurel", false, auditFields(), auditDerived(), auditGaps("the file name")};
    laurel.gaps.emplace_back("laurel's own enrichment beyond PARENT_INFO (container, script, env) is not mapped");
    table.push_back(std::move(laurel));
    // Elastic Defend and Auditbeat documents are ECS already: whatever their producer wrote is kept.
    for (const char* format :
         {"ndjson", "ndjson-hits", "bulk", "search-response", "json-array", "json", "ndjson-fields", "eql-response"})
        table.push_back({format, true, {}, {}, {}});
    table.push_back({"kibana-csv",
                     true,
                     {},
                     {},
                     {"only the columns chosen in Discover: every other field of the events is missing",
                      "dates without a UTC offset are read in the zone given with the import, else as UTC",
                      "numbers and dates are parsed back from Kibana's display format, so a field with a custom "
                      "format may keep its text"}});
    table.push_back(sysmonCapabilities());
    return table;
}

} // namespace

const std::vector<SourceCapabilities>& allSourceCapabilities()
{
    static const std::vector<SourceCapabilities> table = buildTable();
    return table;
}

const SourceCapabilities* sourceCapabilities(std::string_view format)
{
    for (const auto& capabilities : allSourceCapabilities()) {
        if (capabilities.format == format)
            return &capabilities;
    }
    return nullptr;
}

} // namespace spoor::ingest
