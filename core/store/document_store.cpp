#include "store/document_store.h"

#include "store/database.h"
#include "store/document_block.h"
#include "store/statement.h"

#include <algorithm>
#include <sqlite3.h>

namespace spoor::store {

DocumentStore::DocumentStore(const Database& db, std::size_t cachedBlocks)
    : handle_(db.handle()), path_(db.path()), capacity_(std::max<std::size_t>(cachedBlocks, 1))
{}

DocumentStore::~DocumentStore() = default;

Statement DocumentStore::prepareRead(const char* sql, std::int64_t id) const
{
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(handle_, sql, -1, &raw, nullptr) != SQLITE_OK)
        throw StoreError("cannot prepare SQL: " + std::string(sqlite3_errmsg(handle_)) + ": " + sql + " (in " + path_ +
                         ")");
    Statement statement(raw, nullptr);
    statement.bind(1, id);
    return statement;
}

std::optional<std::string_view> DocumentStore::document(std::int64_t eventId)
{
    Statement select = prepareRead("SELECT doc_block, doc_slot FROM events WHERE id = ?1", eventId);
    if (!select.step())
        return std::nullopt;
    return document(select.int64(0), select.int64(1));
}

std::string_view DocumentStore::document(std::int64_t blockId, std::int64_t slot)
{
    const DecodedBlock& decoded = block(blockId);
    try {
        if (slot < 0)
            throw BlockFormatError("document block " + std::to_string(blockId) + " has no slot " +
                                   std::to_string(slot));
        return decoded.document(static_cast<std::size_t>(slot));
    } catch (const BlockFormatError& error) {
        throw StoreError(path_ + ": " + error.what());
    }
}

const DecodedBlock& DocumentStore::block(std::int64_t blockId)
{
    const auto cached =
        std::find_if(cache_.begin(), cache_.end(), [blockId](const auto& b) { return b->id() == blockId; });
    if (cached != cache_.end()) {
        std::rotate(cache_.begin(), cached, cached + 1);
        return *cache_.front();
    }

    Statement select = prepareRead("SELECT data FROM document_blocks WHERE id = ?1", blockId);
    if (!select.step())
        throw StoreError(path_ + ": document block " + std::to_string(blockId) +
                         " is missing; the case is damaged, so import its sources into a new case");
    const auto* data = static_cast<const char*>(sqlite3_column_blob(select.handle(), 0));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(select.handle(), 0));
    std::shared_ptr<const DecodedBlock> decoded;
    try {
        decoded = std::make_shared<const DecodedBlock>(blockId, std::string_view(data ? data : "", size));
    } catch (const BlockFormatError& error) {
        throw StoreError(path_ + ": " + error.what() + "; import its sources into a new case");
    }
    if (cache_.size() == capacity_)
        cache_.pop_back();
    cache_.insert(cache_.begin(), std::move(decoded));
    return *cache_.front();
}

namespace {

void eventDocument(sqlite3_context* context, int, sqlite3_value** arguments)
{
    if (sqlite3_value_type(arguments[0]) == SQLITE_NULL || sqlite3_value_type(arguments[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    auto* store = static_cast<DocumentStore*>(sqlite3_user_data(context));
    try {
        const std::string_view text =
            store->document(sqlite3_value_int64(arguments[0]), sqlite3_value_int64(arguments[1]));
        sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } catch (const std::exception& error) {
        sqlite3_result_error(context, error.what(), -1);
    }
}

void deleteStore(void* store)
{
    delete static_cast<DocumentStore*>(store);
}

} // namespace

void registerDocumentFunction(Database& db)
{
    auto store = std::make_unique<DocumentStore>(db, 4);
    const int rc = sqlite3_create_function_v2(db.handle(), "event_document", 2, SQLITE_UTF8, store.get(), eventDocument,
                                              nullptr, nullptr, deleteStore);
    store.release(); // SQLite calls deleteStore, even when the registration failed
    if (rc != SQLITE_OK)
        throw StoreError("cannot register event_document on " + db.path() + ": " + sqlite3_errmsg(db.handle()), rc);
}

} // namespace spoor::store
