#pragma once

#include "store/statement.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace spoor::store {

class Database;
class DecodedBlock;

// Reads the original documents of events from the document_blocks table, the one way to read them. The
// last few decoded blocks are kept, so reading events in or near import order decompresses each block once.
// Statements are prepared per call and finalized before it returns, so a store may outlive the statements of
// its connection (the SQL function event_document keeps one until the connection closes).
// NOTE: cached blocks are never reread. That holds because a committed block is never updated, but a block
// read inside a transaction that is then rolled back stays cached under an id that a later block reuses.
class DocumentStore
{
public:
    // The connection must stay open while the store is used; moving the Database object is fine.
    explicit DocumentStore(const Database& db, std::size_t cachedBlocks = 8);
    ~DocumentStore();
    DocumentStore(const DocumentStore&) = delete;
    DocumentStore& operator=(const DocumentStore&) = delete;

    // Returns the document of the event, or nullopt when the case has no such event. Throws StoreError
    // when its block is missing or corrupt. The view is valid until the next call on this store.
    std::optional<std::string_view> document(std::int64_t eventId);

    // Returns the document at events.doc_block, events.doc_slot, for readers that select those columns.
    // Throws StoreError when the block is missing or corrupt or has no such slot.
    std::string_view document(std::int64_t blockId, std::int64_t slot);

private:
    // Prepares a statement whose only parameter is `id`, without keeping it (see the class comment).
    Statement prepareRead(const char* sql, std::int64_t id) const;
    const DecodedBlock& block(std::int64_t blockId);

    sqlite3* handle_;
    std::string path_;
    std::size_t capacity_;
    std::vector<std::shared_ptr<const DecodedBlock>> cache_; // the most recently used first
};

// Registers the SQL function event_document(doc_block, doc_slot) on the connection: it returns the
// document text at that position, or NULL when either argument is NULL, and fails the statement when the
// block is missing or corrupt. CaseFile::open registers it on every connection.
void registerDocumentFunction(Database& db);

} // namespace spoor::store
