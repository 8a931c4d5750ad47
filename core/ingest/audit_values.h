#pragma once

#include "ingest/audit_event.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// Returns the argument vector of the event's EXECVE records: "argc", then "aN" or, for an argument
// that auditd split because it was long, "aN_len" followed by the pieces "aN[0]", "aN[1]", ...
// Returns nullopt when the event has no EXECVE record.
std::optional<std::vector<std::string>> execveArguments(const AuditEvent& event);

// Splits a PROCTITLE value (the process's argv, NUL-separated, possibly cut at 128 bytes by the kernel).
std::vector<std::string> splitProctitle(std::string_view proctitle);

// Joins arguments with spaces, as ECS process.command_line does.
std::string joinArguments(const std::vector<std::string>& arguments);

// A socket address from a SOCKADDR record.
struct SocketAddress
{
    std::string family; // "ipv4", "ipv6", "unix", or "family N" for others
    std::string ip;
    std::optional<int> port;
    std::string path; // unix sockets; an abstract socket's name starts with '@'
};

// Decodes the bytes of a struct sockaddr. `bigEndian` is the byte order of the recording machine,
// which the address family is written in; ports and addresses are always in network order.
std::optional<SocketAddress> decodeSockaddr(std::string_view bytes, bool bigEndian);

// Parses a hexadecimal number as audit writes a0..a3 and arch ("ff", "0x1200011"), or nullopt.
std::optional<std::uint64_t> parseHexNumber(std::string_view text);

// Parses a decimal number ("-115"), or nullopt.
std::optional<std::int64_t> parseDecimalNumber(std::string_view text);

} // namespace spoor::ingest
