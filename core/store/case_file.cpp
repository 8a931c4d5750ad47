#include "store/case_file.h"

#include "store/document_store.h"
#include "store/schema.h"
#include "store/statement.h"

namespace spoor::store {

CaseFile CaseFile::open(const std::string& path, Access access)
{
    const auto mode = access == Access::ReadOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWriteCreate;
    Database db(path, mode);
    db.exec("PRAGMA foreign_keys = ON");
    if (access == Access::ReadWrite) {
        db.exec("PRAGMA journal_mode = WAL");
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
