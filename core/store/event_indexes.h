#pragma once

namespace spoor::store {

class Database;

// The secondary indexes of the events table that serve reads: by source and line, by time, by process
// entity and by host. An import into an empty case drops them and builds them after its last batch,
// because building an index from sorted keys is several times faster than updating it row by row.
void dropEventIndexes(Database& db);

// Creates those of the indexes that are missing; a no-op when all exist.
void createEventIndexes(Database& db);

} // namespace spoor::store
