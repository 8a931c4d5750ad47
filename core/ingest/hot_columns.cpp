#include "ecs/timestamp.h"
#include "ingest/event_row.h"

#include <charconv>
#include <cmath>

namespace spoor::ingest {

namespace {

using ecs::Value;

// A one-element array stands for its element, as Elasticsearch treats it for a single-valued field.
const Value* scalarAt(const ecs::Event& event, std::string_view path)
{
    const Value* value = event.find(path);
    if (value && value->isArray() && value->asArray().size() == 1)
        return &value->asArray().front();
    return value;
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    std::int64_t result = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return result;
}

std::string describeType(const Value& value)
{
    switch (value.type()) {
    case Value::Type::Null:
        return "null";
    case Value::Type::Bool:
        return "a boolean";
    case Value::Type::Int:
    case Value::Type::Double:
        return "a number";
    case Value::Type::String:
        return "the string \"" + value.asString().substr(0, 40) + "\"";
    case Value::Type::Array:
        return "an array of " + std::to_string(value.asArray().size()) + " values";
    }
    return "a value";
}

void warnWrongType(std::vector<FieldWarning>& warnings, std::string_view field, const Value& value,
                   const char* expected)
{
    warnings.push_back({"wrong-type", std::string(field),
                        std::string(field) + " is " + describeType(value) + ", expected " + expected +
                            "; the event was imported with this column empty"});
}

class ColumnReader
{
public:
    ColumnReader(const ecs::Event& event, EventRow& row, std::vector<FieldWarning>& warnings)
        : event_(event), row_(row), warnings_(warnings)
    {}

    // Reads a keyword column: a string as is, a number or boolean as its text.
    std::optional<std::string_view> text(std::string_view path)
    {
        const Value* value = scalarAt(event_, path);
        if (!value || value->isNull())
            return std::nullopt;
        if (value->isString())
            return std::string_view(value->asString());
        if (value->isArray()) {
            warnWrongType(warnings_, path, *value, "a single value");
            return std::nullopt;
        }
        return std::string_view(row_.ownedText.emplace_back(value->toString()));
    }

    // Reads a long column: an integer, an integral double, or a string of digits (Elasticsearch coerces those).
    std::optional<std::int64_t> integer(std::string_view path)
    {
        const Value* value = scalarAt(event_, path);
        if (!value || value->isNull())
            return std::nullopt;
        if (value->isInt())
            return value->asInt();
        if (value->isDouble() && std::trunc(value->asDouble()) == value->asDouble() &&
            std::fabs(value->asDouble()) < 9.2e18)
            return static_cast<std::int64_t>(value->asDouble());
        if (value->isString()) {
            if (auto parsed = parseInteger(value->asString()))
                return parsed;
        }
        warnWrongType(warnings_, path, *value, "an integer");
        return std::nullopt;
    }

    // Joins the elements of a keyword array with ','.
    std::optional<std::string_view> joined(std::string_view path)
    {
        const Value* value = event_.find(path);
        if (!value || value->isNull())
            return std::nullopt;
        if (!value->isArray())
            return text(path);
        std::string joinedText;
        for (const Value& element : value->asArray()) {
            if (!joinedText.empty())
                joinedText += ',';
            joinedText += element.toString();
        }
        return std::string_view(row_.ownedText.emplace_back(std::move(joinedText)));
    }

    std::optional<std::int64_t> timestamp(std::string_view path)
    {
        const Value* value = scalarAt(event_, path);
        if (!value || value->isNull())
            return std::nullopt;
        auto parsed = readTimestamp(*value);
        if (!parsed) {
            warnings_.push_back({"invalid-timestamp", std::string(path),
                                 std::string(path) + " is " + describeType(*value) +
                                     ", not an ISO-8601 date or epoch milliseconds; the event was imported with "
                                     "this column empty"});
        }
        return parsed;
    }

private:
    const ecs::Event& event_;
    EventRow& row_;
    std::vector<FieldWarning>& warnings_;
};

} // namespace

std::optional<std::int64_t> readTimestamp(const ecs::Value& value)
{
    if (value.isInt())
        return ecs::fromEpochMillis(value.asInt());
    if (value.isDouble()) {
        const double millis = value.asDouble();
        if (!std::isfinite(millis) || std::fabs(millis) > 9.2e12)
            return std::nullopt;
        return static_cast<std::int64_t>(std::llround(millis * 1e6));
    }
    if (!value.isString())
        return std::nullopt;
    if (auto parsed = ecs::parseIsoTimestamp(value.asString()))
        return parsed;
    if (auto millis = parseInteger(value.asString()))
        return ecs::fromEpochMillis(*millis);
    return std::nullopt;
}

void extractHotColumns(const ecs::Event& event, EventRow& row, std::vector<FieldWarning>& warnings)
{
    ColumnReader read(event, row, warnings);
    row.ingestedNs = read.timestamp("event.ingested");
    row.sequence = read.integer("event.sequence");
    row.eventId = read.text("event.id");
    row.category = read.joined("event.category");
    row.eventType = read.joined("event.type");
    row.action = read.text("event.action");
    row.dataset = read.text("data_stream.dataset");
    if (!row.dataset)
        row.dataset = read.text("event.dataset");
    row.hostId = read.text("host.id");
    row.hostName = read.text("host.name");
    row.osType = read.text("host.os.type");
    row.userId = read.text("user.id");
    row.userName = read.text("user.name");
    row.pid = read.integer("process.pid");
    row.entityId = read.text("process.entity_id");
    row.processName = read.text("process.name");
    row.executable = read.text("process.executable");
    row.commandLine = read.text("process.command_line");
    row.exitCode = read.integer("process.exit_code");
    row.parentPid = read.integer("process.parent.pid");
    row.parentEntityId = read.text("process.parent.entity_id");
    row.parentName = read.text("process.parent.name");
}

} // namespace spoor::ingest
