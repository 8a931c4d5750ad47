#include "ecs/document_parser.h"

#include "ecs/flatten.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#ifdef SPOOR_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace spoor::ecs {

namespace {

// The wanted fields, sorted, with a test for "this path is a wanted field or leads to one".
class FieldSelection
{
public:
    explicit FieldSelection(std::vector<std::string> fields) : fields_(std::move(fields))
    {
        std::sort(fields_.begin(), fields_.end());
    }

    bool all() const { return fields_.empty(); }

    bool wants(const std::string& path) const
    {
        if (fields_.empty())
            return true;
        if (std::binary_search(fields_.begin(), fields_.end(), path))
            return true;
        const std::string prefix = path + '.';
        const auto it = std::lower_bound(fields_.begin(), fields_.end(), prefix);
        return it != fields_.end() && it->compare(0, prefix.size(), prefix) == 0;
    }

private:
    std::vector<std::string> fields_;
};

void keepSelected(Event& event, const FieldSelection& selection);

// Parses with nlohmann/json: the only path without simdjson, and the fallback where simdjson rejects a
// document that nlohmann accepts.
bool parseWithNlohmann(std::string_view text, const FieldSelection& selection, Event& event)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object())
        return false;
    event = flatten(json);
    normalizeIdentifiers(event);
    keepSelected(event, selection);
    return true;
}

void keepSelected(Event& event, const FieldSelection& selection)
{
    if (selection.all())
        return;
    Event kept;
    for (const auto& [path, value] : event.fields()) {
        if (selection.wants(path))
            kept.set(path, value);
    }
    event = std::move(kept);
}

} // namespace

#ifdef SPOOR_HAVE_SIMDJSON

namespace {

using Element = simdjson::dom::element;
using ElementType = simdjson::dom::element_type;

// Builds the Event the way flatten() does on nlohmann values; see flatten.h for the rules.
class SimdFlattener
{
public:
    SimdFlattener(Event& event, const FieldSelection& selection) : event_(event), selection_(selection) {}

    void object(simdjson::dom::object members, std::string& path, bool insideArray)
    {
        const std::size_t parentSize = path.size();
        for (const auto member : members) {
            if (parentSize > 0)
                path += '.';
            path += member.key;
            if (selection_.wants(path))
                element(member.value, path, insideArray);
            path.resize(parentSize);
        }
    }

private:
    void element(Element value, std::string& path, bool insideArray)
    {
        switch (value.type()) {
        case ElementType::OBJECT:
            object(value.get_object().value_unsafe(), path, insideArray);
            return;
        case ElementType::ARRAY:
            array(value.get_array().value_unsafe(), path);
            return;
        default:
            scalar(value, path, insideArray);
        }
    }

    void array(simdjson::dom::array elements, std::string& path)
    {
        bool hasScalar = false;
        bool empty = true;
        for (const auto item : elements) {
            empty = false;
            if (!item.is_object() && !item.is_array())
                hasScalar = true;
        }
        if (hasScalar || empty) {
            if (!event_.contains(path))
                event_.set(path, Value(Value::Array{}));
            else
                event_.append(path, Value(Value::Array{}));
        }
        for (const auto item : elements)
            element(item, path, true);
    }

    static Value scalarValue(Element value)
    {
        switch (value.type()) {
        case ElementType::STRING:
            return Value(std::string(value.get_string().value_unsafe()));
        case ElementType::INT64:
            return Value(value.get_int64().value_unsafe());
        case ElementType::UINT64:
            return Value(static_cast<double>(value.get_uint64().value_unsafe()));
        case ElementType::DOUBLE:
            return Value(value.get_double().value_unsafe());
        case ElementType::BOOL:
            return Value(value.get_bool().value_unsafe());
        default:
            return Value();
        }
    }

    void scalar(Element element, const std::string& path, bool insideArray)
    {
        if (path.empty())
            return;
        Value value = scalarValue(element);
        if (insideArray) {
            if (!value.isNull())
                event_.append(path, Value(Value::Array{std::move(value)}));
            return;
        }
        if (event_.contains(path))
            event_.append(path, std::move(value));
        else
            event_.set(path, std::move(value));
    }

    Event& event_;
    const FieldSelection& selection_;
};

} // namespace

struct DocumentParser::State
{
    explicit State(std::vector<std::string> fields) : selection(std::move(fields)) {}
    FieldSelection selection;
    simdjson::dom::parser parser;
    std::vector<char> padded; // the document followed by simdjson's required padding
};

bool DocumentParser::parse(std::string_view text, Event& event)
{
    event = Event();
    state_->padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(state_->padded.data(), text.data(), text.size());
    Element root;
    if (state_->parser.parse(state_->padded.data(), text.size(), false).get(root) == simdjson::SUCCESS) {
        if (!root.is_object())
            return false;
        std::string path;
        SimdFlattener(event, state_->selection).object(root.get_object().value_unsafe(), path, false);
        normalizeIdentifiers(event);
        return true;
    }
    // simdjson rejects what nlohmann accepts in a few corners (nesting past its depth limit), so the
    // slower parser decides.
    return parseWithNlohmann(text, state_->selection, event);
}

#else

struct DocumentParser::State
{
    explicit State(std::vector<std::string> fields) : selection(std::move(fields)) {}
    FieldSelection selection;
};

bool DocumentParser::parse(std::string_view text, Event& event)
{
    event = Event();
    return parseWithNlohmann(text, state_->selection, event);
}

#endif

DocumentParser::DocumentParser(std::vector<std::string> fields) : state_(std::make_unique<State>(std::move(fields))) {}

DocumentParser::~DocumentParser() = default;

} // namespace spoor::ecs
