#include "analysis/sshd_accept_matching.h"

#include "analysis/process_tree.h"
#include "store/database.h"
#include "store/statement.h"

#include <algorithm>
#include <map>

namespace spoor::analysis {

namespace {

// sshd forks right after accept(2). One second is an estimate that leaves room for a loaded host.
constexpr std::int64_t maxAcceptToForkNs = 1'000'000'000;

// The accepts come in time order, so the candidates of each monitor are found by binary search.
void matchListener(std::vector<MonitorForAccept*>& monitors, const std::vector<const AcceptEvent*>& accepts)
{
    std::sort(monitors.begin(), monitors.end(),
              [](const MonitorForAccept* a, const MonitorForAccept* b) { return a->forkNs < b->forkNs; });
    const auto before = [](const AcceptEvent* accept, std::int64_t time) { return *accept->timeNs < time; };
    const auto after = [](std::int64_t time, const AcceptEvent* accept) { return time < *accept->timeNs; };
    std::optional<std::int64_t> previousFork;
    for (MonitorForAccept* monitor : monitors) {
        if (!monitor->forkNs)
            continue;
        const std::int64_t fork = *monitor->forkNs;
        // The candidates: fork - maxAcceptToForkNs <= time <= fork, and time > previousFork. The monitors are
        // sorted by fork time, so previousFork <= fork, and no accept fits when the two are equal.
        if (previousFork && *previousFork == fork)
            continue;
        std::int64_t earliest = fork - maxAcceptToForkNs;
        if (previousFork)
            earliest = std::max(earliest, *previousFork + 1);
        const auto first = std::lower_bound(accepts.begin(), accepts.end(), earliest, before);
        const auto last = std::upper_bound(first, accepts.end(), fork, after);
        if (last - first == 1)
            monitor->acceptEventId = (*first)->eventId;
        previousFork = fork;
    }
}

SshdConnection listenerEntry(const ProcessNode& node)
{
    SshdConnection entry;
    entry.role = SshdConnection::Role::Listener;
    entry.hostId = node.hostId;
    entry.hostName = node.hostName;
    entry.pid = node.pid;
    entry.entityKey = node.entityKey;
    entry.processId = node.id;
    entry.commandLine = node.commandLine;
    return entry;
}

} // namespace

std::vector<AcceptEvent> loadAccepts(const store::Database& db, const std::optional<std::string>& hostId)
{
    // The unary + keeps SQLite from walking events_by_host in time order for the ORDER BY, which it picks in a case
    // without statistics and which reads every event of the host: 3.5 s instead of 0.1 s for 12,000 accepts among
    // 250,000 events. The partial index events_connection_accepted serves the query instead.
    auto statement = db.prepare("SELECT id, pid, entity_id, timestamp_ns FROM events "
                                "WHERE action = 'connection_accepted' AND host_id IS ? ORDER BY +timestamp_ns, id");
    statement.bind(1, hostId);
    std::vector<AcceptEvent> accepts;
    while (statement.step())
        accepts.push_back(
            {statement.int64(0), statement.optionalInt64(1), statement.optionalText(2), statement.optionalInt64(3)});
    return accepts;
}

void matchAccepts(std::vector<MonitorForAccept>& monitors, const std::vector<AcceptEvent>& accepts)
{
    std::map<std::int64_t, std::vector<MonitorForAccept*>> monitorsByListener;
    for (MonitorForAccept& monitor : monitors) {
        if (monitor.connection.listenerPid)
            monitorsByListener[*monitor.connection.listenerPid].push_back(&monitor);
    }
    for (auto& [listenerPid, listenerMonitors] : monitorsByListener) {
        std::vector<const AcceptEvent*> listenerAccepts;
        for (const AcceptEvent& accept : accepts) {
            if (accept.pid == listenerPid && accept.timeNs)
                listenerAccepts.push_back(&accept);
        }
        matchListener(listenerMonitors, listenerAccepts);
    }
}

std::vector<SshdConnection> summarizeListeners(const store::Database& db, const std::optional<std::string>& hostId,
                                               const std::vector<AcceptEvent>& accepts,
                                               const std::vector<MonitorForAccept>& monitors)
{
    // Listeners are keyed by processes.id, and accepts whose process row is not found are not counted. The
    // process is looked up once per reporting pid and entity id.
    std::map<std::int64_t, SshdConnection> listeners;
    std::map<std::pair<std::optional<std::int64_t>, std::optional<std::string>>, std::optional<std::int64_t>> owners;
    for (const AcceptEvent& accept : accepts) {
        auto [owner, firstOfOwner] = owners.try_emplace({accept.pid, accept.entityId});
        if (firstOfOwner) {
            const auto node = processForEvent(db, accept.eventId);
            if (node && node->hostId == hostId) {
                owner->second = node->id;
                listeners.try_emplace(node->id, listenerEntry(*node));
            }
        }
        if (!owner->second)
            continue;
        SshdConnection& listener = listeners.at(*owner->second);
        ++listener.acceptCount;
        if (!listener.firstAcceptNs || (accept.timeNs && *accept.timeNs < *listener.firstAcceptNs))
            listener.firstAcceptNs = accept.timeNs;
        if (!listener.lastAcceptNs || (accept.timeNs && *accept.timeNs > *listener.lastAcceptNs))
            listener.lastAcceptNs = accept.timeNs;
    }
    for (const MonitorForAccept& monitor : monitors) {
        const auto listenerId = monitor.connection.listenerProcessId;
        if (!listenerId)
            continue;
        auto found = listeners.find(*listenerId);
        if (found == listeners.end()) {
            const auto node = loadProcess(db, *listenerId);
            if (!node)
                continue;
            found = listeners.emplace(*listenerId, listenerEntry(*node)).first;
        }
        ++found->second.monitorCount;
    }
    std::vector<SshdConnection> entries;
    for (auto& [id, listener] : listeners)
        entries.push_back(std::move(listener));
    return entries;
}

} // namespace spoor::analysis
