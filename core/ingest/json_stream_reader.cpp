#include "ingest/json_stream_reader.h"

#include "ingest/json_scan.h"
#include "ingest/stream_buffer.h"

namespace spoor::ingest {

namespace {

constexpr std::size_t maxKeyBytes = 64 * 1024;

std::string describeByte(char c)
{
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
        return "byte " + std::to_string(static_cast<unsigned char>(c));
    return std::string("'") + c + "'";
}

} // namespace

JsonStreamReader::JsonStreamReader(StreamBuffer& buffer, InputFormat format, std::size_t maxDocumentBytes)
    : buffer_(buffer), format_(format), maxDocumentBytes_(maxDocumentBytes)
{}

bool JsonStreamReader::skipWhitespaceAndFill()
{
    for (;;) {
        const std::string_view available = buffer_.available();
        const std::size_t skip = skipWhitespace(available);
        buffer_.consume(skip);
        if (skip < available.size())
            return true;
        if (!buffer_.readMore())
            return false;
    }
}

DocumentReader::Step JsonStreamReader::stop(ReadIssue& issue, const std::string& message)
{
    issue = ReadIssue{};
    issue.reason = "invalid-json";
    issue.line = buffer_.line();
    issue.byteOffset = buffer_.offset();
    issue.excerpt = excerptOf(buffer_.available());
    issue.message = message + "; the rest of the input was not read";
    stopMessage_ = "invalid JSON at line " + std::to_string(issue.line) + ": " + message +
                   "; the documents before it were imported";
    stopped_ = true;
    return Step::Issue;
}

DocumentReader::Step JsonStreamReader::endOfInput(ReadIssue& issue)
{
    if (where_ == Where::TopLevel)
        return Step::End;
    const char* inside = where_ == Where::InArray             ? "a JSON array"
                         : format_ == InputFormat::EqlResponse ? "an _eql/search response"
                                                               : "a _search response";
    return stop(issue, std::string("the input ends inside ") + inside + ", so the file is truncated");
}

bool JsonStreamReader::readKey(std::string& key)
{
    for (;;) {
        const std::string_view available = buffer_.available();
        for (std::size_t i = 1; i < available.size(); ++i) {
            if (available[i] == '\\') {
                ++i;
            } else if (available[i] == '"') {
                key.assign(available.substr(1, i - 1));
                buffer_.consume(i + 1);
                return true;
            }
        }
        if (available.size() > maxKeyBytes || !buffer_.readMore())
            return false;
    }
}

bool JsonStreamReader::skipValue()
{
    ValueScanner scanner;
    for (;;) {
        const auto status = scanner.scan(buffer_.available(), buffer_.ended());
        if (status == ValueScanner::Status::Complete) {
            buffer_.consume(scanner.scanned());
            return true;
        }
        if (status == ValueScanner::Status::Invalid)
            return false;
        buffer_.consume(scanner.scanned());
        scanner.dropScanned();
        buffer_.readMore();
    }
}

// Steps into the member's value when it holds documents: hits, then hits.hits of a _search response, or
// hits.events and hits.sequences[].events of an _eql/search response.
bool JsonStreamReader::enterContainer(const std::string& key, char first)
{
    if (where_ == Where::InResponse && key == "hits" && first == '{') {
        where_ = Where::InHits;
    } else if (where_ == Where::InHits && (key == "hits" || key == "events") && first == '[') {
        where_ = Where::InHitsArray;
        enterArray("hits." + key);
    } else if (where_ == Where::InHits && key == "sequences" && first == '[') {
        where_ = Where::InSequences;
        sequenceCount_ = 0;
    } else if (where_ == Where::InSequence && key == "events" && first == '[') {
        where_ = Where::InSequenceEvents;
        enterArray("hits.sequences[" + std::to_string(sequenceCount_ - 1) + "].events");
    } else {
        return false;
    }
    return true;
}

void JsonStreamReader::enterArray(std::string name)
{
    if (responseCount_ > 1)
        name = "response " + std::to_string(responseCount_) + " " + name;
    arrayName_ = std::move(name);
    elementIndex_ = 0;
}

// Returns the JSON path of the array element about to be read, e.g. "hits.hits[12]", and counts it. Returns an
// empty path for a top-level document, whose line number locates it.
std::string JsonStreamReader::nextElementPath()
{
    if (where_ == Where::TopLevel)
        return {};
    return arrayName_ + "[" + std::to_string(elementIndex_++) + "]";
}

DocumentReader::Step JsonStreamReader::stepInSequences(char c, RawDocument& document, ReadIssue& issue)
{
    if (c == ',') {
        buffer_.consume(1);
        return Step::End;
    }
    if (where_ == Where::InSequences) {
        if (c == ']') {
            where_ = Where::InHits;
        } else if (c == '{') {
            where_ = Where::InSequence;
            ++sequenceCount_;
        } else {
            return stop(issue, "expected a sequence object in hits.sequences, found " + describeByte(c));
        }
        buffer_.consume(1);
        return Step::End;
    }
    if (c == ']') {
        buffer_.consume(1);
        where_ = Where::InSequence;
        return Step::End;
    }
    return captureDocument(document, issue);
}

JsonStreamReader::MemberStep JsonStreamReader::handleMember(ReadIssue& issue)
{
    std::string key;
    if (!readKey(key)) {
        stop(issue, "a key of the _search response is not terminated");
        return MemberStep::Issue;
    }
    if (!skipWhitespaceAndFill() || buffer_.available()[0] != ':') {
        stop(issue, "expected ':' after the key \"" + key + "\" of the _search response");
        return MemberStep::Issue;
    }
    buffer_.consume(1);
    if (!skipWhitespaceAndFill()) {
        endOfInput(issue);
        return MemberStep::Issue;
    }
    const char first = buffer_.available()[0];
    if (enterContainer(key, first)) {
        buffer_.consume(1);
    } else if (!skipValue()) {
        stop(issue, "the value of \"" + key + "\" in the _search response is not valid JSON");
        return MemberStep::Issue;
    }
    return MemberStep::Continue;
}

DocumentReader::Step JsonStreamReader::skipLargeDocument(ReadIssue& issue, const std::string& jsonPath)
{
    issue = ReadIssue{};
    issue.reason = "document-too-large";
    issue.line = buffer_.line();
    issue.byteOffset = buffer_.offset();
    issue.excerpt = excerptOf(buffer_.available());
    std::uint64_t length = 0;
    ValueScanner scanner;
    for (;;) {
        const auto status = scanner.scan(buffer_.available(), buffer_.ended());
        length += scanner.scanned();
        buffer_.consume(scanner.scanned());
        if (status != ValueScanner::Status::NeedMore)
            break;
        scanner.dropScanned();
        buffer_.readMore();
    }
    issue.message = "the document is at least " + std::to_string(length) + " bytes long, over the limit of " +
                    std::to_string(maxDocumentBytes_) + " bytes; it was skipped";
    if (!jsonPath.empty())
        issue.message += " (" + jsonPath + ", byte offset " + std::to_string(issue.byteOffset) + ")";
    return Step::Issue;
}

DocumentReader::Step JsonStreamReader::captureDocument(RawDocument& document, ReadIssue& issue)
{
    const std::string jsonPath = nextElementPath();
    ValueScanner scanner;
    for (;;) {
        const std::string_view available = buffer_.available();
        const auto status = scanner.scan(available, buffer_.ended());
        if (status == ValueScanner::Status::Complete) {
            document = RawDocument{};
            document.text = available.substr(0, scanner.scanned());
            document.input = document.text;
            document.line = buffer_.line();
            document.byteOffset = buffer_.offset();
            document.jsonPath = jsonPath;
            pendingConsume_ = scanner.scanned();
            if (document.text.starts_with('{'))
                unwrapHit(document.text, document);
            return Step::Document;
        }
        if (status == ValueScanner::Status::Invalid) {
            if (scanner.scanned() < available.size())
                return stop(issue, "unexpected " + describeByte(available[scanner.scanned()]));
            return stop(issue, "the document starting here is cut off by the end of the input");
        }
        if (available.size() > maxDocumentBytes_)
            return skipLargeDocument(issue, jsonPath);
        buffer_.readMore();
    }
}

DocumentReader::Step JsonStreamReader::next(RawDocument& document, ReadIssue& issue)
{
    if (pendingConsume_ > 0) {
        buffer_.consume(pendingConsume_);
        pendingConsume_ = 0;
    }
    while (!stopped_) {
        if (!skipWhitespaceAndFill())
            return endOfInput(issue);
        const char c = buffer_.available()[0];
        switch (where_) {
        case Where::TopLevel:
            if (format_ == InputFormat::SearchResponse || format_ == InputFormat::EqlResponse) {
                if (c != '{')
                    return stop(issue, "expected '{' at the start of a _search response, found " + describeByte(c));
                buffer_.consume(1);
                where_ = Where::InResponse;
                ++responseCount_;
                continue;
            }
            if (c == '[') {
                buffer_.consume(1);
                where_ = Where::InArray;
                enterArray({});
                continue;
            }
            return captureDocument(document, issue);
        case Where::InArray:
        case Where::InHitsArray:
            if (c == ']') {
                buffer_.consume(1);
                where_ = where_ == Where::InArray ? Where::TopLevel : Where::InHits;
                continue;
            }
            if (c == ',') {
                buffer_.consume(1);
                continue;
            }
            return captureDocument(document, issue);
        case Where::InSequences:
        case Where::InSequenceEvents: {
            // End here means that the step only moved the cursor.
            const Step step = stepInSequences(c, document, issue);
            if (step != Step::End)
                return step;
            continue;
        }
        case Where::InResponse:
        case Where::InHits:
        case Where::InSequence:
            if (c == '}') {
                buffer_.consume(1);
                where_ = where_ == Where::InHits       ? Where::InResponse
                         : where_ == Where::InSequence ? Where::InSequences
                                                       : Where::TopLevel;
                continue;
            }
            if (c == ',') {
                buffer_.consume(1);
                continue;
            }
            if (c != '"')
                return stop(issue, "expected a key in the _search response, found " + describeByte(c));
            if (handleMember(issue) == MemberStep::Issue)
                return Step::Issue;
            continue;
        }
    }
    return Step::End;
}

} // namespace spoor::ingest
