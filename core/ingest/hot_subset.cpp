#include "ingest/hot_subset.h"

#include "ingest/document_decoder.h"
#include "ingest/hot_fields.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#ifdef SPOOR_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace spoor::ingest {

#ifdef SPOOR_HAVE_SIMDJSON

struct HotSubsetParser::State
{
    simdjson::dom::parser parser;
    std::vector<char> padded; // the document followed by simdjson's required padding
};

namespace {

nlohmann::json copyHotMembers(simdjson::dom::element element, std::string& path, std::vector<std::string>& duplicates);

// Merges a repeated key's value into the earlier one as the rule engine's flattening does: objects
// member by member, anything else replaced by the last value.
void mergeRepeated(nlohmann::json& target, nlohmann::json value)
{
    if (!target.is_object() || !value.is_object()) {
        target = std::move(value);
        return;
    }
    for (auto& [key, member] : value.items())
        mergeRepeated(target[key], std::move(member));
}

nlohmann::json copyObject(simdjson::dom::object object, std::string& path, std::vector<std::string>& duplicates)
{
    nlohmann::json copy = nlohmann::json::object();
    const std::size_t parentSize = path.size();
    for (const auto field : object) {
        if (parentSize > 0)
            path += '.';
        path += field.key;
        if (isHotFieldOrPrefix(path)) {
            std::string key(field.key);
            if (copy.contains(key)) {
                duplicates.push_back(path);
                mergeRepeated(copy[key], copyHotMembers(field.value, path, duplicates));
            } else {
                copy[std::move(key)] = copyHotMembers(field.value, path, duplicates);
            }
        }
        path.resize(parentSize);
    }
    return copy;
}

// Copies the element, keeping only object members whose path leads to a hot field. The recursion is
// bounded by the depth of the hot fields (four levels), not by the document's depth.
nlohmann::json copyHotMembers(simdjson::dom::element element, std::string& path, std::vector<std::string>& duplicates)
{
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
    case Type::OBJECT: {
        const simdjson::dom::object object = element.get_object().value_unsafe();
        return copyObject(object, path, duplicates);
    }
    case Type::ARRAY: {
        const simdjson::dom::array elements = element.get_array().value_unsafe();
        nlohmann::json array = nlohmann::json::array();
        for (const auto item : elements)
            array.push_back(copyHotMembers(item, path, duplicates));
        return array;
    }
    case Type::STRING:
        return std::string(element.get_string().value_unsafe());
    case Type::INT64:
        return element.get_int64().value_unsafe();
    case Type::UINT64:
        return element.get_uint64().value_unsafe();
    case Type::DOUBLE:
        return element.get_double().value_unsafe();
    case Type::BOOL:
        return element.get_bool().value_unsafe();
    case Type::NULL_VALUE:
        return nullptr;
    }
    return nullptr;
}

} // namespace

HotSubsetParser::HotSubsetParser() : state_(std::make_unique<State>())
{
    // Deeper documents fail here and reach the fallback parser, which rejects them as too deep.
    if (state_->parser.allocate(1 << 20, maxNestingDepth) != simdjson::SUCCESS)
        state_.reset();
}

bool HotSubsetParser::parse(std::string_view text, nlohmann::json& subset)
{
    duplicateKeys_.clear();
    if (!state_)
        return false;
    state_->padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(state_->padded.data(), text.data(), text.size());
    simdjson::dom::element root;
    if (state_->parser.parse(state_->padded.data(), text.size(), false).get(root) != simdjson::SUCCESS)
        return false;
    if (!root.is_object())
        return false;
    const simdjson::dom::object object = root.get_object().value_unsafe();
    std::string path;
    subset = copyObject(object, path, duplicateKeys_);
    return true;
}

#else

struct HotSubsetParser::State
{
};

HotSubsetParser::HotSubsetParser() = default;

bool HotSubsetParser::parse(std::string_view, nlohmann::json&)
{
    return false;
}

#endif

HotSubsetParser::~HotSubsetParser() = default;

} // namespace spoor::ingest
