#include "timeline/timeline_data.h"

#include "analysis/sshd_connections.h"
#include "store/database.h"
#include "store/statement.h"

#include <map>

namespace spoor::ui {

namespace {

// One time per minute with findings: the chart draws a marker per time, and Qt Charts makes a graphics item for
// each, which took tens of milliseconds on the GUI thread for thousands of findings. The modulo rounds down also
// before 1970, where SQLite's % keeps the dividend's sign.
std::vector<std::int64_t> loadFindingTimes(const store::Database& db)
{
    auto statement = db.prepare(R"sql(
SELECT DISTINCT first_ns - ((first_ns % 60000000000) + 60000000000) % 60000000000 AS minute
FROM findings
WHERE first_ns IS NOT NULL AND run IN (SELECT max(id) FROM rule_runs WHERE status = 'complete' GROUP BY rule)
ORDER BY minute
)sql");
    std::vector<std::int64_t> times;
    while (statement.step())
        times.push_back(statement.int64(0));
    return times;
}

} // namespace

std::int64_t countSshdProcesses(const store::Database& db, std::int64_t limit)
{
    // The LIMIT stops the index scan early; a large case has hundreds of thousands of sshd processes.
    auto statement =
        db.prepare("SELECT count(*) FROM (SELECT 1 FROM processes WHERE name IN ('sshd', 'sshd-session') LIMIT ?)");
    statement.bind(1, limit);
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
