#pragma once

#include <cstddef>
#include <cstdint>

namespace spoor::ingest {

// Returns true when the CPU has the x86 SHA extensions (and SSE4.1), checked with CPUID.
bool cpuHasShaExtensions();

// Runs the SHA-256 compression function over `blocks` 64-byte blocks with the SHA extensions. Call it
// only when cpuHasShaExtensions() returned true. `constants` are the 64 round constants.
void sha256CompressBlocksX86(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks,
                             const std::uint32_t* constants);

} // namespace spoor::ingest
