#include "analysis/process_tree.h"

#include "store/database.h"
#include "store/statement.h"

#include <string>

namespace spoor::analysis {

namespace {

// The columns readNode expects, from a processes row aliased p.
constexpr const char* nodeColumns = R"sql(
p.id, p.host_id, p.host_name, p.entity_key, p.entity_inferred, p.parent_key, p.parent_id, p.pid, p.parent_pid,
p.name, p.executable, p.command_line, p.user_name, p.start_ns, p.end_ns, p.exit_code, p.first_event,
p.start_event, p.end_event, (SELECT count(*) FROM processes AS c WHERE c.parent_id = p.id)
)sql";

constexpr int maxAncestryDepth = 10000;

ProcessNode readNode(const store::Statement& statement)
{
    ProcessNode node;
    node.id = statement.int64(0);
    node.hostId = statement.optionalText(1);
    node.hostName = statement.optionalText(2).value_or("");
    node.entityKey = statement.text(3);
    node.entityInferred = statement.int64(4) != 0;
    node.parentKey = statement.optionalText(5);
    node.parentId = statement.optionalInt64(6);
    node.pid = statement.optionalInt64(7);
    node.parentPid = statement.optionalInt64(8);
    node.name = statement.optionalText(9).value_or("");
    node.executable = statement.optionalText(10).value_or("");
    node.commandLine = statement.optionalText(11).value_or("");
    node.user = statement.optionalText(12).value_or("");
    node.startNs = statement.optionalInt64(13);
    node.endNs = statement.optionalInt64(14);
    node.exitCode = statement.optionalInt64(15);
    node.firstEvent = statement.optionalInt64(16);
    node.startEvent = statement.optionalInt64(17);
    node.endEvent = statement.optionalInt64(18);
    node.childCount = statement.int64(19);
    return node;
}

std::vector<ProcessNode> readNodes(store::Statement& statement)
{
    std::vector<ProcessNode> nodes;
    while (statement.step())
        nodes.push_back(readNode(statement));
    return nodes;
}

std::string selectNodes(const std::string& rest)
{
    return std::string("SELECT ") + nodeColumns + " FROM processes AS p " + rest;
}

} // namespace

std::vector<ProcessHost> loadProcessHosts(const store::Database& db)
{
    // The count comes from the covering index on host_id; the name is read from one row per host.
    auto statement = db.prepare(R"sql(
SELECT counts.host_id, (SELECT host_name FROM processes AS named WHERE named.host_id IS counts.host_id LIMIT 1),
       counts.processes
FROM (SELECT host_id, count(*) AS processes FROM processes GROUP BY host_id) AS counts
ORDER BY 2, 1
)sql");
    std::vector<ProcessHost> hosts;
    while (statement.step())
        hosts.push_back({statement.optionalText(0), statement.optionalText(1).value_or(""), statement.int64(2)});
    return hosts;
}

std::vector<ProcessNode> loadRootProcesses(const store::Database& db, const std::optional<std::string>& hostId,
                                           RootKind kind, PageRange page)
{
    const char* parentKeyTest = kind == RootKind::Root ? "p.parent_key IS NULL" : "p.parent_key IS NOT NULL";
    auto statement = db.prepare(selectNodes(std::string("WHERE p.host_id IS ? AND p.parent_id IS NULL AND ") +
                                            parentKeyTest + " ORDER BY p.start_ns, p.id LIMIT ? OFFSET ?"));
    statement.bind(1, hostId).bind(2, page.limit).bind(3, page.offset);
    return readNodes(statement);
}

std::vector<ProcessNode> loadChildProcesses(const store::Database& db, std::int64_t processId, PageRange page)
{
    auto statement = db.prepare(selectNodes("WHERE p.parent_id = ? ORDER BY p.start_ns, p.id LIMIT ? OFFSET ?"));
    statement.bind(1, processId).bind(2, page.limit).bind(3, page.offset);
    return readNodes(statement);
}

