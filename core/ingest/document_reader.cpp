#include "ingest/document_reader.h"

#include "ingest/audit_log_reader.h"
#include "ingest/csv_reader.h"
#include "ingest/json_stream_reader.h"
#include "ingest/laurel_reader.h"
#include "ingest/ndjson_reader.h"
#include "ingest/sysmon_reader.h"

namespace spoor::ingest {

std::unique_ptr<DocumentReader> makeDocumentReader(InputFormat format, StreamBuffer& buffer,
                                                   std::size_t maxDocumentBytes, const std::string& sourcePath)
{
    switch (format) {
    case InputFormat::NdjsonDocuments:
    case InputFormat::NdjsonFields:
    case InputFormat::NdjsonHits:
    case InputFormat::Bulk:
        return std::make_unique<NdjsonReader>(buffer, format, maxDocumentBytes);
    case InputFormat::SearchResponse:
    case InputFormat::JsonArray:
    case InputFormat::JsonDocuments:
    case InputFormat::EqlResponse:
        return std::make_unique<JsonStreamReader>(buffer, format, maxDocumentBytes);
    case InputFormat::KibanaCsv:
        return std::make_unique<CsvReader>(buffer, maxDocumentBytes);
    case InputFormat::SysmonSyslog:
        return std::make_unique<SysmonReader>(buffer, maxDocumentBytes);
    case InputFormat::AuditLog:
        return std::make_unique<AuditLogReader>(buffer, maxDocumentBytes, auditHostFromPath(sourcePath));
    case InputFormat::AuditSyslog:
        return std::make_unique<AuditLogReader>(buffer, maxDocumentBytes, auditHostFromPath(sourcePath),
                                                AuditLineFormat::Syslog);
    case InputFormat::LaurelJson:
        return std::make_unique<LaurelReader>(buffer, maxDocumentBytes, auditHostFromPath(sourcePath));
    }
    return nullptr;
}

} // namespace spoor::ingest
