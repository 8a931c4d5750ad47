#pragma once

#include <cstddef>
#include <cstdint>

// Bodies of the libFuzzer targets. Each takes one input and returns 0. A bug shows as a sanitizer report, a
// crash, or an exception that escapes, either one the library does not document or a std::logic_error thrown
// by the target when a result breaks the library's contract. libFuzzer reports an escaping exception as a crash. The
// libFuzzer executables and the replay test test_fuzz_regressions call the same functions.
namespace spoor::fuzz {

// Parses the input as an EQL query. EqlError is the documented failure and is ignored.
int fuzzEqlParser(const std::uint8_t* data, std::size_t size);

// Splits the input at the first line "---" into a query and a JSON array of events, then runs the query
// over the events with an Executor. A missing separator gives an empty event list.
int fuzzEqlEvaluator(const std::uint8_t* data, std::size_t size);

// Writes the input to a file and imports it into a case with importPaths().
int fuzzIngest(const std::uint8_t* data, std::size_t size);

// Like fuzzIngest, but gzip-compresses the input first, so the mutations reach the decoders behind the
// decompressor instead of breaking the gzip header.
int fuzzIngestGzip(const std::uint8_t* data, std::size_t size);

// Reads the input as a Kibana Discover CSV export with CsvReader, with dates read as UTC, at +05:30 and in
// Europe/Berlin, and decodes every generated document. Rejected records and dates are the documented outcome.
int fuzzCsvDecoder(const std::uint8_t* data, std::size_t size);

// Reads the input as Sysmon for Linux syslog lines with SysmonReader and decodes every generated document.
// Lines without a valid XML <Event> are the documented outcome.
int fuzzSysmonDecoder(const std::uint8_t* data, std::size_t size);

// Splits the input into documents with the NDJSON reader (as documents, as search hits and as a bulk body) and
// decodes each one in memory, without a case file. Rejected lines and documents are the documented outcome.
int fuzzNdjsonDecoder(const std::uint8_t* data, std::size_t size);

// Like fuzzNdjsonDecoder, with the reader of non-line JSON: a _search response, a JSON array, concatenated documents.
int fuzzSearchDecoder(const std::uint8_t* data, std::size_t size);

// Reads the input as a raw audit log, as audit records in syslog lines and as laurel JSON lines, and decodes
// every generated ECS document.
// Rejected records are the documented outcome; a generated document that does not decode is a bug.
int fuzzAuditdDecoder(const std::uint8_t* data, std::size_t size);

// Parses the input as a detection rule TOML file. RuleError is the documented failure and is ignored.
int fuzzRuleLoader(const std::uint8_t* data, std::size_t size);

} // namespace spoor::fuzz
