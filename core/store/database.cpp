#include "store/database.h"

#include "store/statement.h"

#include <sqlite3.h>

#include <utility>

namespace spoor::store {

namespace {

std::string errorText(sqlite3* handle)
{
    return handle ? sqlite3_errmsg(handle) : "out of memory";
}

} // namespace

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
    sqlite3_busy_timeout(handle_, 5000);
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
