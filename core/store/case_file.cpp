#include "store/case_file.h"

#include "store/document_store.h"
#include "store/schema.h"
#include "store/statement.h"

#include <chrono>
#include <sqlite3.h>
#include <thread>

namespace spoor::store {

namespace {

// Switches the file to WAL mode, which takes an exclusive lock on a file still in rollback mode. When two
// connections try that at once on a new case, each holds a shared lock that the other waits for, so SQLite
// returns SQLITE_BUSY without calling the busy handler. The switch is retried until the busy timeout, and is a
// no-op once another connection has made it.
void enableWriteAheadLog(Database& db)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busyTimeoutMilliseconds);
    for (;;) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const StoreError& error) {
            if ((error.sqliteCode() & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline)
                throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace

CaseFile CaseFile::open(const std::string& path, Access access)
{
    const auto mode = access == Access::ReadOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWriteCreate;
    Database db(path, mode);
    db.exec("PRAGMA foreign_keys = ON");
    if (access == Access::ReadWrite) {
        enableWriteAheadLog(db);
        db.exec("PRAGMA synchronous = NORMAL");
        migrate(db);
    } else {
        auto statement = db.prepare("PRAGMA user_version");
        statement.step();
        const auto version = statement.int64(0);
        if (version != currentSchemaVersion) {
            throw StoreError(path + " has case schema version " + std::to_string(version) + ", expected " +
                             std::to_string(currentSchemaVersion) + "; open it read-write once to migrate it");
        }
    }
    registerDocumentFunction(db);
    return CaseFile(std::move(db));
}

} // namespace spoor::store
