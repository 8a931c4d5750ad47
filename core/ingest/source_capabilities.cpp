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

std::vector<std::string> auditGaps()
{
    return {"no event.ingested: the log has no ingest time, so rules with timestamp_override on it fall back "
            "to @timestamp",
            "no disconnect events: audit records accept() and connect(), not the end of a connection",
            "process.entity_id is derived from host, pid and the first event seen, not given by the producer",
            "process.parent.* is known only when the parent's exec, fork or another call is in the same file",
            "user.name needs the ENRICHED log format; plain logs give numeric ids only",
            "events exist only for the system calls that the host's audit rules watched",
            "host.name comes from node= or, without it, from the file name",
            "no process.start, process.hash or file hashes"};
}

std::vector<SourceCapabilities> buildTable()
{
    std::vector<SourceCapabilities> table;
    table.push_back({"auditd", false, auditFields(), auditDerived(), auditGaps()});
    SourceCapabilities laurel{"laurel", false, auditFields(), auditDerived(), auditGaps()};
    laurel.gaps.emplace_back("laurel's own enrichment beyond PARENT_INFO (container, script, env) is not mapped");
    table.push_back(std::move(laurel));
    // Elastic Defend and Auditbeat documents are ECS already: whatever their producer wrote is kept.
    for (const char* format : {"ndjson", "ndjson-hits", "bulk", "search-response", "json-array", "json"})
        table.push_back({format, true, {}, {}, {}});
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
