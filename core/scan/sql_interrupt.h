#pragma once

#include <atomic>

namespace spoor::store {
class Database;
class StoreError;
} // namespace spoor::store

namespace spoor::scan {

// While it lives, a cancel flag that becomes true interrupts the statement running on the connection, so a
// long sort or scan before the next row does not delay the cancel. The interrupted step throws
// store::StoreError, which isCancelInterrupt() recognises.
// NOTE: this replaces any progress handler installed on the connection, and the destructor removes it.
class SqlInterrupt
{
public:
    // `cancel` may be null, and then nothing is installed.
    SqlInterrupt(store::Database& db, const std::atomic<bool>* cancel);
    ~SqlInterrupt();
    SqlInterrupt(const SqlInterrupt&) = delete;
    SqlInterrupt& operator=(const SqlInterrupt&) = delete;

private:
    store::Database& db_;
    bool installed_ = false;
};

// True when the error is SQLite's interrupt and the cancel flag is set.
bool isCancelInterrupt(const store::StoreError& error, const std::atomic<bool>* cancel);

} // namespace spoor::scan
