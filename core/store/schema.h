#pragma once

namespace spoor::store {

class Database;

// The schema version this build writes, stored in PRAGMA user_version.
// Version 4 changes no table: it marks cases whose duplicate keys live in event_keys (ingest::EventKeys creates
// and fills that table), so that builds which kept them in unique indexes refuse to import into such a case.
constexpr int currentSchemaVersion = 4;

// Creates the schema in an empty database or migrates an older one to currentSchemaVersion, in one
// transaction. A version 2 case has its documents compressed into blocks, which takes about as long as
// an import; the file keeps its size until VACUUM. Throws StoreError when the file is newer than this build or is not a case file.
void migrate(Database& db);

} // namespace spoor::store
