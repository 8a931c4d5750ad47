#include "scan/event_order.h"

#include "ecs/document_parser.h"
#include "eql/date_format.h"
#include "eql/field_mappings.h"
#include "store/database.h"
#include "store/document_store.h"
#include "store/statement.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <variant>

namespace spoor::scan {

namespace {

constexpr const char* orderTail = "timestamp_ns, sequence IS NULL, sequence, id";

// A tiebreaker value as it sorts: numbers before strings, and a missing value after both.
using SortValue = std::variant<double, std::string, std::monostate>;

SortValue sortValue(const ecs::Value* value)
{
    if (value && value->isArray() && !value->asArray().empty())
        return sortValue(&value->asArray().front());
    if (value && value->isNumber())
        return value->toDouble();
    if (value && value->isString())
        return value->asString();
    return std::monostate();
}

struct SortRow
{
    OrderedEvent event;
    SortValue tiebreaker;
    std::int64_t timestampNs; // @timestamp, the second key without a tiebreaker
    SortValue sequence;       // event.sequence, the third key without a tiebreaker
};

std::vector<OrderedEvent> orderedBySql(store::Database& db, const EventOrder& order)
{
    const char* fallback = order.timestampField == "event.ingested" ? "ingested_ns IS NULL" : "0";
    auto select = db.prepare("SELECT id, " + order.sqlTimeExpression + ", " + fallback + " FROM events ORDER BY " +
                             order.sqlOrderBy);
    std::vector<OrderedEvent> events;
    while (select.step())
        events.push_back({select.int64(0), select.int64(1), select.int64(2) != 0});
    return events;
}

// Reads the time and tiebreaker of every event from its document and sorts in memory.
std::vector<OrderedEvent> orderedByDocuments(store::Database& db, const std::string& timestampField,
                                             const std::string& tiebreakerField, const eql::FieldMappings& mappings)
{
    const std::string timePath = mappings.sourcePath(timestampField);
    const std::string tiePath = tiebreakerField.empty() ? std::string() : mappings.sourcePath(tiebreakerField);
    const eql::FieldMapping* timeMapping = mappings.find(timestampField);
    const eql::DateFormat format = timeMapping && timeMapping->date ? *timeMapping->date : eql::DateFormat();
    std::vector<std::string> fields = {timePath};
    if (!tiePath.empty())
        fields.push_back(tiePath);
    ecs::DocumentParser parser(fields);
    ecs::Event document;

    std::vector<SortRow> rows;
    store::DocumentStore documents(db);
    auto select = db.prepare("SELECT id, timestamp_ns, sequence, doc_block, doc_slot FROM events ORDER BY id");
    while (select.step()) {
        parser.parse(documents.document(select.int64(3), select.int64(4)), document);
        SortRow row;
        row.timestampNs = select.isNull(1) ? 0 : select.int64(1);
        const ecs::Value* time = document.find(timePath);
        const auto parsed = time
                                ? format.parse(time->isArray() && !time->asArray().empty() ? time->asArray()[0] : *time)
                                : std::nullopt;
        row.event = {select.int64(0), parsed.value_or(row.timestampNs), !parsed.has_value()};
        if (!tiePath.empty())
            row.tiebreaker = sortValue(document.find(tiePath));
        else
            row.sequence = select.isNull(2) ? SortValue(std::monostate()) : SortValue(double(select.int64(2)));
        rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const SortRow& a, const SortRow& b) {
        if (a.event.timeNs != b.event.timeNs)
            return a.event.timeNs < b.event.timeNs;
        if (a.tiebreaker != b.tiebreaker)
            return a.tiebreaker < b.tiebreaker;
        if (a.timestampNs != b.timestampNs)
            return a.timestampNs < b.timestampNs;
        return a.sequence < b.sequence;
    });
    std::vector<OrderedEvent> events;
    events.reserve(rows.size());
    for (const auto& row : rows)
        events.push_back(row.event);
    return events;
}

} // namespace

EventOrder eventOrderFor(const std::string& timestampField)
{
    if (timestampField.empty() || timestampField == "@timestamp")
        return {"@timestamp", "timestamp_ns", orderTail};
    if (timestampField == "event.ingested") {
        return {"event.ingested", "coalesce(ingested_ns, timestamp_ns)",
                std::string("coalesce(ingested_ns, timestamp_ns), ") + orderTail};
    }
    throw std::invalid_argument("events cannot be ordered by " + timestampField +
                                ": only @timestamp and event.ingested are supported as timestamp fields");
}

std::vector<OrderedEvent> orderEvents(store::Database& db, const std::string& timestampField,
                                      const std::string& tiebreakerField, const eql::FieldMappings& mappings)
{
    const bool storedTime =
        timestampField.empty() || timestampField == "@timestamp" || timestampField == "event.ingested";
    const bool defaultFormat = !mappings.find(timestampField) || !mappings.find(timestampField)->date ||
                               mappings.find(timestampField)->date->isDefault();
    // The SQL order puts @timestamp before event.sequence, which equals an event.sequence tiebreaker only
    // when @timestamp is the timestamp field.
    const bool storedTiebreaker =
        tiebreakerField.empty() ||
        (tiebreakerField == "event.sequence" && (timestampField.empty() || timestampField == "@timestamp"));
    if (storedTime && defaultFormat && storedTiebreaker)
        return orderedBySql(db, eventOrderFor(timestampField));
    return orderedByDocuments(db, timestampField.empty() ? "@timestamp" : timestampField, tiebreakerField, mappings);
}

} // namespace spoor::scan
