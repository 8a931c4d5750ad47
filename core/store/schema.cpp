#include "store/schema.h"

#include "store/database.h"
#include "store/document_writer.h"
#include "store/statement.h"

#include <string>
#include <utility>
#include <vector>

namespace spoor::store {

namespace {

// Version 1. Times are nanoseconds since the Unix epoch (UTC); "row" columns are events.id.
constexpr const char* schemaVersion1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per imported input file.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,             -- of the bytes as stored on disk (compressed or not)
    size_bytes  INTEGER NOT NULL,
    format      TEXT NOT NULL,             -- detected format, e.g. 'ndjson', 'ndjson-hits', 'search-response'
    compression TEXT NOT NULL,             -- 'none', 'gzip', 'zstd'
    status      TEXT NOT NULL,             -- 'importing', 'complete', 'incomplete', 'cancelled', 'failed'
    imported_at TEXT NOT NULL,             -- ISO-8601 UTC
    events      INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    message     TEXT                       -- why the source is incomplete or failed
);

-- One row per event, in import order. The hot columns copy ECS fields for joins, ordering and the
-- views; document holds the original JSON text exactly as read.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES sources(id),
    line             INTEGER,              -- 1-based line in the decompressed input
    byte_offset      INTEGER,              -- of the document in the decompressed input
    doc_index        TEXT,                 -- _index of a search hit
    doc_id           TEXT,                 -- _id of a search hit
    doc_hash         INTEGER NOT NULL,     -- 64-bit hash of the document text, for duplicate detection
    timestamp_ns     INTEGER,              -- @timestamp
    ingested_ns      INTEGER,              -- event.ingested
    sequence         INTEGER,              -- event.sequence
    event_id         TEXT,                 -- event.id
    category         TEXT,                 -- event.category, elements joined with ','
    event_type       TEXT,                 -- event.type, elements joined with ','
    action           TEXT,                 -- event.action
    dataset          TEXT,                 -- data_stream.dataset, else event.dataset
    host_id          TEXT,
    host_name        TEXT,
    os_type          TEXT,                 -- host.os.type
    user_id          TEXT,
    user_name        TEXT,
    pid              INTEGER,
    entity_id        TEXT,                 -- process.entity_id
    process_name     TEXT,
    executable       TEXT,
    command_line     TEXT,
    exit_code        INTEGER,
    parent_pid       INTEGER,
    parent_entity_id TEXT,
    parent_name      TEXT,
    document         TEXT NOT NULL
);

-- Lines or documents that could not be imported.
CREATE TABLE import_errors (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    line        INTEGER,
    byte_offset INTEGER,
    reason      TEXT NOT NULL,             -- short code: 'invalid-json', 'not-an-object', 'invalid-utf8', ...
    field       TEXT,                      -- the offending field, when one is to blame
    message     TEXT NOT NULL,
    excerpt     BLOB                       -- the first 200 bytes of the rejected input
);

-- One row per process generation (fork and exec of one pid are two rows), built after import.
CREATE TABLE processes (
    id              INTEGER PRIMARY KEY,
    host_id         TEXT,
    host_name       TEXT,
    entity_key      TEXT NOT NULL,         -- process.entity_id, else 'host|pid|start' (inferred)
    entity_inferred INTEGER NOT NULL,      -- 1 when entity_key was built without process.entity_id
    parent_key      TEXT,
    parent_id       INTEGER,               -- processes.id of the parent, NULL when outside the dump
    pid             INTEGER,
    parent_pid      INTEGER,
    name            TEXT,
    executable      TEXT,
    command_line    TEXT,
    user_name       TEXT,
    start_ns        INTEGER,
    end_ns          INTEGER,
    exit_code       INTEGER,
    first_event     INTEGER,               -- events.id
    start_event     INTEGER,               -- the exec or fork event that created the generation
    end_event       INTEGER
);

-- Every rule version used in this case.
CREATE TABLE rules (
    id           INTEGER PRIMARY KEY,
    rule_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    updated_date TEXT NOT NULL,
    query_hash   TEXT NOT NULL,            -- SHA-256 of the query text
    language     TEXT NOT NULL,
    severity     TEXT,
    risk_score   INTEGER,
    origin       TEXT NOT NULL,            -- file path, or 'builtin:...'
    toml         TEXT NOT NULL,
    UNIQUE (rule_id, updated_date, query_hash)
);

CREATE TABLE rule_runs (
    id                  INTEGER PRIMARY KEY,
    rule                INTEGER NOT NULL REFERENCES rules(id),
    started_at          TEXT NOT NULL,
    finished_at         TEXT,
    status              TEXT NOT NULL,     -- 'running', 'complete', 'cancelled', 'failed'
    timestamp_field     TEXT NOT NULL,
    events_scanned      INTEGER NOT NULL DEFAULT 0,
    timestamp_fallbacks INTEGER NOT NULL DEFAULT 0, -- events ordered by @timestamp for lack of timestamp_field
    findings            INTEGER NOT NULL DEFAULT 0,
    message             TEXT
);

-- One row per matched sequence or event.
CREATE TABLE findings (
    id             INTEGER PRIMARY KEY,
    run            INTEGER NOT NULL REFERENCES rule_runs(id),
    rule           INTEGER NOT NULL REFERENCES rules(id),
    first_ns       INTEGER,
    last_ns        INTEGER,
    host_id        TEXT,
    host_name      TEXT,
    user_id        TEXT,
    user_name      TEXT,
    join_keys      TEXT NOT NULL,          -- JSON array, in the order of the query's by clauses
    verdict        TEXT,                   -- NULL, 'benign' or 'malicious'
    verdict_reason TEXT
);

