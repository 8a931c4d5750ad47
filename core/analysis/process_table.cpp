#include "analysis/process_table.h"

#include "analysis/event_document.h"
#include "analysis/process_generations.h"
#include "store/case_file.h"
#include "store/database.h"
#include "store/statement.h"

#include <string>

namespace spoor::analysis {

namespace {

constexpr const char* selectProcessEvents = R"sql(
SELECT id, host_id, host_name, timestamp_ns, pid, parent_pid, entity_id, parent_entity_id, process_name,
       executable, command_line, user_name, exit_code, action, category, event_type
FROM events
WHERE pid IS NOT NULL OR entity_id IS NOT NULL
ORDER BY host_id, timestamp_ns, sequence, id
)sql";

constexpr const char* insertProcess = R"sql(
INSERT INTO processes (host_id, host_name, entity_key, entity_inferred, parent_key, pid, parent_pid, name,
                       executable, command_line, user_name, start_ns, end_ns, exit_code, first_event,
                       start_event, end_event, id, parent_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql";

// Resolves the parents that appear after their children in the event order.
constexpr const char* resolveLateParents = R"sql(
UPDATE processes SET parent_id = (
    SELECT parent.id FROM processes AS parent
    WHERE parent.entity_key = processes.parent_key AND parent.host_id IS processes.host_id
          AND parent.id <> processes.id
    ORDER BY parent.id LIMIT 1)
WHERE parent_id IS NULL AND parent_key IS NOT NULL
)sql";

// The read indexes of processes are dropped while the table is filled and built afterwards, which packs them
// and spares an update per row. processes_by_parent_start serves every lookup by parent_id, so the schema's
// processes_by_parent is not built again. processes_by_key stays, because the build looks keys up.
constexpr const char* dropIndexes = R"sql(
DROP INDEX IF EXISTS processes_by_parent;
DROP INDEX IF EXISTS processes_by_host_parent;
DROP INDEX IF EXISTS processes_by_parent_start;
DROP INDEX IF EXISTS processes_by_host_pid;
DROP INDEX IF EXISTS processes_by_name_host;
)sql";

// The partial indexes on events stay small: they hold only the sshd network events.
constexpr const char* createIndexes = R"sql(
CREATE INDEX IF NOT EXISTS processes_by_host_parent ON processes (host_id, parent_id, start_ns);
CREATE INDEX IF NOT EXISTS processes_by_parent_start ON processes (parent_id, start_ns);
CREATE INDEX IF NOT EXISTS processes_by_host_pid ON processes (host_id, pid, start_ns);
CREATE INDEX IF NOT EXISTS processes_by_name_host ON processes (name, host_id);
CREATE INDEX IF NOT EXISTS events_connection_accepted ON events (host_id, pid, timestamp_ns)
    WHERE action = 'connection_accepted';
CREATE INDEX IF NOT EXISTS events_disconnect_received ON events (host_id, pid, timestamp_ns)
    WHERE action = 'disconnect_received';
)sql";

// Page cache of the connection while the table is built, in KiB.
constexpr int buildCacheKib = 64 * 1024;

// Sets the connection's page cache size and restores the previous size on destruction.
class CacheSizeScope
{
public:
    CacheSizeScope(store::Database& db, int kib) : db_(db)
    {
        auto statement = db.prepare("PRAGMA cache_size");
        statement.step();
        previous_ = statement.int64(0);
        db.exec("PRAGMA cache_size = -" + std::to_string(kib));
    }
    ~CacheSizeScope()
    {
        try {
            db_.exec("PRAGMA cache_size = " + std::to_string(previous_));
        } catch (const store::StoreError&) {
            // The connection keeps working with the larger cache, which costs memory only.
        }
    }
    CacheSizeScope(const CacheSizeScope&) = delete;
    CacheSizeScope& operator=(const CacheSizeScope&) = delete;

private:
    store::Database& db_;
    std::int64_t previous_ = 0;
};

// Number of events between two looks at the cancel flag.
constexpr int cancelCheckInterval = 4096;

class TableSink : public GenerationSink
{
public:
    explicit TableSink(store::Database& db)
        : db_(db), insert_(db.prepare(insertProcess)),
          find_(db.prepare("SELECT id FROM processes WHERE entity_key = ? AND host_id IS ? ORDER BY id LIMIT 1"))
    {}

