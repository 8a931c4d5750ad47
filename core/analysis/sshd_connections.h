#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// A network event tied to a connection, with the client's address from source.ip and source.port.
struct SshdNetworkEvent
{
    std::int64_t eventId = 0;
    std::optional<std::int64_t> timeNs;
    std::optional<std::int64_t> pid;
    std::optional<std::int64_t> processId; // processes.id of the reporting process, when known
    std::optional<std::string> sourceIp;
    std::optional<std::int64_t> sourcePort;
};

// A program executed under a connection's monitor. depth counts pids below the monitor: 1 for a direct
// child such as the pam_motd "sh -c", 2 for its children, and an exec keeps the depth of its fork.
struct SshdChild
{
    std::int64_t processId = 0;
    std::int64_t eventId = 0; // the exec event
    std::optional<std::int64_t> timeNs;
    std::optional<std::int64_t> pid;
    std::string name;
    std::string commandLine;
    std::string user;
    int depth = 0;
    std::optional<std::int64_t> endNs;
    std::optional<std::int64_t> exitCode;
};

// One entry of the sshd timeline. A Monitor entry is one connection: the per-connection sshd ("sshd -D -R"
// after the listener's re-exec, or sshd-session). A Listener entry is an sshd that accepts connections; it
// uses the identity fields and the accept counters only.
struct SshdConnection
{
    enum class Role { Listener, Monitor };

    Role role = Role::Monitor;
    std::optional<std::string> hostId;
    std::string hostName;
    std::optional<std::int64_t> pid;
    std::string entityKey;
    std::int64_t processId = 0;
    std::string commandLine;

    // Monitor: the accept is set only when exactly one accept by the listener falls between the previous
    // monitor's fork and this one's (and at most one second before it).
    std::optional<SshdNetworkEvent> accept;
    std::optional<std::int64_t> listenerPid;
    std::optional<std::int64_t> listenerProcessId;
    std::optional<std::int64_t> execEventId;
    std::optional<std::int64_t> execNs;
    std::optional<std::int64_t> exitEventId;
    std::optional<std::int64_t> exitNs;
    std::optional<std::int64_t> exitCode;
    std::vector<SshdChild> children;
    // The disconnect_received of the monitor; when the monitor has none, that of a process below it
    // (disconnectByMonitor is then false).
    std::optional<SshdNetworkEvent> disconnect;
    bool disconnectByMonitor = false;

    // Listener: accept events reported by this process, and monitors forked from it.
    std::int64_t acceptCount = 0;
    std::optional<std::int64_t> firstAcceptNs;
    std::optional<std::int64_t> lastAcceptNs;
    std::int64_t monitorCount = 0;
};

// Lists the sshd listeners and connections of one host, or of every host when hostId is not given: per host,
// listeners first, then connections by exec time. Needs the processes table (buildProcessTable). Runs a few
// queries per host, whatever its number of connections, and decompresses the document blocks that hold the
// accept and disconnect events once each, for their source address.
std::vector<SshdConnection> loadSshdConnections(store::Database& db, std::optional<std::string> hostId = {});

} // namespace spoor::analysis
