#include "analysis/sshd_connections.h"

#include "analysis/event_document.h"
#include "analysis/sshd_accept_matching.h"
#include "store/database.h"
#include "store/statement.h"

#include <limits>
#include <sstream>

namespace spoor::analysis {

namespace {

constexpr const char* selectMonitorCandidates = R"sql(
SELECT p.id, p.host_id, p.host_name, p.pid, p.entity_key, p.entity_inferred, p.name, p.command_line,
       p.start_event, p.start_ns, p.end_event, p.end_ns, p.exit_code, p.parent_pid,
       fork.start_ns, CASE WHEN fork.id IS NULL THEN p.parent_id ELSE fork.parent_id END
FROM processes AS p
JOIN events AS s ON s.id = p.start_event
LEFT JOIN processes AS fork ON fork.id = p.parent_id AND fork.pid = p.pid
WHERE p.name IN ('sshd', 'sshd-session') AND p.host_id IS ? AND s.action = 'exec'
ORDER BY p.start_ns, p.id
)sql";

// depth grows by one per pid change; level bounds the walk should parent links form a cycle.
constexpr const char* selectDescendants = R"sql(
WITH RECURSIVE below (id, pid, depth, level) AS (
    SELECT id, pid, 0, 0 FROM processes WHERE id = ?
    UNION ALL
    SELECT c.id, c.pid, below.depth + (c.pid IS NOT below.pid), below.level + 1
    FROM below JOIN processes AS c ON c.parent_id = below.id
    WHERE below.level < 10000)
SELECT p.id, p.pid, p.name, p.command_line, p.user_name, p.start_ns, p.end_ns, p.exit_code, p.start_event,
       p.entity_key, p.entity_inferred, below.depth, s.action
FROM below JOIN processes AS p ON p.id = below.id LEFT JOIN events AS s ON s.id = p.start_event
WHERE below.level > 0
ORDER BY p.start_ns, p.id
)sql";

// Disconnects are attributed by entity id, or for an inferred generation by pid within its lifetime.
// The unary + keeps SQLite from walking events_by_host in time order, which an unanalysed case otherwise picks
// for the ORDER BY ... LIMIT 1 and which reads every event of the host once per connection.
constexpr const char* selectDisconnectByEntity = R"sql(
SELECT id FROM events WHERE entity_id = ? AND +host_id IS ? AND action = 'disconnect_received'
ORDER BY timestamp_ns, id LIMIT 1
)sql";
constexpr const char* selectDisconnectByPid = R"sql(
SELECT id FROM events
WHERE action = 'disconnect_received' AND host_id IS ? AND pid = ? AND timestamp_ns BETWEEN ? AND ?
ORDER BY timestamp_ns, id LIMIT 1
)sql";

// How long after a process's end event a disconnect is still attributed to it by pid.
constexpr std::int64_t disconnectGraceNs = 5'000'000'000;

struct Descendant
{
    SshdChild child;
    std::string entityKey;
    bool inferred = false;
    bool isExec = false;
};

bool isMonitorCommand(const std::string& name, const std::string& commandLine)
{
    if (name == "sshd-session")
        return true;
    std::istringstream words(commandLine);
    bool daemonFlag = false;
    bool reexecFlag = false;
    for (std::string word; words >> word;) {
        daemonFlag = daemonFlag || word == "-D";
        reexecFlag = reexecFlag || word == "-R";
    }
    return daemonFlag && reexecFlag;
}

SshdNetworkEvent readNetworkEvent(const store::Database& db, std::int64_t eventId)
{
    SshdNetworkEvent event;
    event.eventId = eventId;
    auto statement = db.prepare("SELECT timestamp_ns, pid FROM events WHERE id = ?");
    statement.bind(1, eventId);
    if (statement.step()) {
        event.timeNs = statement.optionalInt64(0);
        event.pid = statement.optionalInt64(1);
    }
    if (const auto document = loadEventDocument(db, eventId)) {
        event.sourceIp = stringField(*document, "source.ip");
        event.sourcePort = integerField(*document, "source.port");
    }
    return event;
}

std::optional<std::int64_t> findDisconnect(const store::Database& db, const std::optional<std::string>& hostId,
                                           const std::string& entityKey, bool inferred, std::optional<std::int64_t> pid,
                                           std::optional<std::int64_t> startNs, std::optional<std::int64_t> endNs)
{
    store::Statement statement;
    if (!inferred) {
        statement = db.prepare(selectDisconnectByEntity);
        statement.bind(1, entityKey).bind(2, hostId);
    } else if (pid) {
        const std::int64_t last = endNs ? *endNs + disconnectGraceNs : std::numeric_limits<std::int64_t>::max();
        statement = db.prepare(selectDisconnectByPid);
        statement.bind(1, hostId).bind(2, *pid).bind(3, startNs.value_or(0)).bind(4, last);
    } else {
        return std::nullopt;
    }
    if (!statement.step())
        return std::nullopt;
    return statement.int64(0);
}

