#pragma once

#include "store/database.h"

#include <string>

namespace spoor::store {

// Opens a case file (an SQLite database in WAL mode) and brings its schema up to date. Each thread
// that reads or writes the case opens its own CaseFile on the same path.
class CaseFile
{
public:
    enum class Access { ReadOnly, ReadWrite };

    // Opens the case, creating it when access is ReadWrite and the file does not exist. Throws
    // StoreError when the file cannot be opened, is not a case file, or has a newer schema.
    static CaseFile open(const std::string& path, Access access = Access::ReadWrite);

    Database& db() { return db_; }
    const std::string& path() const { return db_.path(); }

private:
    explicit CaseFile(Database db) : db_(std::move(db)) {}
    Database db_;
};

} // namespace spoor::store
