#include "fuzz_targets.h"
#include "ingest/audit_log_reader.h"
#include "ingest/document_decoder.h"
#include "ingest/laurel_reader.h"
#include "ingest/stream_buffer.h"
#include "memory_source.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace spoor::fuzz {
namespace {

// A small odd block size splits records across buffer refills at every possible place.
constexpr std::size_t blockSize = 89;

// Small enough that fuzzed inputs reach the "line-too-long" path and the event size limit.
constexpr std::size_t maxLineBytes = 2048;

// Every document that an audit reader generates must decode: it is JSON that Spoor wrote itself, with
// an @timestamp, whatever the input bytes were.
void decodeGenerated(ingest::DocumentReader& reader, std::size_t inputSize)
{
    // One decoder for all runs: its simdjson parser allocates on construction.
    static ingest::DocumentDecoder decoder;
    ingest::RawDocument raw;
    ingest::ReadIssue issue;
    ingest::DecodedDocument decoded;
    ingest::Rejection rejection;
    // Each line gives at most one document or one issue, and a line has at least one byte.
    for (std::size_t steps = 0;; ++steps) {
        if (steps > inputSize + 2)
            throw std::logic_error("the reader returned more steps than the input has bytes");
        const auto step = reader.next(raw, issue);
        if (step == ingest::DocumentReader::Step::End)
            return;
        if (step == ingest::DocumentReader::Step::Issue)
            continue;
        if (!decoder.decode(raw, decoded, rejection))
            throw std::logic_error("a generated audit document was rejected: " + rejection.message);
        if (raw.byteOffset > inputSize || raw.line == 0)
            throw std::logic_error("a document names a position outside the input");
    }
}

} // namespace

int fuzzAuditdDecoder(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    {
        MemorySource source(bytes, blockSize);
        ingest::StreamBuffer buffer(source, blockSize);
        ingest::AuditLogReader reader(buffer, maxLineBytes, "fuzz-host");
        decodeGenerated(reader, size);
    }
    MemorySource source(bytes, blockSize);
    ingest::StreamBuffer buffer(source, blockSize);
    ingest::LaurelReader reader(buffer, maxLineBytes, "fuzz-host");
    decodeGenerated(reader, size);
    return 0;
}

} // namespace spoor::fuzz
