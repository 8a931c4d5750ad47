#pragma once

#include "ingest/document_decoder.h"
#include "ingest/document_reader.h"

#include <cstddef>
#include <functional>
#include <string>

namespace spoor::fuzz {

// Throws std::logic_error with the message when `condition` is false: a result broke the library's contract.
void require(bool condition, const std::string& message);

// Returns one decoder for every run: its simdjson parser allocates on construction.
ingest::DocumentDecoder& sharedDecoder();

enum class LineOrder {
    Ascending, // every step's line is at or after the previous step's
    Any,       // documents may start before earlier ones, as audit events that complete out of order do
};

// Reads every step of `reader` over an input of `inputSize` bytes and checks what the importer relies on from
// every reader: the steps end, every issue has a reason and a message and lies inside the input, and lines
// ascend when `order` asks for it. Passes each document to `checkDocument`.
void readAllSteps(ingest::DocumentReader& reader, std::size_t inputSize, LineOrder order,
                  const std::function<void(const ingest::RawDocument&)>& checkDocument);

} // namespace spoor::fuzz
