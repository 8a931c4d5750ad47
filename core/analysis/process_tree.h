#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

// Read queries over the processes table that buildProcessTable fills. Each function runs one or two indexed SQL
// queries on the connection it is given; each thread passes its own connection.
namespace spoor::analysis {

struct ProcessHost
{
    std::optional<std::string> hostId;
    std::string hostName;
    std::int64_t processCount = 0;
};

// One process generation (a row of the processes table).
struct ProcessNode
{
    std::int64_t id = 0;
    std::optional<std::string> hostId;
    std::string hostName;
    std::string entityKey;
    bool entityInferred = false;
    std::optional<std::string> parentKey;
    std::optional<std::int64_t> parentId;
    std::optional<std::int64_t> pid;
    std::optional<std::int64_t> parentPid;
    std::string name;
    std::string executable;
    std::string commandLine;
    std::string user;
    std::optional<std::int64_t> startNs;
    std::optional<std::int64_t> endNs;
    std::optional<std::int64_t> exitCode;
    std::optional<std::int64_t> firstEvent;
    std::optional<std::int64_t> startEvent;
    std::optional<std::int64_t> endEvent;
    std::int64_t childCount = 0;

    // The parent is named (parent_key) but not in the dump.
    bool isOrphan() const { return !parentId && parentKey.has_value(); }
};

// Rows of a paged query; limit -1 means no limit, as in SQLite.
struct PageRange
{
    std::int64_t offset = 0;
    std::int64_t limit = -1;
};

enum class RootKind {
    Root,   // no parent at all
    Orphan, // a parent named by the events but absent from the dump
};

// Lists the hosts with processes, ordered by host name.
std::vector<ProcessHost> loadProcessHosts(const store::Database& db);

// Lists the parentless processes of a host, by start time. A NULL hostId selects events without host.id.
std::vector<ProcessNode> loadRootProcesses(const store::Database& db, const std::optional<std::string>& hostId,
                                           RootKind kind, PageRange page = {});

// Lists the children of a process row, by start time.
std::vector<ProcessNode> loadChildProcesses(const store::Database& db, std::int64_t processId, PageRange page = {});

// Counts the rows that loadRootProcesses lists without a page.
std::int64_t countRootProcesses(const store::Database& db, const std::optional<std::string>& hostId, RootKind kind);

// Returns the position of a process among its siblings in the order that loadChildProcesses (a process with a
// parent row) or loadRootProcesses (a root or an orphan of its host) lists them. That order is by start time,
// then by id, with unknown start times first.
std::int64_t siblingPosition(const store::Database& db, const ProcessNode& process);

std::optional<ProcessNode> loadProcess(const store::Database& db, std::int64_t processId);

// Finds the generation an event belongs to: by process.entity_id when the event has one, otherwise the
// latest generation of the event's host and pid that started at or before the event.
std::optional<ProcessNode> processForEvent(const store::Database& db, std::int64_t eventId);

// Returns the chain from the root down to the process itself; empty when the row does not exist. Stops
// after 10,000 levels, so a parent cycle in damaged data cannot loop.
std::vector<ProcessNode> ancestry(const store::Database& db, std::int64_t processId);

} // namespace spoor::analysis
