#pragma once

#include <optional>
#include <string>

namespace spoor::ingest {

class StreamBuffer;

enum class InputFormat {
    NdjsonDocuments, // one ECS document per line
    NdjsonHits,      // one search hit (_index, _id, _source) per line
    Bulk,            // Elasticsearch bulk body: an action line ({"index": {...}}) before each document
    SearchResponse,  // one or more _search responses, documents in hits.hits[]._source
    JsonArray,       // a JSON array of documents or hits
    JsonDocuments,   // one or more JSON documents one after the other, e.g. pretty-printed
    NdjsonFields,    // one "fields" object (dotted keys, every value an array) per line, as the fields API returns
    EqlResponse,     // one or more _eql/search responses: hits.events[] and hits.sequences[].events[]
    KibanaCsv,       // Kibana Discover CSV export: a header of field names, then one event per record
    SysmonSyslog,    // Sysmon for Linux: syslog lines, each carrying one XML <Event>
    AuditLog,        // raw Linux audit log: "type=SYSCALL msg=audit(...): ..." records, as audit.log or ausearch --raw
    AuditSyslog,     // audit records in syslog lines, as audisp-syslog or the kernel log write them
    LaurelJson,      // laurel's JSON lines: one audit event per line, {"ID": "...", "SYSCALL": {...}, ...}
};

// Returns the name stored in sources.format, e.g. "ndjson-hits".
const char* formatName(InputFormat format);

struct FormatDetection
{
    std::optional<InputFormat> format;
    std::string unsupported; // what was seen instead, e.g. "binary data, first bytes 7f 45 4c 46"
};

// Detects the format from the first 64 KiB of the decompressed stream without consuming them, except
// for a UTF-8 byte order mark, which is skipped.
FormatDetection detectFormat(StreamBuffer& buffer);

} // namespace spoor::ingest
