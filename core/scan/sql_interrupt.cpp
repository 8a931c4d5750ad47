#include "scan/sql_interrupt.h"

#include "store/database.h"

#include <sqlite3.h>

namespace spoor::scan {

namespace {

// SQLite calls the handler every this many virtual machine instructions; a few thousand instructions take
// well under a millisecond (an estimate, at tens of nanoseconds per instruction).
constexpr int progressInterval = 4096;

int interruptWhenCancelled(void* cancel)
{
    return static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

} // namespace

SqlInterrupt::SqlInterrupt(store::Database& db, const std::atomic<bool>* cancel) : db_(db)
{
    if (!cancel)
        return;
    void* flag = const_cast<std::atomic<bool>*>(cancel);
    sqlite3_progress_handler(db_.handle(), progressInterval, interruptWhenCancelled, flag);
    installed_ = true;
}

SqlInterrupt::~SqlInterrupt()
{
    if (installed_)
        sqlite3_progress_handler(db_.handle(), 0, nullptr, nullptr);
}

bool isCancelInterrupt(const store::StoreError& error, const std::atomic<bool>* cancel)
{
    return error.sqliteCode() == SQLITE_INTERRUPT && cancel && cancel->load();
}

} // namespace spoor::scan
