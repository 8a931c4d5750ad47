#include "ingest/hot_fields.h"

namespace spoor::ingest {

namespace {

using ecs::Value;

ScalarView scalarOf(const Value& value)
{
    ScalarView scalar;
    switch (value.type()) {
    case Value::Type::Bool:
        scalar.type = ScalarView::Type::Bool;
        scalar.boolean = value.asBool();
        break;
    case Value::Type::Int:
        scalar.type = ScalarView::Type::Int;
        scalar.integer = value.asInt();
        break;
    case Value::Type::Double:
        scalar.type = ScalarView::Type::Double;
        scalar.number = value.asDouble();
        break;
    case Value::Type::String:
        scalar.type = ScalarView::Type::String;
        scalar.text = value.asString();
        break;
    case Value::Type::Null:
    case Value::Type::Array: // flattening never nests arrays
        break;
    }
    return scalar;
}

Value valueOf(const ScalarView& scalar)
{
    switch (scalar.type) {
    case ScalarView::Type::Null:
        return {};
    case ScalarView::Type::Bool:
        return Value(scalar.boolean);
    case ScalarView::Type::Int:
        return Value(scalar.integer);
    case ScalarView::Type::Double:
        return Value(scalar.number);
    case ScalarView::Type::String:
        return Value(scalar.text);
    }
    return {};
}

} // namespace

bool isHotFieldOrPrefix(std::string_view path)
{
    for (const std::string_view field : hotFieldPaths) {
        if (field.size() >= path.size() && field.compare(0, path.size(), path) == 0 &&
            (field.size() == path.size() || field[path.size()] == '.'))
            return true;
    }
    return false;
}

FieldView scalarAt(const FieldView& field)
{
    if (field.kind != FieldView::Kind::Array || field.elements.size() != 1)
        return field;
    FieldView element;
    element.kind = FieldView::Kind::Scalar;
    element.scalar = field.elements.front();
    return element;
}

std::string toString(const ScalarView& scalar)
{
    switch (scalar.type) {
    case ScalarView::Type::Bool:
        return scalar.boolean ? "true" : "false";
    case ScalarView::Type::Int:
        return std::to_string(scalar.integer);
    case ScalarView::Type::String:
        return std::string(scalar.text);
    default:
        return valueOf(scalar).toString();
    }
}

Value toValue(const FieldView& field)
{
    switch (field.kind) {
    case FieldView::Kind::Absent:
        return {};
    case FieldView::Kind::Scalar:
        return valueOf(field.scalar);
    case FieldView::Kind::Array: {
        Value::Array elements;
        for (const ScalarView& element : field.elements)
            elements.push_back(valueOf(element));
        return Value(std::move(elements));
    }
    }
    return {};
}

void readHotFields(const ecs::Event& event, HotFieldValues& fields, HotFieldArrays& arrays)
{
    for (std::size_t i = 0; i < hotFieldCount; ++i) {
        FieldView& field = fields[static_cast<HotField>(i)];
        field = FieldView{};
        const Value* value = event.find(hotFieldPaths[i]);
        if (!value)
            continue;
        if (!value->isArray()) {
            field.kind = FieldView::Kind::Scalar;
            field.scalar = scalarOf(*value);
            continue;
        }
        std::vector<ScalarView>& elements = arrays[i];
        elements.clear();
        for (const Value& element : value->asArray())
            elements.push_back(scalarOf(element));
        field.kind = FieldView::Kind::Array;
        field.elements = elements;
    }
}

} // namespace spoor::ingest