    void write(const ProcessGeneration& generation) override
    {
        insert_.bind(1, generation.hostId).bind(2, generation.hostName).bind(3, generation.key);
        insert_.bind(4, generation.inferred ? 1 : 0).bind(5, generation.parentKey).bind(6, generation.pid);
        insert_.bind(7, generation.parentPid).bind(8, generation.name).bind(9, generation.executable);
        insert_.bind(10, generation.commandLine).bind(11, generation.userName).bind(12, generation.startNs);
        insert_.bind(13, generation.endNs).bind(14, generation.exitCode).bind(15, generation.firstEvent);
        insert_.bind(16, generation.startEvent).bind(17, generation.endEvent);
        insert_.bind(18, generation.id).bind(19, generation.parentId);
        insert_.run();
    }

    std::optional<std::int64_t> find(const std::optional<std::string>& hostId, const std::string& key) override
    {
        find_.bind(1, key).bind(2, hostId);
        const auto id = find_.step() ? std::optional<std::int64_t>(find_.int64(0)) : std::nullopt;
        find_.reset();
        return id;
    }

    std::optional<std::int64_t> processStart(std::int64_t eventId) override
    {
        const auto document = loadEventDocument(db_, eventId);
        return document ? timeField(*document, "process.start") : std::nullopt;
    }

private:
    store::Database& db_;
    store::Statement insert_;
    store::Statement find_;
};

ProcessEventRow readRow(const store::Statement& statement)
{
    ProcessEventRow row;
    row.eventId = statement.int64(0);
    row.hostId = statement.optionalText(1);
    row.hostName = statement.optionalText(2);
    row.timestampNs = statement.optionalInt64(3);
    row.pid = statement.optionalInt64(4);
    row.parentPid = statement.optionalInt64(5);
    row.entityId = statement.optionalText(6);
    row.parentEntityId = statement.optionalText(7);
    row.name = statement.optionalText(8);
    row.executable = statement.optionalText(9);
    row.commandLine = statement.optionalText(10);
    row.userName = statement.optionalText(11);
    row.exitCode = statement.optionalInt64(12);
    row.action = statement.optionalText(13);
    row.category = statement.optionalText(14);
    row.eventType = statement.optionalText(15);
    return row;
}

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Feeds the events to one tracker per host in turn. Returns false when cancelled.
bool trackAllHosts(store::Database& db, GenerationSink& sink, const std::atomic<bool>* cancel)
{
    auto events = db.prepare(selectProcessEvents);
    // The table was just cleared, so ids start at 1.
    HostGenerationTracker tracker(sink, 1);
    std::optional<std::string> currentHost;
    bool first = true;
    int sinceCheck = 0;
    while (events.step()) {
        if (++sinceCheck == cancelCheckInterval) {
            sinceCheck = 0;
            if (cancelled(cancel))
                return false;
        }
        ProcessEventRow row = readRow(events);
        if (first || row.hostId != currentHost) {
            tracker.finish();
            currentHost = row.hostId;
            first = false;
        }
        tracker.add(row);
    }
    tracker.finish();
    return !cancelled(cancel);
}

} // namespace

// Memory: the 64 MiB page cache, a sorter of up to the same size while the indexes are built, and the
// tracker's live processes with a bounded set of ended pids (162 MB at 9.8 million events). NOTE: the single
// transaction grows the WAL with the table, and looking pages up in that WAL takes a fifth of the build.
void buildProcessTable(store::CaseFile& caseFile, const std::atomic<bool>* cancel)
{
    store::Database& db = caseFile.db();
    // The key lookups hit the processes being written; a larger page cache keeps them off the disk.
    CacheSizeScope cache(db, buildCacheKib);
    store::Transaction transaction(db);
    db.exec(dropIndexes);
    db.exec("DELETE FROM processes");
    {
        TableSink sink(db);
        if (!trackAllHosts(db, sink, cancel))
            return;
    }
    db.exec(resolveLateParents);
    db.exec(createIndexes);
    transaction.commit();
    // Statistics from 1000 rows of each index let later queries choose between indexes. On a case of a million
    // events this took 0.2 CPU seconds. NOTE: the queries were tuned on cases without statistics.
    db.exec("PRAGMA analysis_limit = 1000; ANALYZE");
}

} // namespace spoor::analysis
