#include "analysis/sshd_batch_reads.h"

#include "analysis/event_document.h"
#include "store/database.h"
#include "store/document_store.h"
#include "store/statement.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace spoor::analysis {

namespace {

// The roots come in as one JSON array parameter. depth grows by one per pid change, and level bounds the walk
// should parent links form a cycle.
constexpr const char* selectDescendants = R"sql(
WITH RECURSIVE below (root, id, pid, depth, level) AS (
    SELECT id, id, pid, 0, 0 FROM processes WHERE id IN (SELECT value FROM json_each(?))
    UNION ALL
    SELECT below.root, c.id, c.pid, below.depth + (c.pid IS NOT below.pid), below.level + 1
    FROM below JOIN processes AS c ON c.parent_id = below.id
    WHERE below.level < 10000)
SELECT below.root, p.id, p.pid, p.name, p.command_line, p.user_name, p.start_ns, p.end_ns, p.exit_code,
       p.start_event, p.entity_key, p.entity_inferred, below.depth, s.action
FROM below JOIN processes AS p ON p.id = below.id LEFT JOIN events AS s ON s.id = p.start_event
WHERE below.level > 0
ORDER BY below.root, p.start_ns, p.id
)sql";

// Served by the partial index events_disconnect_received, which contains only these events.
constexpr const char* selectDisconnects = R"sql(
SELECT id, entity_id, pid, timestamp_ns FROM events WHERE action = 'disconnect_received' AND host_id IS ?
)sql";

// How long after a process's end event a disconnect is still attributed to it by pid.
constexpr std::int64_t disconnectGraceNs = 5'000'000'000;

std::string jsonArray(const std::vector<std::int64_t>& values)
{
    std::string text = "[";
    for (const std::int64_t value : values) {
        if (text.size() > 1)
            text += ',';
        text += std::to_string(value);
    }
    return text + "]";
}

SshdDescendant readDescendant(const store::Statement& statement)
{
    SshdDescendant descendant;
    SshdChild& child = descendant.child;
    child.processId = statement.int64(1);
    child.pid = statement.optionalInt64(2);
    child.name = statement.optionalText(3).value_or("");
    child.commandLine = statement.optionalText(4).value_or("");
    child.user = statement.optionalText(5).value_or("");
    child.timeNs = statement.optionalInt64(6);
    child.endNs = statement.optionalInt64(7);
    child.exitCode = statement.optionalInt64(8);
    child.eventId = statement.optionalInt64(9).value_or(0);
    child.depth = static_cast<int>(statement.int64(12));
    descendant.entityKey = statement.text(10);
    descendant.inferred = statement.int64(11) != 0;
    descendant.isExec = statement.optionalText(13) == "exec";
    return descendant;
}

// The order of SQLite's ORDER BY timestamp_ns, id: events without a time first.
template <typename Event> bool earlier(const Event& a, const Event& b)
{
    return std::tuple(a.timeNs.has_value(), a.timeNs.value_or(0), a.eventId) <
           std::tuple(b.timeNs.has_value(), b.timeNs.value_or(0), b.eventId);
}

} // namespace

std::unordered_map<std::int64_t, std::vector<SshdDescendant>> loadDescendants(const store::Database& db,
                                                                              const std::vector<std::int64_t>& roots)
{
    std::unordered_map<std::int64_t, std::vector<SshdDescendant>> descendants;
    if (roots.empty())
        return descendants;
    auto statement = db.prepare(selectDescendants);
    statement.bind(1, jsonArray(roots));
    while (statement.step())
        descendants[statement.int64(0)].push_back(readDescendant(statement));
    return descendants;
}

HostDisconnects::HostDisconnects(const store::Database& db, const std::optional<std::string>& hostId)
{
    auto statement = db.prepare(selectDisconnects);
    statement.bind(1, hostId);
    while (statement.step()) {
        const Disconnect disconnect{statement.int64(0), statement.optionalInt64(3), statement.optionalInt64(2)};
        if (const auto entity = statement.optionalText(1)) {
            auto [first, added] = firstByEntity_.try_emplace(*entity, disconnect);
            if (!added && earlier(disconnect, first->second))
                first->second = disconnect;
        }
        if (disconnect.pid && disconnect.timeNs)
            byPid_[*disconnect.pid].push_back(disconnect);
    }
    for (auto& [pid, disconnects] : byPid_)
        std::sort(disconnects.begin(), disconnects.end(), earlier<Disconnect>);
}

std::optional<SshdNetworkEvent> HostDisconnects::find(const std::string& entityKey, bool inferred,
                                                      std::optional<std::int64_t> pid,
                                                      std::optional<std::int64_t> startNs,
                                                      std::optional<std::int64_t> endNs) const
{
    const Disconnect* found = nullptr;
    if (!inferred) {
        const auto first = firstByEntity_.find(entityKey);
        found = first == firstByEntity_.end() ? nullptr : &first->second;
    } else if (pid) {
        const auto candidates = byPid_.find(*pid);
        if (candidates == byPid_.end())
            return std::nullopt;
        const std::int64_t from = startNs.value_or(0);
        const std::int64_t to = endNs ? *endNs + disconnectGraceNs : std::numeric_limits<std::int64_t>::max();
        const auto& list = candidates->second;
        const auto next =
            std::lower_bound(list.begin(), list.end(), from,
                             [](const Disconnect& event, std::int64_t time) { return *event.timeNs < time; });
        found = next != list.end() && *next->timeNs <= to ? &*next : nullptr;
    }
    if (!found)
        return std::nullopt;
    SshdNetworkEvent event;
    event.eventId = found->eventId;
    event.timeNs = found->timeNs;
    event.pid = found->pid;
    return event;
}

void readSourceAddresses(const store::Database& db, const std::vector<SshdNetworkEvent*>& events)
{
    std::vector<SshdNetworkEvent*> ordered = events;
    std::sort(ordered.begin(), ordered.end(),
              [](const SshdNetworkEvent* a, const SshdNetworkEvent* b) { return a->eventId < b->eventId; });
    store::DocumentStore documents(db);
    for (SshdNetworkEvent* event : ordered) {
        const auto text = documents.document(event->eventId);
        const auto document = text ? parseEventDocument(*text) : std::nullopt;
        if (!document)
            continue;
        event->sourceIp = stringField(*document, "source.ip");
        event->sourcePort = integerField(*document, "source.port");
    }
}

} // namespace spoor::analysis
