#pragma once

#include "ingest/document_reader.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace spoor::ingest {

class StreamBuffer;

// Returns the position of a record's end marker in `available`, or std::string_view::npos when the bytes contain
// none. A finder that keeps state (CSV quotes) is called again on each next block of the same record.
using RecordEndFinder = std::function<std::size_t(std::string_view available)>;

// Consumes the record at the buffer's cursor, which is over a reader's size limit, block by block without
// holding it whole. Returns an issue with `reason` that names the record's line, byte offset and first bytes,
// and sets `length` to the record's size without its end marker. The caller writes the issue's message.
ReadIssue skipOverlongRecord(StreamBuffer& buffer, std::string reason, const RecordEndFinder& findEnd,
                             std::uint64_t& length);

} // namespace spoor::ingest
