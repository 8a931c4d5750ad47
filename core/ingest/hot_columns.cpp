#include "ecs/timestamp.h"
#include "ingest/event_row.h"

#include <charconv>
#include <cmath>

namespace spoor::ingest {

namespace {

using Kind = FieldView::Kind;
using Type = ScalarView::Type;

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    std::int64_t result = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return result;
}

bool isAbsentOrNull(const FieldView& value)
{
    return value.kind == Kind::Absent || (value.kind == Kind::Scalar && value.scalar.type == Type::Null);
}

std::string describeType(const FieldView& value)
{
    if (value.kind == Kind::Array)
        return "an array of " + std::to_string(value.elements.size()) + " values";
    switch (value.scalar.type) {
    case Type::Null:
        return "null";
    case Type::Bool:
        return "a boolean";
    case Type::Int:
    case Type::Double:
        return "a number";
    case Type::String:
        return "the string \"" + std::string(value.scalar.text.substr(0, 40)) + "\"";
    }
    return "a value";
}

void warnWrongType(std::vector<FieldWarning>& warnings, HotField field, const FieldView& value, const char* expected)
{
    const std::string_view path = hotFieldPaths[static_cast<std::size_t>(field)];
    warnings.push_back({"wrong-type", std::string(path),
                        std::string(path) + " is " + describeType(value) + ", expected " + expected +
                            "; the event was imported with this column empty"});
}

class ColumnReader
{
public:
    ColumnReader(const HotFieldValues& fields, EventRow& row, std::vector<FieldWarning>& warnings)
        : fields_(fields), row_(row), warnings_(warnings)
    {}

    // Reads a keyword column: a string as is, a number or boolean as its text. An integer user.id therefore
    // reads as ecs::normalizeIdentifiers would store it.
    std::optional<std::string_view> text(HotField field)
    {
        const FieldView value = scalarAt(fields_[field]);
        if (isAbsentOrNull(value))
            return std::nullopt;
        if (value.kind == Kind::Array) {
            warnWrongType(warnings_, field, value, "a single value");
            return std::nullopt;
        }
        if (value.scalar.type == Type::String)
            return value.scalar.text;
        return std::string_view(row_.ownedText.emplace_back(toString(value.scalar)));
    }

    // Reads a long column: an integer, an integral double, or a string of digits (Elasticsearch coerces those).
    std::optional<std::int64_t> integer(HotField field)
    {
        const FieldView value = scalarAt(fields_[field]);
        if (isAbsentOrNull(value))
            return std::nullopt;
        if (value.kind == Kind::Scalar) {
            const ScalarView& scalar = value.scalar;
            if (scalar.type == Type::Int)
                return scalar.integer;
            if (scalar.type == Type::Double && std::trunc(scalar.number) == scalar.number &&
                std::fabs(scalar.number) < 9.2e18)
                return static_cast<std::int64_t>(scalar.number);
            if (scalar.type == Type::String) {
                if (auto parsed = parseInteger(scalar.text))
                    return parsed;
            }
        }
        warnWrongType(warnings_, field, value, "an integer");
        return std::nullopt;
    }

    // Joins the elements of a keyword array with ','.
    std::optional<std::string_view> joined(HotField field)
    {
        const FieldView& value = fields_[field];
        if (isAbsentOrNull(value))
            return std::nullopt;
        if (value.kind != Kind::Array)
            return text(field);
        if (value.elements.size() == 1 && value.elements.front().type == Type::String)
            return value.elements.front().text;
        std::string joinedText;
        for (const ScalarView& element : value.elements) {
            if (!joinedText.empty())
                joinedText += ',';
            joinedText += toString(element);
        }
        return std::string_view(row_.ownedText.emplace_back(std::move(joinedText)));
    }

    std::optional<std::int64_t> timestamp(HotField field)
    {
        const FieldView value = scalarAt(fields_[field]);
        if (isAbsentOrNull(value))
            return std::nullopt;
        std::optional<std::int64_t> parsed;
        if (value.kind == Kind::Scalar)
            parsed = readTimestamp(value.scalar);
        if (!parsed) {
            const std::string path(hotFieldPaths[static_cast<std::size_t>(field)]);
            warnings_.push_back({"invalid-timestamp", path,
                                 path + " is " + describeType(value) +
                                     ", not an ISO-8601 date or epoch milliseconds; the event was imported with "
                                     "this column empty"});
        }
        return parsed;
    }

private:
    const HotFieldValues& fields_;
    EventRow& row_;
    std::vector<FieldWarning>& warnings_;
};

} // namespace

std::optional<std::int64_t> readTimestamp(const ScalarView& value)
{
    if (value.type == Type::Int)
        return ecs::fromEpochMillis(value.integer);
    if (value.type == Type::Double) {
        const double millis = value.number;
        if (!std::isfinite(millis) || std::fabs(millis) > 9.2e12)
            return std::nullopt;
        return static_cast<std::int64_t>(std::llround(millis * 1e6));
    }
    if (value.type != Type::String)
        return std::nullopt;
    if (auto parsed = ecs::parseIsoTimestamp(value.text))
        return parsed;
    if (auto millis = parseInteger(value.text))
        return ecs::fromEpochMillis(*millis);
    return std::nullopt;
}

void extractHotColumns(const HotFieldValues& fields, EventRow& row, std::vector<FieldWarning>& warnings)
{
    ColumnReader read(fields, row, warnings);
    row.ingestedNs = read.timestamp(HotField::Ingested);
    row.sequence = read.integer(HotField::Sequence);
    row.eventId = read.text(HotField::EventId);
    row.category = read.joined(HotField::Category);
    row.eventType = read.joined(HotField::EventType);
    row.action = read.text(HotField::Action);
    row.dataset = read.text(HotField::DataStreamDataset);
    if (!row.dataset)
        row.dataset = read.text(HotField::EventDataset);
    row.hostId = read.text(HotField::HostId);
    row.hostName = read.text(HotField::HostName);
    row.osType = read.text(HotField::OsType);
    row.userId = read.text(HotField::UserId);
    row.userName = read.text(HotField::UserName);
    row.pid = read.integer(HotField::Pid);
    row.entityId = read.text(HotField::EntityId);
    row.processName = read.text(HotField::ProcessName);
    row.executable = read.text(HotField::Executable);
    row.commandLine = read.text(HotField::CommandLine);
    row.exitCode = read.integer(HotField::ExitCode);
    row.parentPid = read.integer(HotField::ParentPid);
    row.parentEntityId = read.text(HotField::ParentEntityId);
    row.parentName = read.text(HotField::ParentName);
}

} // namespace spoor::ingest
