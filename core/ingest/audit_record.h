#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spoor::ingest {

// One key=value pair of an audit record, the value decoded: quotes removed and hex-encoded strings
// turned back into bytes.
struct AuditField
{
    std::string key;
    std::string value;
};

// One line of a Linux audit log ("type=SYSCALL msg=audit(1615114232.375:15558): arch=c000003e ...").
struct AuditRecord
{
    std::string node;                    // the "node=" prefix, empty when absent
    std::string type;                    // "SYSCALL", "EXECVE", ...
    std::string stamp;                   // "1615114232.375:15558", the event's identity with the node
    std::int64_t timestampMs = 0;        // the stamp's time in epoch milliseconds
    std::uint64_t serial = 0;            // the stamp's serial number
    std::vector<AuditField> fields;      // raw fields in order; duplicated keys are kept
    std::vector<AuditField> interpreted; // ENRICHED fields after the 0x1D separator, e.g. UID="root"
    bool hasHexEncodedValue = false;     // some value was hex-decoded, so the original bytes differ

    // Returns the first field with the key, or nullptr.
    const std::string* find(std::string_view key) const;
    const std::string* findInterpreted(std::string_view key) const;
};

// Parses one audit log line. Returns nullopt and sets `error` to a message when the line is not an
// audit record. A comment line ("# ...") also gives nullopt, with `error` left empty.
std::optional<AuditRecord> parseAuditRecord(std::string_view line, std::string& error);

// Decodes a string of hex digit pairs ("2F62696E") into bytes, or nullopt when it is not one.
std::optional<std::string> decodeHex(std::string_view hex);

// Returns true when the field contains a string that auditd may write hex-encoded: the kernel encodes
// such strings when they contain a space, a quote, a control character or a byte above 0x7e.
bool isEncodableAuditField(std::string_view recordType, std::string_view key);

// Returns true when records of this type are an event on their own: user-space messages such as
// USER_LOGIN carry their own serial and are never followed by an EOE record.
bool isStandaloneAuditRecord(std::string_view type);

} // namespace spoor::ingest
