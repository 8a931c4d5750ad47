#pragma once

#include "ecs/event.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// The fields that fill the hot columns of the events table, in the order of hotFieldPaths.
enum class HotField : std::uint8_t {
    Timestamp,
    Ingested,
    Sequence,
    EventId,
    Category,
    EventType,
    Action,
    DataStreamDataset,
    EventDataset,
    HostId,
    HostName,
    OsType,
    UserId,
    UserName,
    Pid,
    EntityId,
    ProcessName,
    Executable,
    CommandLine,
    ExitCode,
    ParentPid,
    ParentEntityId,
    ParentName,
};

constexpr std::size_t hotFieldCount = 23;

// The dotted ECS path of each HotField. No path is a dotted prefix of another.
constexpr std::array<std::string_view, hotFieldCount> hotFieldPaths = {
    "@timestamp",
    "event.ingested",
    "event.sequence",
    "event.id",
    "event.category",
    "event.type",
    "event.action",
    "data_stream.dataset",
    "event.dataset",
    "host.id",
    "host.name",
    "host.os.type",
    "user.id",
    "user.name",
    "process.pid",
    "process.entity_id",
    "process.name",
    "process.executable",
    "process.command_line",
    "process.exit_code",
    "process.parent.pid",
    "process.parent.entity_id",
    "process.parent.name",
};

// Returns true when the dotted path is a hot field ("process.pid") or a prefix of one ("process").
bool isHotFieldOrPrefix(std::string_view path);

// One scalar of a flattened field. `text` points into the parsed document or event that the view was read from.
struct ScalarView
{
    enum class Type { Null, Bool, Int, Double, String };

    Type type = Type::Null;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;
    std::string_view text;
};

// The value of one field as ecs::flatten gives it: absent, one scalar, or an array of scalars.
struct FieldView
{
    enum class Kind { Absent, Scalar, Array };

    Kind kind = Kind::Absent;
    ScalarView scalar;
    std::span<const ScalarView> elements;
};

// The values of every hot field of one document, indexed by HotField.
class HotFieldValues
{
public:
    const FieldView& operator[](HotField field) const { return values_[static_cast<std::size_t>(field)]; }
    FieldView& operator[](HotField field) { return values_[static_cast<std::size_t>(field)]; }

private:
    std::array<FieldView, hotFieldCount> values_;
};

// Storage for the array elements of HotFieldValues, one vector per field.
using HotFieldArrays = std::array<std::vector<ScalarView>, hotFieldCount>;

// Returns a one-element array's element, as Elasticsearch reads it for a single-valued field, and any other
// value as it is.
FieldView scalarAt(const FieldView& field);

// Renders a scalar as ecs::Value::toString does: a string as is, a number in its shortest form.
std::string toString(const ScalarView& scalar);

// Converts a field value to an ecs::Value, for messages that show it as JSON.
ecs::Value toValue(const FieldView& field);

// Reads the hot fields of a flattened event. Array elements are kept in `arrays` and strings stay in `event`,
// so the values are valid while both live unchanged.
void readHotFields(const ecs::Event& event, HotFieldValues& fields, HotFieldArrays& arrays);

} // namespace spoor::ingest
