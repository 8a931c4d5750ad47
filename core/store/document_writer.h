#pragma once

#include "store/document_block.h"
#include "store/statement.h"

#include <cstdint>
#include <string_view>

namespace spoor::store {

class Database;

// Where an event's document is stored: events.doc_block and events.doc_slot.
struct DocumentRef
{
    std::int64_t block = 0;
    std::int64_t slot = 0;
};

// Packs documents into compressed rows of document_blocks, inside the caller's write transaction. The
// caller takes nextRef() for the events row, inserts it, then append()s the document, and calls flush()
// before each COMMIT so that every committed event has its committed block.
class DocumentWriter
{
public:
    // zstd level 1 is the fastest level that still compresses Elastic documents about 10:1 in 256 KiB
    // blocks (measured on generated Elastic Defend documents, see docs/benchmarks.md).
    static constexpr std::size_t defaultBlockBytes = 256 * 1024;
    static constexpr int defaultLevel = 1;

    explicit DocumentWriter(Database& db, std::size_t blockBytes = defaultBlockBytes, int level = defaultLevel);

    // Returns where the next append() will store its document.
    DocumentRef nextRef();

    // Adds a document at nextRef(), and writes the block once it holds blockBytes of text.
    void append(std::string_view document);

    // Writes the partial block, if any. Throws StoreError when the insert fails.
    void flush();

    // Drops the documents not yet written, after the caller rolled its transaction back.
    void discard();

private:
    Database& db_;
    std::size_t blockBytes_;
    BlockBuilder builder_;
    std::int64_t blockId_ = 0; // 0 until the first document of the block
    Statement insert_;
};

} // namespace spoor::store
