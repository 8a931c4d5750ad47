#pragma once

#include "ecs/event.h"
#include "ingest/event_row.h"
#include "ingest/hot_field_reader.h"
#include "ingest/hot_subset.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

struct RawDocument;

// The reason a document was not imported.
struct Rejection
{
    std::string reason; // "invalid-json", "not-an-object", "too-deep", "missing-timestamp", "invalid-timestamp"
    std::string field;
    std::string message;
};

// A document ready to be written: its row and the warnings about it.
struct DecodedDocument
{
    std::string repairedText; // the document with invalid UTF-8 replaced, when it had any
    EventRow row;
    std::vector<FieldWarning> warnings;
};

// Deepest nesting accepted. simdjson stops parsing at this depth, and the flattening path rejects deeper
// documents before parsing, because flattening recurses once per level. ECS documents nest about ten levels.
constexpr std::size_t maxNestingDepth = 512;

// Parses documents and extracts their hot columns. The hot fields are read straight from simdjson's DOM
// (HotFieldReader). Documents that it cannot read, and those with invalid JSON or UTF-8, take the flattening
// path: the members that lead to a hot column are copied into an nlohmann tree, flattened and normalised as
// the rule engine does, which gives the same row, warnings and rejection.
class DocumentDecoder
{
public:
    // Returns false and fills `rejection` when the document cannot be imported. The row's views are valid
    // until the next call.
    bool decode(const RawDocument& raw, DecodedDocument& decoded, Rejection& rejection);

    // Decodes through the flattening path alone, the reference that decode() must match.
    bool decodeByFlattening(const RawDocument& raw, DecodedDocument& decoded, Rejection& rejection);

    // Documents that decode() passed to the flattening path, rejected ones included.
    std::uint64_t flattenedCount() const { return flattenedCount_; }

private:
    bool finish(const RawDocument& raw, std::string_view text, const HotFieldValues& fields,
                const std::vector<std::string>& duplicateKeys, DecodedDocument& decoded, Rejection& rejection);

    HotFieldReader directReader_;
    HotSubsetParser subsetParser_;
    ecs::Event flattened_;
    HotFieldValues flattenedFields_;
    HotFieldArrays flattenedArrays_;
    std::uint64_t flattenedCount_ = 0;
};

} // namespace spoor::ingest
