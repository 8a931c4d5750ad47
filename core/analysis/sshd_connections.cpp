#include "analysis/sshd_connections.h"

#include "analysis/sshd_accept_matching.h"
#include "analysis/sshd_batch_reads.h"
#include "store/database.h"
#include "store/statement.h"

#include <sstream>
#include <unordered_map>

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

void attachDisconnect(const HostDisconnects& disconnects, SshdConnection& monitor, bool inferred,
                      const std::vector<SshdDescendant>& descendants)
{
    if (auto disconnect = disconnects.find(monitor.entityKey, inferred, monitor.pid, monitor.execNs, monitor.exitNs)) {
        monitor.disconnect = std::move(disconnect);
        monitor.disconnect->processId = monitor.processId;
        monitor.disconnectByMonitor = true;
        return;
    }
    for (const SshdDescendant& descendant : descendants) {
        const SshdChild& child = descendant.child;
        if (auto disconnect =
                disconnects.find(descendant.entityKey, descendant.inferred, child.pid, child.timeNs, child.endNs)) {
            monitor.disconnect = std::move(disconnect);
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
        monitors.push_back(std::move(monitor));
    }
    return monitors;
}

// Adds each monitor's children (the execs below it) and its disconnect.
void attachDescendants(const store::Database& db, const std::optional<std::string>& hostId,
                       std::vector<MonitorForAccept>& monitors)
{
    std::vector<std::int64_t> ids;
    for (const MonitorForAccept& monitor : monitors)
        ids.push_back(monitor.connection.processId);
    const auto descendantsOf = loadDescendants(db, ids);
    const HostDisconnects disconnects(db, hostId);
    const std::vector<SshdDescendant> none;
    for (MonitorForAccept& monitor : monitors) {
        const auto found = descendantsOf.find(monitor.connection.processId);
        const auto& descendants = found == descendantsOf.end() ? none : found->second;
        for (const SshdDescendant& descendant : descendants) {
            if (descendant.isExec)
                monitor.connection.children.push_back(descendant.child);
        }
        attachDisconnect(disconnects, monitor.connection, monitor.inferred, descendants);
    }
}

SshdNetworkEvent networkEvent(const AcceptEvent& accept)
{
    SshdNetworkEvent event;
    event.eventId = accept.eventId;
    event.timeNs = accept.timeNs;
    event.pid = accept.pid;
    return event;
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
    attachDescendants(db, hostId, monitors);
    const std::vector<AcceptEvent> accepts = loadAccepts(db, hostId);
    matchAccepts(monitors, accepts);
    std::unordered_map<std::int64_t, const AcceptEvent*> acceptById;
    for (const AcceptEvent& accept : accepts)
        acceptById.emplace(accept.eventId, &accept);
    std::vector<SshdNetworkEvent*> networkEvents;
    for (MonitorForAccept& monitor : monitors) {
        SshdConnection& connection = monitor.connection;
        if (monitor.acceptEventId) {
            connection.accept = networkEvent(*acceptById.at(*monitor.acceptEventId));
            connection.accept->processId = connection.listenerProcessId;
            networkEvents.push_back(&*connection.accept);
        }
        if (connection.disconnect)
            networkEvents.push_back(&*connection.disconnect);
    }
    readSourceAddresses(db, networkEvents);

    for (SshdConnection& listener : summarizeListeners(db, hostId, accepts, monitors))
        out.push_back(std::move(listener));
    for (MonitorForAccept& monitor : monitors)
        out.push_back(std::move(monitor.connection));
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
