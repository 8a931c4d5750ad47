#pragma once

#include <optional>
#include <string_view>

namespace spoor::ingest {

// Returns the name of an audit architecture code as written in SYSCALL records ("c000003e" is
// "x86_64"), or nullopt for a code this table does not list.
std::optional<std::string_view> auditArchName(std::string_view archHex);

// Returns the name of a system call number on an architecture ("x86_64", "aarch64" or "i386"), or
// nullopt when the table does not list it. The tables list the calls that Spoor maps to ECS events and
// the ones that audit rules commonly watch, not every call.
std::optional<std::string_view> syscallName(std::string_view arch, int number);

} // namespace spoor::ingest
