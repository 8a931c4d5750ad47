#include "ingest/hash64.h"

#include <cstring>

namespace spoor::ingest {

std::uint64_t hash64(std::string_view bytes)
{
    constexpr std::uint64_t multiplier = 0xc6a4a7935bd1e995ULL;
    constexpr int shift = 47;
    constexpr std::uint64_t seed = 0x5370'6f6f'7231ULL;

    std::uint64_t hash = seed ^ (bytes.size() * multiplier);
    const char* data = bytes.data();
    const std::size_t wordCount = bytes.size() / 8;
    for (std::size_t i = 0; i < wordCount; ++i) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + 8 * i, 8);
        word *= multiplier;
        word ^= word >> shift;
        word *= multiplier;
        hash ^= word;
        hash *= multiplier;
    }

    const auto* tail = reinterpret_cast<const unsigned char*>(data + 8 * wordCount);
    const std::size_t tailSize = bytes.size() & 7;
    if (tailSize > 0) {
        std::uint64_t rest = 0;
        for (std::size_t i = 0; i < tailSize; ++i)
            rest |= std::uint64_t(tail[i]) << (8 * i);
        hash ^= rest;
        hash *= multiplier;
    }

    hash ^= hash >> shift;
    hash *= multiplier;
    hash ^= hash >> shift;
    return hash;
}

} // namespace spoor::ingest