CREATE TABLE finding_events (
    finding INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    step    INTEGER NOT NULL,              -- 0-based position in the sequence
    event   INTEGER REFERENCES events(id), -- NULL for a missing-event position
    PRIMARY KEY (finding, step)
);

CREATE TABLE bookmarks (
    id         INTEGER PRIMARY KEY,
    event      INTEGER NOT NULL REFERENCES events(id),
    created_at TEXT NOT NULL,
    note       TEXT
);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL,             -- 'event', 'finding', 'process', 'case'
    target_id   INTEGER,
    created_at  TEXT NOT NULL,
    text        TEXT NOT NULL
);

CREATE INDEX events_by_source ON events (source_id, line);
CREATE INDEX events_by_time ON events (timestamp_ns);
CREATE INDEX events_by_entity ON events (entity_id);
CREATE INDEX events_by_host ON events (host_id, timestamp_ns);
CREATE INDEX import_errors_by_source ON import_errors (source_id, line);
CREATE INDEX processes_by_parent ON processes (parent_id);
CREATE INDEX processes_by_key ON processes (entity_key);
CREATE INDEX findings_by_rule ON findings (rule);
CREATE INDEX finding_events_by_event ON finding_events (event);
)sql";

// Version 2: exclusions turn an analyst's benign verdict on a group of findings into a rule for later runs.
constexpr const char* schemaVersion2 = R"sql(
CREATE TABLE exclusions (
    id         INTEGER PRIMARY KEY,
    rule_id    TEXT NOT NULL,              -- rules.rule_id; applies to every version of the rule
    step       INTEGER,                    -- 0-based step whose event is compared; NULL for host.name, user.name
    field      TEXT NOT NULL,              -- 'process.command_line', 'process.executable', 'process.name',
                                           -- 'process.parent.command_line', 'host.name' or 'user.name'
    value      TEXT NOT NULL,
    normalized INTEGER NOT NULL DEFAULT 0, -- 1: compared after digit runs in temp paths become '#'
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL               -- ISO-8601 UTC
);

CREATE INDEX exclusions_by_rule ON exclusions (rule_id);
)sql";

// Version 3: the original documents move from events.document into zstd-compressed blocks of many
// documents, which take about a tenth of the space (see DocumentWriter).
constexpr const char* schemaVersion3 = R"sql(
CREATE TABLE document_blocks (
    id    INTEGER PRIMARY KEY,
    count INTEGER NOT NULL,                -- documents in the block
    data  BLOB NOT NULL                    -- one zstd frame, laid out as BlockBuilder describes
);

ALTER TABLE events ADD COLUMN doc_block INTEGER NOT NULL DEFAULT 0; -- document_blocks.id
ALTER TABLE events ADD COLUMN doc_slot INTEGER NOT NULL DEFAULT 0;  -- 0-based position in the block
)sql";

// Events are copied in chunks, so that the documents of one chunk are in memory at a time.
constexpr int migrationChunk = 10000;

// Moves every events.document of a version 2 case into document_blocks, then drops the column.
void moveDocumentsToBlocks(Database& db)
{
    DocumentWriter writer(db);
    auto select = db.prepare("SELECT id, document FROM events WHERE id > ?1 ORDER BY id LIMIT ?2");
    auto update = db.prepare("UPDATE events SET doc_block = ?2, doc_slot = ?3 WHERE id = ?1");
    std::vector<std::pair<std::int64_t, std::string>> chunk;
    std::int64_t lastId = 0;
    do {
        chunk.clear();
        select.bind(1, lastId).bind(2, migrationChunk);
        while (select.step())
            chunk.emplace_back(select.int64(0), select.text(1));
        select.reset();
        for (const auto& [id, document] : chunk) {
            const DocumentRef ref = writer.nextRef();
            writer.append(document);
            update.bind(1, id).bind(2, ref.block).bind(3, ref.slot);
            update.run();
            lastId = id;
        }
    } while (chunk.size() == migrationChunk);
    writer.flush();
    db.exec("ALTER TABLE events DROP COLUMN document");
}

int userVersion(Database& db)
{
    auto statement = db.prepare("PRAGMA user_version");
    statement.step();
    return static_cast<int>(statement.int64(0));
}

bool isEmpty(Database& db)
{
    auto statement = db.prepare("SELECT count(*) FROM sqlite_schema");
    statement.step();
    return statement.int64(0) == 0;
}

void rejectNewerVersion(Database& db, int version)
{
    if (version > currentSchemaVersion) {
        throw StoreError(db.path() + " has case schema version " + std::to_string(version) +
                         ", newer than this Spoor build supports (" + std::to_string(currentSchemaVersion) +
                         "); open it with a newer Spoor");
    }
}

} // namespace

void migrate(Database& db)
{
    const int versionBefore = userVersion(db);
    if (versionBefore == currentSchemaVersion)
        return;
    rejectNewerVersion(db, versionBefore);

    // BEGIN IMMEDIATE waits, up to the busy timeout, for another connection that is creating or migrating the
    // same case. That connection may have finished meanwhile, so the version is read again under the write lock,
    // and in the same snapshot as the check for tables of another program.
    Transaction transaction(db);
    const int version = userVersion(db);
    if (version == currentSchemaVersion)
        return;
    rejectNewerVersion(db, version);
    if (version == 0 && !isEmpty(db))
        throw StoreError(db.path() + " is an SQLite database but not a Spoor case file");
    if (version < 1)
        db.exec(schemaVersion1);
    if (version < 2)
        db.exec(schemaVersion2);
    if (version < 3) {
        db.exec(schemaVersion3);
        moveDocumentsToBlocks(db);
    }
    db.exec("PRAGMA user_version = " + std::to_string(currentSchemaVersion));
    transaction.commit();
}

} // namespace spoor::store
