#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace spoor::ingest {

class ByteSource;

// A read buffer over a ByteSource with a cursor that tracks its decompressed byte offset and line.
// Bytes before the cursor may be discarded, so memory contains only what the caller still reads.
class StreamBuffer
{
public:
    explicit StreamBuffer(ByteSource& source, std::size_t blockSize = 1 << 20);

    // Reads until at least `count` bytes follow the cursor or the stream ends. Returns the number of
    // bytes available from the cursor.
    std::size_t fill(std::size_t count);

    // Reads one more block. Returns false when the stream has ended.
    bool readMore();

    // The buffered bytes from the cursor on; valid until the next fill, readMore or consume.
    std::string_view available() const { return {data_.data() + begin_, end_ - begin_}; }

    // Advances the cursor by `count` buffered bytes, counting the newlines it passes.
    void consume(std::size_t count);

    // Advances the cursor by `count` bytes that are known to hold `newlines` newline characters.
    void consumeCounted(std::size_t count, std::uint64_t newlines);

    bool ended() const { return ended_; }
    bool exhausted() const { return ended_ && begin_ == end_; }
    std::uint64_t offset() const { return offset_; }
    std::uint64_t line() const { return line_; }

private:
    ByteSource& source_;
    std::size_t blockSize_;
    std::vector<char> data_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::uint64_t offset_ = 0;
    std::uint64_t line_ = 1;
    bool ended_ = false;
};

} // namespace spoor::ingest