std::int64_t countRootProcesses(const store::Database& db, const std::optional<std::string>& hostId, RootKind kind)
{
    const char* parentKeyTest = kind == RootKind::Root ? "parent_key IS NULL" : "parent_key IS NOT NULL";
    auto statement = db.prepare(std::string("SELECT count(*) FROM processes AS p WHERE p.host_id IS ? AND "
                                            "p.parent_id IS NULL AND p.") +
                                parentKeyTest);
    statement.bind(1, hostId);
    return statement.step() ? statement.int64(0) : 0;
}

std::int64_t siblingPosition(const store::Database& db, const ProcessNode& process)
{
    // SQLite sorts NULL before every number, so a sibling without a start time comes first, and the ORDER BY of
    // the list queries breaks ties between equal start times by id.
    constexpr const char* before = R"sql(
 AND ((s.start_ns IS NULL AND ?2 IS NOT NULL) OR s.start_ns < ?2 OR (s.start_ns IS ?2 AND s.id < ?3)))sql";
    store::Statement statement;
    if (process.parentId) {
        statement = db.prepare(std::string("SELECT count(*) FROM processes AS s WHERE s.parent_id = ?1") + before);
        statement.bind(1, *process.parentId);
    } else {
        const char* parentKeyTest = process.parentKey ? "s.parent_key IS NOT NULL" : "s.parent_key IS NULL";
        statement = db.prepare(std::string("SELECT count(*) FROM processes AS s WHERE s.host_id IS ?1 AND "
                                           "s.parent_id IS NULL AND ") +
                               parentKeyTest + before);
        statement.bind(1, process.hostId);
    }
    statement.bind(2, process.startNs).bind(3, process.id);
    return statement.step() ? statement.int64(0) : 0;
}

std::optional<ProcessNode> loadProcess(const store::Database& db, std::int64_t processId)
{
    auto statement = db.prepare(selectNodes("WHERE p.id = ?"));
    statement.bind(1, processId);
    if (!statement.step())
        return std::nullopt;
    return readNode(statement);
}

std::optional<ProcessNode> processForEvent(const store::Database& db, std::int64_t eventId)
{
    auto event = db.prepare("SELECT entity_id, host_id, pid, timestamp_ns FROM events WHERE id = ?");
    event.bind(1, eventId);
    if (!event.step())
        return std::nullopt;
    store::Statement statement;
    if (const auto entityId = event.optionalText(0)) {
        statement = db.prepare(selectNodes("WHERE p.entity_key = ? AND p.host_id IS ? ORDER BY p.id LIMIT 1"));
        statement.bind(1, *entityId).bind(2, event.optionalText(1));
    } else if (const auto pid = event.optionalInt64(2)) {
        // The latest generation started at or before the event, else the earliest one after it.
        statement = db.prepare(selectNodes(R"sql(
WHERE p.host_id IS ?1 AND p.pid = ?2
ORDER BY (p.start_ns <= ?3) DESC, CASE WHEN p.start_ns <= ?3 THEN -p.start_ns ELSE p.start_ns END, p.id
LIMIT 1)sql"));
        statement.bind(1, event.optionalText(1)).bind(2, *pid).bind(3, event.optionalInt64(3));
    } else {
        return std::nullopt;
    }
    if (!statement.step())
        return std::nullopt;
    return readNode(statement);
}

std::vector<ProcessNode> ancestry(const store::Database& db, std::int64_t processId)
{
    // Each step looks its parent up by primary key in a scalar subquery. Written as a join, the recursive step
    // let SQLite 3.40 build a Bloom filter over the whole processes table on every call: 100 ms for 565,000
    // processes in the sqlite3 shell. The step after the root yields a NULL id, which the final join drops.
    auto statement = db.prepare(std::string(R"sql(
WITH RECURSIVE chain (id, depth) AS (
    SELECT id, 0 FROM processes WHERE id = ?
    UNION ALL
    SELECT (SELECT parent.parent_id FROM processes AS parent WHERE parent.id = chain.id), chain.depth + 1
    FROM chain WHERE chain.id IS NOT NULL AND chain.depth < ?)
SELECT )sql") + nodeColumns + " FROM chain JOIN processes AS p ON p.id = chain.id ORDER BY chain.depth DESC");
    statement.bind(1, processId).bind(2, maxAncestryDepth);
    return readNodes(statement);
}

} // namespace spoor::analysis
