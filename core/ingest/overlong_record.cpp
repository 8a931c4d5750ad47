#include "ingest/overlong_record.h"

#include "ingest/stream_buffer.h"

namespace spoor::ingest {

ReadIssue skipOverlongRecord(StreamBuffer& buffer, std::string reason, const RecordEndFinder& findEnd,
                             std::uint64_t& length)
{
    ReadIssue issue;
    issue.reason = std::move(reason);
    issue.line = buffer.line();
    issue.byteOffset = buffer.offset();
    issue.excerpt = excerptOf(buffer.available());
    length = 0;
    for (;;) {
        const std::string_view available = buffer.available();
        const std::size_t end = findEnd(available);
        if (end != std::string_view::npos) {
            length += end;
            buffer.consume(end + 1);
            break;
        }
        length += available.size();
        buffer.consume(available.size());
        if (!buffer.readMore())
            break;
    }
    return issue;
}

} // namespace spoor::ingest
