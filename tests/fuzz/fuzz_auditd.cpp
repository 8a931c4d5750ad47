#include "fuzz_targets.h"
#include "ingest/audit_log_reader.h"
#include "ingest/document_decoder.h"
#include "ingest/laurel_reader.h"
#include "ingest/stream_buffer.h"
#include "memory_source.h"
#include "reader_steps.h"

#include <memory>
#include <string>
#include <string_view>

namespace spoor::fuzz {
namespace {

// A small odd block size splits records across buffer refills at every possible place.
constexpr std::size_t blockSize = 89;

// Small enough that fuzzed inputs reach the "line-too-long" path and the event size limit.
constexpr std::size_t maxLineBytes = 2048;

// Every document that an audit reader generates must decode: it is JSON that Spoor wrote itself, with
// an @timestamp, whatever the input bytes were. Events complete out of input order, so lines may go back.
void decodeGenerated(ingest::DocumentReader& reader, std::size_t inputSize)
{
    ingest::DecodedDocument decoded;
    ingest::Rejection rejection;
    readAllSteps(reader, inputSize, LineOrder::Any, [&](const ingest::RawDocument& raw) {
        require(sharedDecoder().decode(raw, decoded, rejection),
                "a generated audit document was rejected: " + rejection.message);
        require(raw.byteOffset <= inputSize && raw.line != 0, "a document names a position outside the input");
    });
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
    {
        MemorySource source(bytes, blockSize);
        ingest::StreamBuffer buffer(source, blockSize);
        ingest::AuditLogReader reader(buffer, maxLineBytes, "fuzz-host", ingest::AuditLineFormat::Syslog);
        decodeGenerated(reader, size);
    }
    MemorySource source(bytes, blockSize);
    ingest::StreamBuffer buffer(source, blockSize);
    ingest::LaurelReader reader(buffer, maxLineBytes, "fuzz-host");
    decodeGenerated(reader, size);
    return 0;
}

} // namespace spoor::fuzz
