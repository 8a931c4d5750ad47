#pragma once

#include "ingest/audit_record.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// The records that auditd wrote for one event: the same node and the same "msg=audit(TIME:SERIAL)".
struct AuditEvent
{
    std::string node;
    std::string stamp;
    std::int64_t timestampMs = 0;
    std::uint64_t serial = 0;
    std::vector<AuditRecord> records;
    std::string original;         // the input lines of the records, '\n'-separated, for event.original
    std::uint64_t line = 0;       // 1-based line of the first record
    std::uint64_t byteOffset = 0; // of the first record in the decompressed stream
    bool nodeFromSyslog = false;  // `node` is the host of the syslog lines, which had no node= prefix

    // Returns the first record of the type, or nullptr.
    const AuditRecord* first(std::string_view type) const
    {
        for (const auto& record : records) {
            if (record.type == type)
                return &record;
        }
        return nullptr;
    }
};

} // namespace spoor::ingest
