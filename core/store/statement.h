#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace spoor::store {

class Database;

// A prepared statement. Parameters are 1-based, columns 0-based, as in SQLite's C API. Text is bound
// with SQLITE_TRANSIENT unless bindStatic is used. Move-only; finalizes in the destructor.
class Statement
{
public:
    Statement() = default;
    Statement(sqlite3_stmt* statement, const Database* db) : statement_(statement), db_(db) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, const void* data, std::size_t size);
    // Binds without copying, for hot insert paths: the text must stay valid until the statement is rebound,
    // reset or finalized.
    Statement& bindStatic(int index, std::string_view text);
    Statement& bindStatic(int index, const std::optional<std::string_view>& text)
    {
        return text ? bindStatic(index, *text) : bindNull(index);
    }
    Statement& bindNull(int index);
    template<typename T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Advances to the next row. Returns true when a row is available, false when done; throws StoreError
    // on failure (including an interrupt).
    bool step();

    // Runs a statement that returns no rows, then resets it for reuse.
    void run();

    // Clears the position and the bindings for the next execution.
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::string_view textView(int column) const; // valid until the next step or reset
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::optional<std::string> optionalText(int column) const;
    int columnCount() const;

    sqlite3_stmt* handle() const { return statement_; }

private:
    sqlite3_stmt* statement_ = nullptr;
    const Database* db_ = nullptr;
};

} // namespace spoor::store
