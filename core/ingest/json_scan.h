#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace spoor::ingest {

// Finds where one JSON value ends by tracking strings and bracket depth, without parsing or
// validating it (the parser does that on the slice). Resumable: when the text ends inside the value,
// call scan() again with the same start and more bytes, or call dropScanned() after discarding the
// scanned bytes to skip a value of any size in bounded memory.
class ValueScanner
{
public:
    enum class Status { Complete, NeedMore, Invalid };

    // Scans `text`, which starts at the first byte of the value (not whitespace). Pass `endOfInput` true
    // when no more bytes follow, which ends a top-level number or literal.
    Status scan(std::string_view text, bool endOfInput);

    // Bytes of text scanned so far; the length of the value once scan() returned Complete.
    std::size_t scanned() const { return position_; }

    // Forgets the scanned bytes, keeping the state, for a caller that discarded them.
    void dropScanned() { position_ = 0; }

    // Deepest nesting of objects and arrays seen so far.
    std::size_t maxDepth() const { return maxDepth_; }

private:
    enum class Kind { Unknown, Container, String, Literal };

    Status scanLiteral(std::string_view text, bool endOfInput);

    Kind kind_ = Kind::Unknown;
    std::size_t position_ = 0;
    std::size_t depth_ = 0;
    std::size_t maxDepth_ = 0;
    bool inString_ = false;
    bool escaped_ = false;
};

// Returns the deepest nesting of objects and arrays in a JSON text, stopping early once it exceeds `limit`.
std::size_t nestingDepth(std::string_view text, std::size_t limit);

bool isJsonWhitespace(char c);

// Returns the index of the first byte that is not JSON whitespace, or text.size().
std::size_t skipWhitespace(std::string_view text, std::size_t from = 0);

// Calls `member(key, value, valueOffset)` for each member of a JSON object text, with the key's raw bytes
// between the quotes and the value's exact slice. Returns false when the text is not a well-formed
// object at this level; nested values are only delimited, not checked.
bool forEachMember(
    std::string_view object,
    const std::function<void(std::string_view key, std::string_view value, std::size_t valueOffset)>& member);

} // namespace spoor::ingest
