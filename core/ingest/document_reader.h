#pragma once

#include "ingest/event_row.h"
#include "ingest/input_format.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

class StreamBuffer;

// One document as found in the input, before parsing.
struct RawDocument
{
    std::string_view text;             // the document's bytes; valid until the next call to DocumentReader::next
    std::string_view input;            // the whole line or array element it came from, for error excerpts
    std::uint64_t line = 0;            // 1-based line where the document starts
    std::uint64_t byteOffset = 0;      // of the document in the decompressed stream
    std::string jsonPath;              // of an array element, e.g. "hits.hits[12]"; empty for line-based formats
    std::optional<std::string> index;  // _index of the hit or bulk action
    std::optional<std::string> id;     // _id of the hit or bulk action
    bool unterminatedLastLine = false; // the input ended without a newline after this line
    std::string generatedText;         // storage for `text` when the reader builds the document, e.g. from a
                                       // "fields" hit, a CSV row or a Sysmon record
    std::vector<FieldWarning> warnings; // problems the reader found in a document it still returns
};

// A part of the input that contains no document, e.g. a line longer than the limit.
struct ReadIssue
{
    std::string reason;
    std::string message;
    std::string excerpt;
    std::uint64_t line = 0;
    std::uint64_t byteOffset = 0;
};

// Splits a decompressed input into documents, streaming: only the current document is in memory.
class DocumentReader
{
public:
    enum class Step { Document, Issue, End };

    virtual ~DocumentReader() = default;

    // Reads the next document or issue. Returns End when the input is exhausted or cannot be read
    // further. stopMessage() then explains an early end, and is empty at the normal end.
    virtual Step next(RawDocument& document, ReadIssue& issue) = 0;

    const std::string& stopMessage() const { return stopMessage_; }

protected:
    std::string stopMessage_;
};

// Returns a reader for the format. Documents larger than `maxDocumentBytes` are reported as issues
// and skipped without being held in memory. `sourcePath` names the host of audit records that carry
// no node= name.
std::unique_ptr<DocumentReader> makeDocumentReader(InputFormat format, StreamBuffer& buffer,
                                                   std::size_t maxDocumentBytes, const std::string& sourcePath = {});

// Fills `document.text`, `index` and `id` from a search hit ({"_index", "_id", "_source"}). A hit with a
// "fields" object and no "_source" gives the document that documentFromFields builds. Returns false, leaving
// the document unchanged, when `hit` is not an object with a "_source" or "fields" object.
bool unwrapHit(std::string_view hit, RawDocument& document);

// Returns an _index or _id value as text: a JSON string decoded, a number as written, nullopt for
// anything else that is not valid.
std::optional<std::string> metadataText(std::string_view value);

// Returns the first `size` bytes of the text.
std::string excerptOf(std::string_view text, std::size_t size = 200);

} // namespace spoor::ingest
