#pragma once

#include "ingest/hot_fields.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// Reads the hot fields of a JSON document straight from a simdjson DOM, giving the values that ecs::flatten
// would give on the whole document, without building a tree or flattening anything. It follows nested objects
// and dotted keys ("process.parent.name" at any level), and reads a leaf value of any type: a scalar, an
// array (flattened to its scalars, nested arrays included) or an object (absent). It declines the shapes
// where flattening merges values from several places, which are rare and which the flattening path reads:
// - an array on the way to a hot field ("process": [{"pid": 1}]);
// - a key repeated in one object on the way to a hot field ({"process": {...}, "process": {...}});
// - one hot field reached twice through different keys ({"process": {"name": "a"}, "process.name": "b"}).
// A hot field's own key repeated in one object keeps the last value and is listed in duplicateKeys(), as the
// flattening path does. Without simdjson in the build, read() always returns NotParsed.
class HotFieldReader
{
public:
    enum class Outcome {
        Read,      // values() contains the document's hot fields
        Declined,  // the document parsed but has a shape listed above
        NotParsed, // simdjson rejected the text or it is not a JSON object (or simdjson is not in the build)
    };

    HotFieldReader();
    ~HotFieldReader();
    HotFieldReader(const HotFieldReader&) = delete;
    HotFieldReader& operator=(const HotFieldReader&) = delete;

    // Parses the text and reads its hot fields. simdjson checks that the whole text is valid UTF-8, so a
    // document with invalid UTF-8 returns NotParsed.
    Outcome read(std::string_view text);

    // The hot fields of the document last read; their strings point into the parser's memory, so they are
    // valid until the next read().
    const HotFieldValues& values() const { return values_; }

    // The paths of hot fields whose key appeared more than once in one object, in document order.
    const std::vector<std::string>& duplicateKeys() const { return duplicateKeys_; }

private:
    struct State;
    std::unique_ptr<State> state_;
    HotFieldValues values_;
    std::vector<std::string> duplicateKeys_;
};

} // namespace spoor::ingest
