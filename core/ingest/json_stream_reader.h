#pragma once

#include "ingest/document_reader.h"

namespace spoor::ingest {

// Reads documents out of JSON that is not line-based: top-level documents one after the other
// (pretty-printed or not), JSON arrays of documents or hits, _search responses, whose hits.hits
// elements are taken and every other member skipped, and _eql/search responses, whose hits.events and
// hits.sequences[].events elements are taken. Only the current document is kept in memory.
class JsonStreamReader : public DocumentReader
{
public:
    JsonStreamReader(StreamBuffer& buffer, InputFormat format, std::size_t maxDocumentBytes);
    Step next(RawDocument& document, ReadIssue& issue) override;

private:
    enum class Where {
        TopLevel,
        InArray,
        InResponse,
        InHits,
        InHitsArray,
        InSequences,      // hits.sequences of an _eql/search response
        InSequence,       // one element of hits.sequences
        InSequenceEvents, // its events array
    };
    enum class MemberStep { Continue, Issue };

    bool skipWhitespaceAndFill();
    Step captureDocument(RawDocument& document, ReadIssue& issue);
    Step skipLargeDocument(ReadIssue& issue, const std::string& jsonPath);
    MemberStep handleMember(ReadIssue& issue);
    bool readKey(std::string& key);
    bool skipValue();
    Step stop(ReadIssue& issue, const std::string& message);
    Step endOfInput(ReadIssue& issue);
    bool enterContainer(const std::string& key, char first);
    Step stepInSequences(char c, RawDocument& document, ReadIssue& issue);
    void enterArray(std::string name);
    std::string nextElementPath();

    StreamBuffer& buffer_;
    InputFormat format_;
    std::size_t maxDocumentBytes_;
    Where where_ = Where::TopLevel;
    std::size_t pendingConsume_ = 0; // bytes of the document last returned, released on the next call
    // Position of the next document in error messages, because a one-line _search response has every hit on
    // line 1.
    std::uint64_t responseCount_ = 0; // top-level responses entered so far
    std::string arrayName_;           // JSON path of the array being read, e.g. "hits.hits"; empty at the top level
    std::uint64_t elementIndex_ = 0;  // of the next element in that array
    std::uint64_t sequenceCount_ = 0; // elements of hits.sequences entered so far
    bool stopped_ = false;
};

} // namespace spoor::ingest
