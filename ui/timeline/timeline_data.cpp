#include "timeline/timeline_data.h"

#include "analysis/sshd_connections.h"
#include "store/database.h"
#include "store/statement.h"

#include <map>

namespace spoor::ui {

namespace {

std::vector<std::int64_t> loadFindingTimes(const store::Database& db)
{
    auto statement = db.prepare("SELECT first_ns FROM findings WHERE first_ns IS NOT NULL ORDER BY first_ns");
    std::vector<std::int64_t> times;
    while (statement.step())
        times.push_back(statement.int64(0));
    return times;
}

} // namespace

std::int64_t countSshdProcesses(const store::Database& db)
{
    auto statement = db.prepare("SELECT count(*) FROM processes WHERE name IN ('sshd', 'sshd-session')");
    statement.step();
    return statement.int64(0);
}

TimelineData loadTimelineData(store::Database& db)
{
    TimelineData data;
    const std::vector<analysis::SshdConnection> connections = analysis::loadSshdConnections(db);
    std::map<std::optional<std::string>, int> hostIndex;
    for (const analysis::SshdConnection& connection : connections) {
        auto [position, added] = hostIndex.try_emplace(connection.hostId, static_cast<int>(data.hosts.size()));
        if (added)
            data.hosts.push_back({connection.hostId, QString::fromStdString(connection.hostName)});
        TimelineLane lane = connection.role == analysis::SshdConnection::Role::Listener
                                ? laneForListener(connection, connections)
                                : laneForConnection(connection);
        lane.host = position->second;
        data.lanes.push_back(std::move(lane));
    }
    data.eventsPerMinute = analysis::eventsPerMinute(db);
    data.findingTimes = loadFindingTimes(db);
    return data;
}

} // namespace spoor::ui
