#pragma once

#include "ingest/document_reader.h"

namespace spoor::ingest {

// Reads NDJSON of documents, of search hits, or an Elasticsearch bulk body, one line at a time.
// Blank lines are skipped; a line longer than the limit is skipped in blocks, never held whole.
class NdjsonReader : public DocumentReader
{
public:
    NdjsonReader(StreamBuffer& buffer, InputFormat format, std::size_t maxLineBytes);
    Step next(RawDocument& document, ReadIssue& issue) override;

private:
    enum class LineStep { Line, TooLong, End };

    void releaseLine();
    LineStep nextLine(std::string_view& line, bool& unterminated);
    void skipLongLine(ReadIssue& issue);
    bool takeBulkAction(std::string_view line);
    void applyBulkAction(RawDocument& document);

    StreamBuffer& buffer_;
    InputFormat format_;
    std::size_t maxLineBytes_;
    std::size_t pendingConsume_ = 0; // bytes of the line last returned, released on the next call
    bool pendingHasNewline_ = false;
    std::size_t searchFrom_ = 0; // bytes after the cursor already known to hold no newline
    std::optional<std::string> actionIndex_;
    std::optional<std::string> actionId_;
    bool actionPending_ = false;
    bool actionIsUpdate_ = false;
};

} // namespace spoor::ingest
