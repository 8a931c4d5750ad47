#include "models/surrounding_events.h"

#include "store/database.h"
#include "store/statement.h"

#include <algorithm>
#include <string>

namespace spoor::ui {

namespace {

// The scope's condition on ?1, the host or entity id; a NULL host id selects the events without one.
std::string scopeCondition(SurroundingScope scope)
{
    return scope == SurroundingScope::Host ? "host_id IS ?1" : "entity_id = ?1";
}

// Appends the ids of up to `count` events on one side of (time, id) in the table order. A NULL time
// sorts before every other, so "before an event without time" is only among the NULL times.
void collect(const store::Database& db, SurroundingScope scope, const std::optional<std::string>& key,
             const std::optional<std::int64_t>& time, std::int64_t eventId, bool before, int count,
             std::vector<std::int64_t>& out)
{
    const std::string where = scopeCondition(scope);
    std::string sql;
    if (before) {
        sql = time ? "SELECT id FROM events WHERE " + where +
                         " AND (timestamp_ns < ?2 OR (timestamp_ns = ?2 AND id < ?3) OR timestamp_ns IS NULL)"
                         " ORDER BY timestamp_ns DESC, id DESC LIMIT ?4"
                   : "SELECT id FROM events WHERE " + where +
                         " AND timestamp_ns IS NULL AND id < ?3 ORDER BY id DESC LIMIT ?4";
    } else {
        sql = time ? "SELECT id FROM events WHERE " + where +
                         " AND (timestamp_ns > ?2 OR (timestamp_ns = ?2 AND id > ?3))"
                         " ORDER BY timestamp_ns, id LIMIT ?4"
                   : "SELECT id FROM events WHERE " + where +
                         " AND (timestamp_ns IS NOT NULL OR id > ?3) ORDER BY timestamp_ns, id LIMIT ?4";
    }
    auto select = db.prepare(sql);
    if (key)
        select.bind(1, *key);
    else
        select.bindNull(1);
    if (time)
        select.bind(2, *time);
    select.bind(3, eventId).bind(4, std::int64_t(count));
    while (select.step())
        out.push_back(select.int64(0));
}

} // namespace

std::vector<std::int64_t> surroundingEvents(const store::Database& db, std::int64_t eventId, SurroundingScope scope,
                                            int count)
{
    auto event = db.prepare("SELECT host_id, entity_id, timestamp_ns FROM events WHERE id = ?");
    event.bind(1, eventId);
    if (!event.step())
        return {};
    const std::optional<std::string> key = event.optionalText(scope == SurroundingScope::Host ? 0 : 1);
    const std::optional<std::int64_t> time = event.optionalInt64(2);
    if (scope == SurroundingScope::Process && !key)
        return {eventId};

    std::vector<std::int64_t> before;
    collect(db, scope, key, time, eventId, true, std::max(count, 0), before);
    std::vector<std::int64_t> ids(before.rbegin(), before.rend());
    ids.push_back(eventId);
    collect(db, scope, key, time, eventId, false, std::max(count, 0), ids);
    return ids;
}

} // namespace spoor::ui
