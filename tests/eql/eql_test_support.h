#pragma once

#include "ecs/flatten.h"
#include "eql/executor.h"
#include "eql/query.h"

#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

// Runs a query over a JSON array of events. Each event needs "id"; "t" is its time in milliseconds
// (default: its position). Events are pushed in array order. The other members are the event's fields.
inline std::vector<spoor::eql::Match> runQuery(const std::string& query, const std::string& eventsJson,
                                               spoor::eql::QueryOptions options = {})
{
    const auto parsed = spoor::eql::Query::parse(query);
    spoor::eql::Executor executor(parsed, std::move(options));
    const auto events = nlohmann::json::parse(eventsJson);
    std::int64_t position = 0;
    for (const auto& document : events) {
        const spoor::ecs::Event fields = spoor::ecs::flatten(document);
        const std::int64_t timeMs = document.contains("t") ? document["t"].get<std::int64_t>() : position;
        executor.push({document["id"].get<std::int64_t>(), fields, timeMs * 1'000'000});
        ++position;
    }
    return executor.finish();
}

// Renders results as "1,2,3;4,-,6": results separated by ';', a missing-event position as '-'.
inline QString matchIds(const std::vector<spoor::eql::Match>& matches)
{
    QStringList results;
    for (const auto& match : matches) {
        QStringList ids;
        for (const auto& id : match.eventIds)
            ids << (id ? QString::number(*id) : QStringLiteral("-"));
        results << ids.join(QLatin1Char(','));
    }
    return results.join(QLatin1Char(';'));
}

// Renders the join keys of every result as "a,b;c,d".
inline QString matchKeys(const std::vector<spoor::eql::Match>& matches)
{
    QStringList results;
    for (const auto& match : matches) {
        QStringList keys;
        for (const auto& key : match.joinKeys)
            keys << QString::fromStdString(key.toString());
        results << keys.join(QLatin1Char(','));
    }
    return results.join(QLatin1Char(';'));
}
