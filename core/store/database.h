#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;

namespace spoor::store {

class Statement;

// Raised for any SQLite failure; the message contains SQLite's error text and the statement or file.
class StoreError : public std::runtime_error
{
public:
    StoreError(const std::string& message, int sqliteCode = 0) : std::runtime_error(message), code_(sqliteCode) {}
    int sqliteCode() const { return code_; }

private:
    int code_;
};

// Time a connection waits for another connection's lock before its statement fails with SQLITE_BUSY.
constexpr int busyTimeoutMilliseconds = 5000;

// Returns the error message for SQLITE_BUSY on the case file at `path`, which names what holds the lock and
// what to do.
std::string busyMessage(const std::string& path);

// One SQLite connection. A connection belongs to one thread at a time; other threads may only call
// interrupt(). Move-only.
class Database
{
public:
    enum class Mode { ReadOnly, ReadWrite, ReadWriteCreate };

    Database() = default;
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const { return handle_ != nullptr; }
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return handle_; }

    // Runs one or more statements without results. Throws StoreError on failure.
    void exec(std::string_view sql);

    // Prepares one statement. Throws StoreError when the SQL is invalid.
    Statement prepare(std::string_view sql) const;

    long long lastInsertRowId() const;
    int changes() const;

    // Makes the statement running on this connection fail with SQLITE_INTERRUPT. Safe from any thread.
    void interrupt();

private:
    void reopenImmutableIfUnreadable();

    sqlite3* handle_ = nullptr;
    std::string path_;
};

// Commits on commit(), rolls back in the destructor otherwise.
class Transaction
{
public:
    explicit Transaction(Database& db, bool immediate = true);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool open_ = true;
};

} // namespace spoor::store
