#include "store/event_indexes.h"

#include "store/database.h"

namespace spoor::store {

void dropEventIndexes(Database& db)
{
    db.exec("DROP INDEX IF EXISTS events_by_source; DROP INDEX IF EXISTS events_by_time;"
            " DROP INDEX IF EXISTS events_by_entity; DROP INDEX IF EXISTS events_by_host;");
}

void createEventIndexes(Database& db)
{
    // The same definitions as in the version 1 schema.
    db.exec("CREATE INDEX IF NOT EXISTS events_by_source ON events (source_id, line);"
            "CREATE INDEX IF NOT EXISTS events_by_time ON events (timestamp_ns);"
            "CREATE INDEX IF NOT EXISTS events_by_entity ON events (entity_id);"
            "CREATE INDEX IF NOT EXISTS events_by_host ON events (host_id, timestamp_ns);");
}

} // namespace spoor::store
