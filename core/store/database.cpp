#include "store/database.h"

#include "store/statement.h"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>
#include <utility>

namespace spoor::store {

namespace {

std::string errorText(sqlite3* handle)
{
    return handle ? sqlite3_errmsg(handle) : "out of memory";
}

// Escapes a file path for an SQLite URI, where '%', '?' and '#' have a meaning.
std::string percentEncoded(const std::string& path)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '%' || c == '?' || c == '#' || byte < 0x20) {
            encoded += '%';
            encoded += digits[byte >> 4];
            encoded += digits[byte & 0xf];
        } else {
            encoded += c;
        }
    }
    return encoded;
}

} // namespace

std::string busyMessage(const std::string& path)
{
    return "the case file " + path + " is busy: another import, rule run or program has been writing to it for " +
           std::to_string(busyTimeoutMilliseconds / 1000) + " s; run this again once it has finished";
}

Database::Database(const std::string& path, Mode mode) : path_(path)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const int rc = sqlite3_open_v2(path.c_str(), &handle_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = "cannot open case file " + path + ": " + errorText(handle_);
        sqlite3_close_v2(handle_);
        handle_ = nullptr;
        throw StoreError(message, rc);
    }
    sqlite3_busy_timeout(handle_, busyTimeoutMilliseconds);
    if (mode == Mode::ReadOnly)
        reopenImmutableIfUnreadable();
}

// A read-only connection to a database in WAL mode must create the -shm file next to it, so it cannot read a
// case in a read-only folder. With no write-ahead log to apply, an immutable connection reads the file without
// that. NOTE: it then misses changes that a user allowed to write to the folder makes while it is open.
void Database::reopenImmutableIfUnreadable()
{
    const int rc = sqlite3_exec(handle_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    const int primary = rc & 0xff;
    if (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN)
        return;
    sqlite3_close_v2(handle_);
    handle_ = nullptr;
    std::error_code error;
    if (std::filesystem::file_size(path_ + "-wal", error) > 0 && !error) {
        throw StoreError("cannot read case file " + path_ + ": its folder is read-only and its write-ahead log " +
                             path_ + "-wal contains changes not yet in the file; open the case once where its folder " +
                             "is writable, or copy the folder to a writable place",
                         rc);
    }
    const std::string uri = "file:" + percentEncoded(path_) + "?immutable=1";
    const int reopened =
        sqlite3_open_v2(uri.c_str(), &handle_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
                                                   SQLITE_OPEN_EXRESCODE, nullptr);
    if (reopened != SQLITE_OK) {
        const std::string message = "cannot open case file " + path_ + " read-only: " + errorText(handle_);
        sqlite3_close_v2(handle_);
        handle_ = nullptr;
        throw StoreError(message, reopened);
    }
}

Database::~Database()
{
    if (handle_)
        sqlite3_close_v2(handle_);
}

Database::Database(Database&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), path_(std::move(other.path_))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        if (handle_)
            sqlite3_close_v2(handle_);
        handle_ = std::exchange(other.handle_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

void Database::exec(std::string_view sql)
{
    char* error = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : errorText(handle_);
        sqlite3_free(error);
        if ((rc & 0xff) == SQLITE_BUSY)
            throw StoreError(busyMessage(path_) + " (" + message + ")", rc);
        throw StoreError(message + " (in " + path_ + ")", rc);
    }
}

Statement Database::prepare(std::string_view sql) const
{
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (rc != SQLITE_OK)
        throw StoreError("cannot prepare SQL: " + errorText(handle_) + ": " + std::string(sql), rc);
    return Statement(statement, this);
}

long long Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(handle_);
}

int Database::changes() const
{
    return sqlite3_changes(handle_);
}

void Database::interrupt()
{
    if (handle_)
        sqlite3_interrupt(handle_);
}

Transaction::Transaction(Database& db, bool immediate) : db_(db)
{
    db_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction()
{
    if (open_) {
        try {
            db_.exec("ROLLBACK");
        } catch (const StoreError&) {
            // The connection already rolled back (for instance after SQLITE_FULL); nothing is left to undo.
        }
    }
}

void Transaction::commit()
{
    db_.exec("COMMIT");
    open_ = false;
}

} // namespace spoor::store
