#pragma once

#include "ingest/byte_source.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace spoor::fuzz {

// Input bytes as an uncompressed stream, handed out in pieces of at most `blockSize` bytes. A small odd
// block size splits lines, records and strings across buffer refills at every possible place.
class MemorySource : public ingest::ByteSource
{
public:
    MemorySource(std::string_view bytes, std::size_t blockSize) : bytes_(bytes), blockSize_(blockSize) {}

    std::size_t read(char* out, std::size_t size) override
    {
        const std::size_t count = std::min({size, blockSize_, bytes_.size() - position_});
        std::memcpy(out, bytes_.data() + position_, count);
        position_ += count;
        return count;
    }

    const char* compression() const override { return "none"; }

private:
    std::string_view bytes_;
    std::size_t blockSize_;
    std::size_t position_ = 0;
};

} // namespace spoor::fuzz
