#pragma once

#include <cstdint>
#include <string_view>

namespace spoor::ingest {

// 64-bit non-cryptographic hash of a byte string (MurmurHash64A with a fixed seed), stored as
// events.doc_hash to find byte-identical documents. Stable across runs on little-endian hosts.
std::uint64_t hash64(std::string_view bytes);

} // namespace spoor::ingest
