#include "common/decoding_text.h"
#include "fuzz_targets.h"
#include "ingest/document_decoder.h"
#include "ingest/document_reader.h"
#include "ingest/input_format.h"
#include "ingest/stream_buffer.h"
#include "memory_source.h"
#include "reader_steps.h"

#include <string>
#include <string_view>

namespace spoor::fuzz {
namespace {

// A small odd block size splits lines, strings and keys across buffer refills at every possible place.
constexpr std::size_t blockSize = 97;

// Small enough that fuzzed inputs reach the "line-too-long" and "document-too-large" paths.
constexpr std::size_t maxDocumentBytes = 4096;

// Checks what the importer relies on: the input is split into steps that move forward through it, every
// document lies inside the input, and every decoded event keeps its document text.
void checkDocument(const ingest::RawDocument& raw, const ingest::DecodedDocument& decoded, std::size_t inputSize)
{
    require(raw.byteOffset + raw.text.size() <= inputSize, "a document extends past the end of the input");
    require(raw.text.size() <= maxDocumentBytes, "a document longer than the limit was returned");
    if (decoded.repairedText.empty())
        require(decoded.row.document == raw.text, "the stored document differs from the input text");
    require(decoded.row.timestampNs.has_value(), "an event was decoded without a timestamp");
}

// Checks that the decoder's flattening path, which is slower and simpler, decodes the document as decode() did.
void requireSameAsFlattening(const ingest::RawDocument& raw, const std::string& decodedText)
{
    static ingest::DocumentDecoder reference;
    ingest::DecodedDocument decoded;
    ingest::Rejection rejection;
    const bool accepted = reference.decodeByFlattening(raw, decoded, rejection);
    require(test::decodingText(accepted, decoded, rejection) == decodedText,
            "the direct and the flattening path decoded a document differently");
}

void decodeAll(std::string_view bytes, ingest::InputFormat format)
{
    MemorySource source(bytes, blockSize);
    ingest::StreamBuffer buffer(source, blockSize);
    const auto reader = ingest::makeDocumentReader(format, buffer, maxDocumentBytes);
    ingest::DecodedDocument decoded;
    ingest::Rejection rejection;
    readAllSteps(*reader, bytes.size(), LineOrder::Ascending, [&](const ingest::RawDocument& raw) {
        const bool accepted = sharedDecoder().decode(raw, decoded, rejection);
        if (accepted)
            checkDocument(raw, decoded, bytes.size());
        else
            require(!rejection.reason.empty() && !rejection.message.empty(), "a rejection without a reason");
        requireSameAsFlattening(raw, test::decodingText(accepted, decoded, rejection));
    });
}

std::string_view asText(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace

int fuzzNdjsonDecoder(const std::uint8_t* data, std::size_t size)
{
    for (const auto format :
         {ingest::InputFormat::NdjsonDocuments, ingest::InputFormat::NdjsonHits, ingest::InputFormat::Bulk})
        decodeAll(asText(data, size), format);
    return 0;
}

int fuzzSearchDecoder(const std::uint8_t* data, std::size_t size)
{
    for (const auto format :
         {ingest::InputFormat::SearchResponse, ingest::InputFormat::JsonArray, ingest::InputFormat::JsonDocuments})
        decodeAll(asText(data, size), format);
    return 0;
}

} // namespace spoor::fuzz
