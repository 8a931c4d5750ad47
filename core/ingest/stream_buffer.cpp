#include "ingest/stream_buffer.h"

#include "ingest/byte_source.h"

#include <algorithm>
#include <cstring>

namespace spoor::ingest {

StreamBuffer::StreamBuffer(ByteSource& source, std::size_t blockSize)
    : source_(source), blockSize_(blockSize), data_(2 * blockSize)
{}

bool StreamBuffer::readMore()
{
    if (ended_)
        return false;
    if (begin_ > 0 && data_.size() - end_ < blockSize_) {
        std::memmove(data_.data(), data_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (data_.size() - end_ < blockSize_)
        data_.resize(std::max(data_.size() * 2, end_ + blockSize_));
    const std::size_t count = source_.read(data_.data() + end_, data_.size() - end_);
    if (count == 0) {
        ended_ = true;
        return false;
    }
    end_ += count;
    return true;
}

std::size_t StreamBuffer::fill(std::size_t count)
{
    while (end_ - begin_ < count && readMore()) {
    }
    return end_ - begin_;
}

void StreamBuffer::consume(std::size_t count)
{
    const char* start = data_.data() + begin_;
    consumeCounted(count, static_cast<std::uint64_t>(std::count(start, start + count, '\n')));
}

void StreamBuffer::consumeCounted(std::size_t count, std::uint64_t newlines)
{
    begin_ += count;
    offset_ += count;
    line_ += newlines;
    if (begin_ == end_) {
        begin_ = 0;
        end_ = 0;
    }
}

} // namespace spoor::ingest
