#pragma once

#include "ecs/event.h"
#include "ingest/event_row.h"
#include "ingest/hot_subset.h"

#include <string>
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

// A document ready to be written: its flattened fields, its row and the warnings about it.
struct DecodedDocument
{
    ecs::Event event;
    std::string repairedText; // the document with invalid UTF-8 replaced, when it had any
    EventRow row;
    std::vector<FieldWarning> warnings;
};

// Deepest nesting accepted; deeper documents are rejected before parsing because flattening recurses
// once per level. ECS documents nest about ten levels.
constexpr std::size_t maxNestingDepth = 512;

// Parses, flattens and normalises documents and extracts their hot columns. Only the members that
// lead to a hot column are flattened, because the events table stores the document text itself.
class DocumentDecoder
{
public:
    // Returns false and fills `rejection` when the document cannot be imported.
    bool decode(const RawDocument& raw, DecodedDocument& decoded, Rejection& rejection);

private:
    HotSubsetParser subsetParser_;
};

} // namespace spoor::ingest
