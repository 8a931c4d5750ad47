#pragma once

#include "ecs/document_parser.h"
#include "ecs/event.h"
#include "scan/sequence_candidates.h"
#include "store/document_store.h"

#include <span>
#include <string>
#include <vector>

namespace spoor::scan {

// Parses the documents of a batch of events in the order of their blocks and returns the events in the batch's
// order. Reading a batch of events in time order block by block decompresses each of its blocks once, however
// far the time order strays from the import order (event.ingested trails @timestamp by seconds).
class DocumentBatch
{
public:
    // The connection must stay open while the batch is used. `fields` are the dotted paths to parse.
    DocumentBatch(const store::Database& db, std::vector<std::string> fields);

    // Parses the documents. Throws store::StoreError when a block is missing or damaged.
    void parse(std::span<const CandidateDocument> documents);

    // Returns the event of documents[i] of the last parse(), valid until the next parse().
    const ecs::Event& event(std::size_t i) const { return events_[i]; }

private:
    store::DocumentStore store_;
    ecs::DocumentParser parser_;
    std::vector<ecs::Event> events_;
    std::vector<std::size_t> blockOrder_;
};

} // namespace spoor::scan