SshdConnection readMonitor(const store::Statement& row)
{
    SshdConnection monitor;
    monitor.role = SshdConnection::Role::Monitor;
    monitor.processId = row.int64(0);
    monitor.hostId = row.optionalText(1);
    monitor.hostName = row.optionalText(2).value_or("");
    monitor.pid = row.optionalInt64(3);
    monitor.entityKey = row.text(4);
    monitor.commandLine = row.optionalText(7).value_or("");
    monitor.execEventId = row.optionalInt64(8);
    monitor.execNs = row.optionalInt64(9);
    monitor.exitEventId = row.optionalInt64(10);
    monitor.exitNs = row.optionalInt64(11);
    monitor.exitCode = row.optionalInt64(12);
    monitor.listenerPid = row.optionalInt64(13);
    monitor.listenerProcessId = row.optionalInt64(15);
    return monitor;
}

std::vector<Descendant> loadDescendants(const store::Database& db, std::int64_t processId)
{
    auto statement = db.prepare(selectDescendants);
    statement.bind(1, processId);
    std::vector<Descendant> descendants;
    while (statement.step()) {
        Descendant descendant;
        SshdChild& child = descendant.child;
        child.processId = statement.int64(0);
        child.pid = statement.optionalInt64(1);
        child.name = statement.optionalText(2).value_or("");
        child.commandLine = statement.optionalText(3).value_or("");
        child.user = statement.optionalText(4).value_or("");
        child.timeNs = statement.optionalInt64(5);
        child.endNs = statement.optionalInt64(6);
        child.exitCode = statement.optionalInt64(7);
        child.eventId = statement.optionalInt64(8).value_or(0);
        child.depth = static_cast<int>(statement.int64(11));
        descendant.entityKey = statement.text(9);
        descendant.inferred = statement.int64(10) != 0;
        descendant.isExec = statement.optionalText(12) == "exec";
        descendants.push_back(std::move(descendant));
    }
    return descendants;
}

void attachDisconnect(const store::Database& db, SshdConnection& monitor, bool inferred,
                      const std::vector<Descendant>& descendants)
{
    if (auto id = findDisconnect(db, monitor.hostId, monitor.entityKey, inferred, monitor.pid, monitor.execNs,
                                 monitor.exitNs)) {
        monitor.disconnect = readNetworkEvent(db, *id);
        monitor.disconnect->processId = monitor.processId;
        monitor.disconnectByMonitor = true;
        return;
    }
    for (const Descendant& descendant : descendants) {
        const SshdChild& child = descendant.child;
        if (auto id = findDisconnect(db, monitor.hostId, descendant.entityKey, descendant.inferred, child.pid,
                                     child.timeNs, child.endNs)) {
            monitor.disconnect = readNetworkEvent(db, *id);
            monitor.disconnect->processId = child.processId;
            return;
        }
    }
}

std::vector<MonitorForAccept> loadMonitors(const store::Database& db, const std::optional<std::string>& hostId)
{
    auto statement = db.prepare(selectMonitorCandidates);
    statement.bind(1, hostId);
    std::vector<MonitorForAccept> monitors;
    while (statement.step()) {
        if (!isMonitorCommand(statement.optionalText(6).value_or(""), statement.optionalText(7).value_or("")))
            continue;
        MonitorForAccept monitor;
        monitor.connection = readMonitor(statement);
        monitor.inferred = statement.int64(5) != 0;
        monitor.forkNs = statement.isNull(14) ? monitor.connection.execNs : statement.optionalInt64(14);
        const auto descendants = loadDescendants(db, monitor.connection.processId);
        for (const Descendant& descendant : descendants) {
            if (descendant.isExec)
                monitor.connection.children.push_back(descendant.child);
        }
        attachDisconnect(db, monitor.connection, monitor.inferred, descendants);
        monitors.push_back(std::move(monitor));
    }
    return monitors;
}

std::vector<std::optional<std::string>> sshdHosts(const store::Database& db)
{
    auto statement = db.prepare("SELECT DISTINCT host_id FROM processes WHERE name IN ('sshd', 'sshd-session') "
                                "ORDER BY host_id");
    std::vector<std::optional<std::string>> hosts;
    while (statement.step())
        hosts.push_back(statement.optionalText(0));
    return hosts;
}

void appendHost(store::Database& db, const std::optional<std::string>& hostId, std::vector<SshdConnection>& out)
{
    std::vector<MonitorForAccept> monitors = loadMonitors(db, hostId);
    const std::vector<AcceptEvent> accepts = loadAccepts(db, hostId);
    matchAccepts(monitors, accepts);
    for (SshdConnection& listener : summarizeListeners(db, hostId, accepts, monitors))
        out.push_back(std::move(listener));
    for (MonitorForAccept& monitor : monitors) {
        if (monitor.acceptEventId) {
            monitor.connection.accept = readNetworkEvent(db, *monitor.acceptEventId);
            monitor.connection.accept->processId = monitor.connection.listenerProcessId;
        }
        out.push_back(std::move(monitor.connection));
    }
}

} // namespace

std::vector<SshdConnection> loadSshdConnections(store::Database& db, std::optional<std::string> hostId)
{
    std::vector<SshdConnection> connections;
    if (hostId) {
        appendHost(db, hostId, connections);
        return connections;
    }
    for (const auto& host : sshdHosts(db))
        appendHost(db, host, connections);
    return connections;
}

} // namespace spoor::analysis
