#include "scan/finding_writer.h"

#include "store/database.h"
#include "store/statement.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace spoor::scan {

namespace {

std::string joinKeysJson(const std::vector<ecs::Value>& keys)
{
    auto array = nlohmann::json::array();
    for (const auto& key : keys)
        array.push_back(nlohmann::json::parse(key.toJson()));
    return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct StepColumns
{
    std::optional<std::int64_t> timeNs;
    std::optional<std::string> hostId;
    std::optional<std::string> hostName;
    std::optional<std::string> userId;
    std::optional<std::string> userName;
};

StepColumns readStep(store::Statement& lookup, std::int64_t eventId)
{
    StepColumns columns;
    lookup.bind(1, eventId);
    if (lookup.step()) {
        columns.timeNs = lookup.optionalInt64(0);
        columns.hostId = lookup.optionalText(1);
        columns.hostName = lookup.optionalText(2);
        columns.userId = lookup.optionalText(3);
        columns.userName = lookup.optionalText(4);
    }
    lookup.reset();
    return columns;
}

bool hasEvent(const std::optional<std::int64_t>& eventId)
{
    return eventId.has_value();
}

} // namespace

std::vector<std::int64_t> writeFindings(store::Database& db, std::int64_t runId, std::int64_t ruleRow,
                                        const std::vector<eql::Match>& matches, const char* sqlTimeExpression)
{
    auto lookup = db.prepare(std::string("SELECT ") + sqlTimeExpression +
                             ", host_id, host_name, user_id, user_name FROM events WHERE id = ?");
    auto insertFinding = db.prepare(
        "INSERT INTO findings (run, rule, first_ns, last_ns, host_id, host_name, user_id, user_name, join_keys)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto insertStep = db.prepare("INSERT INTO finding_events (finding, step, event) VALUES (?, ?, ?)");

    std::vector<std::int64_t> findingIds;
    findingIds.reserve(matches.size());
    store::Transaction transaction(db);
    for (const auto& match : matches) {
        // The finding takes its columns from the first event and its end from the last, so only those two are
        // read: each read is a random access into the events table.
        const auto firstId = std::find_if(match.eventIds.begin(), match.eventIds.end(), hasEvent);
        const auto lastId = std::find_if(match.eventIds.rbegin(), match.eventIds.rend(), hasEvent);
        const StepColumns columns = firstId != match.eventIds.end() ? readStep(lookup, **firstId) : StepColumns{};
        std::optional<std::int64_t> lastNs = columns.timeNs;
        if (lastId != match.eventIds.rend() && &*lastId != &*firstId)
            lastNs = readStep(lookup, **lastId).timeNs;
        insertFinding.bind(1, runId).bind(2, ruleRow).bind(3, columns.timeNs).bind(4, lastNs);
        insertFinding.bind(5, columns.hostId).bind(6, columns.hostName).bind(7, columns.userId);
        insertFinding.bind(8, columns.userName).bind(9, joinKeysJson(match.joinKeys));
        insertFinding.run();
        const std::int64_t findingId = db.lastInsertRowId();
        findingIds.push_back(findingId);

        for (std::size_t step = 0; step < match.eventIds.size(); ++step) {
            insertStep.bind(1, findingId).bind(2, static_cast<std::int64_t>(step)).bind(3, match.eventIds[step]);
            insertStep.run();
        }
    }
    transaction.commit();
    return findingIds;
}

} // namespace spoor::scan
