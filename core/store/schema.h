#pragma once

namespace spoor::store {

class Database;

// The schema version this build writes, stored in PRAGMA user_version.
constexpr int currentSchemaVersion = 2;

// Creates the schema in an empty database or migrates an older one to currentSchemaVersion, in one
// transaction. Throws StoreError when the file is newer than this build or is not a case file.
void migrate(Database& db);

} // namespace spoor::store
