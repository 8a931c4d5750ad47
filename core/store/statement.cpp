#include "store/statement.h"

#include "store/database.h"

#include <sqlite3.h>

#include <utility>

namespace spoor::store {

namespace {

void check(int rc, const Statement& statement, const char* what)
{
    if (rc == SQLITE_OK)
        return;
    sqlite3* db = sqlite3_db_handle(statement.handle());
    throw StoreError(std::string(what) + " failed: " + sqlite3_errmsg(db), rc);
}

} // namespace

Statement::~Statement()
{
    if (statement_)
        sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)), db_(std::exchange(other.db_, nullptr))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        if (statement_)
            sqlite3_finalize(statement_);
        statement_ = std::exchange(other.statement_, nullptr);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    check(sqlite3_bind_int64(statement_, index, value), *this, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    check(sqlite3_bind_double(statement_, index, value), *this, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    check(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), *this,
          "bind");
    return *this;
}

Statement& Statement::bindStatic(int index, std::string_view text)
{
    check(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8), *this,
          "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    check(sqlite3_bind_blob64(statement_, index, data, size, SQLITE_TRANSIENT), *this, "bind");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    check(sqlite3_bind_null(statement_, index), *this, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3* db = sqlite3_db_handle(statement_);
    std::string message = std::string("SQL statement failed: ") + sqlite3_errmsg(db) + ": " + sqlite3_sql(statement_);
    if ((rc & 0xff) == SQLITE_BUSY && db_)
        message = busyMessage(db_->path()) + " (" + message + ")";
    sqlite3_reset(statement_);
    throw StoreError(message, rc);
}

void Statement::run()
{
    step();
    reset();
}

void Statement::reset()
{
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(statement_, column);
}

std::string Statement::text(int column) const
{
    return std::string(textView(column));
}

std::string_view Statement::textView(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (!data)
        return {};
    return std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

std::optional<std::string> Statement::optionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(statement_);
}

} // namespace spoor::store
