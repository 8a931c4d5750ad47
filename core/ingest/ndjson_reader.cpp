#include "ingest/ndjson_reader.h"

#include "ingest/fields_document.h"
#include "ingest/json_scan.h"
#include "ingest/overlong_record.h"
#include "ingest/stream_buffer.h"

#include <cstring>

namespace spoor::ingest {

namespace {

bool isBlank(std::string_view line)
{
    return skipWhitespace(line) == line.size();
}

} // namespace

NdjsonReader::NdjsonReader(StreamBuffer& buffer, InputFormat format, std::size_t maxLineBytes)
    : buffer_(buffer), format_(format), maxLineBytes_(maxLineBytes)
{}

void NdjsonReader::releaseLine()
{
    if (pendingConsume_ > 0)
        buffer_.consumeCounted(pendingConsume_, pendingHasNewline_ ? 1 : 0);
    pendingConsume_ = 0;
}

NdjsonReader::LineStep NdjsonReader::nextLine(std::string_view& line, bool& unterminated)
{
    for (;;) {
        const std::string_view available = buffer_.available();
        const void* newline = searchFrom_ < available.size()
                                  ? std::memchr(available.data() + searchFrom_, '\n', available.size() - searchFrom_)
                                  : nullptr;
        if (newline) {
            const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - available.data());
            searchFrom_ = 0;
            if (length > maxLineBytes_)
                return LineStep::TooLong;
            line = available.substr(0, length);
            pendingConsume_ = length + 1;
            pendingHasNewline_ = true;
            unterminated = false;
            return LineStep::Line;
        }
        if (available.size() > maxLineBytes_) {
            searchFrom_ = 0;
            return LineStep::TooLong;
        }
        searchFrom_ = available.size();
        if (!buffer_.readMore()) {
            searchFrom_ = 0;
            line = buffer_.available();
            if (line.empty())
                return LineStep::End;
            pendingConsume_ = line.size();
            pendingHasNewline_ = false;
            unterminated = true;
            return LineStep::Line;
        }
    }
}

void NdjsonReader::skipLongLine(ReadIssue& issue)
{
    std::uint64_t length = 0;
    issue = skipOverlongRecord(
        buffer_, "line-too-long", [](std::string_view available) { return available.find('\n'); }, length);
    issue.message = "the line is " + std::to_string(length) + " bytes long, over the limit of " +
                    std::to_string(maxLineBytes_) + " bytes; the line was skipped";
}

bool NdjsonReader::takeBulkAction(std::string_view line)
{
    const std::size_t start = skipWhitespace(line);
    const std::string_view head = line.substr(start, 12);
    if (!head.starts_with("{\"index\"") && !head.starts_with("{\"create\"") && !head.starts_with("{\"update\"") &&
        !head.starts_with("{\"delete\""))
        return false;

    std::string_view action;
    std::string_view metadata;
    std::size_t members = 0;
    const bool wellFormed = forEachMember(line, [&](std::string_view key, std::string_view value, std::size_t) {
        ++members;
        action = key;
        metadata = value;
    });
    if (!wellFormed || members != 1 || !metadata.starts_with('{'))
        return false;

    actionIndex_.reset();
    actionId_.reset();
    forEachMember(metadata, [&](std::string_view key, std::string_view value, std::size_t) {
        if (key == "_index")
            actionIndex_ = metadataText(value);
        else if (key == "_id")
            actionId_ = metadataText(value);
    });
    // A delete action has no document line; update wraps its document in "doc".
    actionPending_ = action != "delete";
    actionIsUpdate_ = action == "update";
    return true;
}

void NdjsonReader::applyBulkAction(RawDocument& document)
{
    if (!actionPending_)
        return;
    if (actionIsUpdate_) {
        forEachMember(document.text, [&](std::string_view key, std::string_view value, std::size_t offset) {
            if (key == "doc" && value.starts_with('{')) {
                document.byteOffset += offset;
                document.text = value;
            }
        });
    }
    document.index = std::move(actionIndex_);
    document.id = std::move(actionId_);
    actionPending_ = false;
}

DocumentReader::Step NdjsonReader::next(RawDocument& document, ReadIssue& issue)
{
    for (;;) {
        releaseLine();
        const std::uint64_t lineNumber = buffer_.line();
        const std::uint64_t offset = buffer_.offset();
        std::string_view line;
        bool unterminated = false;
        switch (nextLine(line, unterminated)) {
        case LineStep::End:
            return Step::End;
        case LineStep::TooLong:
            skipLongLine(issue);
            return Step::Issue;
        case LineStep::Line:
            break;
        }
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (isBlank(line))
            continue;
        if (format_ == InputFormat::Bulk && takeBulkAction(line))
            continue;

        document = RawDocument{};
        document.text = line;
        document.input = line;
        document.line = lineNumber;
        document.byteOffset = offset;
        document.unterminatedLastLine = unterminated;
        if (format_ == InputFormat::NdjsonHits)
            unwrapHit(line, document);
        else if (format_ == InputFormat::Bulk)
            applyBulkAction(document);
        else if (format_ == InputFormat::NdjsonFields && documentFromFields(line, document.generatedText))
            document.text = document.generatedText;
        return Step::Document;
    }
}

} // namespace spoor::ingest
