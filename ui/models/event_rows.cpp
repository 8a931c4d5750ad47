#include "models/event_rows.h"

#include "sql_text.h"
#include "store/database.h"
#include "store/statement.h"

#include <QFileInfo>
#include <string>
#include <unordered_map>

namespace spoor::ui {

namespace {

const char* orderBy(EventOrderKey key, bool descending)
{
    switch (key) {
    case EventOrderKey::Host:
        return descending ? "host_id DESC, timestamp_ns DESC, id DESC" : "host_id, timestamp_ns, id";
    case EventOrderKey::Entity:
        return descending ? "entity_id DESC, id DESC" : "entity_id, id";
    case EventOrderKey::Source:
        return descending ? "source_id DESC, line DESC, id DESC" : "source_id, line, id";
    case EventOrderKey::Time:
        break;
    }
    return descending ? "timestamp_ns DESC, id DESC" : "timestamp_ns, id";
}

} // namespace

std::optional<std::vector<std::int64_t>> loadEventOrder(const store::Database& db, EventOrderKey key, bool descending,
                                                        const EventIdSet& filter, const std::atomic<bool>* cancel)
{
    std::vector<std::int64_t> ids;
    if (filter) {
        ids.reserve(filter->size());
    }
    // Every order is served by one of the indexes events_by_time, events_by_host, events_by_entity and
    // events_by_source, so SQLite streams the ids without sorting.
    auto select = db.prepare(std::string("SELECT id FROM events ORDER BY ") + orderBy(key, descending));
    std::int64_t rows = 0;
    while (select.step()) {
        if ((++rows & 4095) == 0 && cancel && cancel->load())
            return std::nullopt;
        const std::int64_t id = select.int64(0);
        if (!filter || std::binary_search(filter->begin(), filter->end(), id))
            ids.push_back(id);
    }
    return ids;
}

std::vector<EventRow> loadEventRows(const store::Database& db, const std::vector<std::int64_t>& ids)
{
    std::vector<EventRow> rows(ids.size());
    if (ids.empty())
        return rows;
    std::string sql = "SELECT e.id, e.timestamp_ns, e.host_name, e.user_name, e.action, e.category, e.pid,"
                      " e.process_name, e.command_line, e.exit_code, e.entity_id, s.path, e.line"
                      " FROM events e JOIN sources s ON s.id = e.source_id WHERE e.id IN (?";
    for (std::size_t i = 1; i < ids.size(); ++i)
        sql += ",?";
    sql += ")";
    auto select = db.prepare(sql);
    for (std::size_t i = 0; i < ids.size(); ++i)
        select.bind(static_cast<int>(i + 1), ids[i]);

    std::unordered_map<std::int64_t, std::size_t> position;
    for (std::size_t i = 0; i < ids.size(); ++i)
        position.emplace(ids[i], i);
    std::unordered_map<std::string, QString> fileNames;
    while (select.step()) {
        EventRow& row = rows[position.at(select.int64(0))];
        row.id = select.int64(0);
        row.timestampNs = select.optionalInt64(1);
        row.host = textColumn(select, 2);
        row.user = textColumn(select, 3);
        row.action = textColumn(select, 4);
        row.category = textColumn(select, 5);
        row.pid = select.optionalInt64(6);
        row.processName = textColumn(select, 7);
        row.commandLine = textColumn(select, 8);
        row.exitCode = select.optionalInt64(9);
        row.entityId = textColumn(select, 10);
        const std::string path(select.textView(11));
        auto [name, added] = fileNames.try_emplace(path);
        if (added)
            name->second = QFileInfo(QString::fromStdString(path)).fileName();
        row.source = name->second;
        row.line = select.optionalInt64(12);
    }
    return rows;
}

} // namespace spoor::ui
