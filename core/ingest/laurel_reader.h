#pragma once

#include "ingest/audit_ecs_mapper.h"
#include "ingest/document_reader.h"
#include "ingest/ndjson_reader.h"

#include <optional>
#include <string>
#include <string_view>

namespace spoor::ingest {

struct AuditEvent;

// Reads laurel's JSON lines: one audit event per line, its records as members named by type
// ({"ID": "1615114232.375:15558", "SYSCALL": {...}, "EXECVE": {"ARGV": [...]}, ...}). Each line is
// turned back into audit records and mapped to ECS exactly like a raw audit log.
class LaurelReader : public DocumentReader
{
public:
    LaurelReader(StreamBuffer& buffer, std::size_t maxLineBytes, std::string fallbackHost);
    Step next(RawDocument& document, ReadIssue& issue) override;

private:
    NdjsonReader lines_;
    AuditEcsMapper mapper_;
    std::string documentText_;
};

// Converts one laurel line to audit records. Returns nullopt and sets `error` when the line is not a
// laurel event.
std::optional<AuditEvent> parseLaurelEvent(std::string_view line, std::string& error);

// Returns true when the line starts like a laurel event: {"ID":"SECONDS.MILLISECONDS:SERIAL".
bool looksLikeLaurelLine(std::string_view line);

} // namespace spoor::ingest
