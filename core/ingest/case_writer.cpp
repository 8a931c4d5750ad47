#include "ingest/case_writer.h"

#include "ingest/event_row.h"
#include "ingest/importer.h"
#include "store/database.h"
#include "store/event_indexes.h"

#include <chrono>
#include <ctime>

namespace spoor::ingest {

namespace {

constexpr const char* insertEventSql = R"sql(
INSERT INTO events (source_id, line, byte_offset, doc_index, doc_id, doc_hash, timestamp_ns, ingested_ns,
    sequence, event_id, category, event_type, action, dataset, host_id, host_name, os_type, user_id, user_name, pid,
    entity_id, process_name, executable, command_line, exit_code, parent_pid, parent_entity_id, parent_name, doc_block,
    doc_slot, id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,
    ?25, ?26, ?27, ?28, ?29, ?30, ?31)
)sql";

std::string utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

CaseWriter::CaseWriter(store::Database& db, std::size_t batchSize)
    : db_(db), batchSize_(batchSize > 0 ? batchSize : 1), documents_(db), keys_(db)
{
    // A 64 MiB page cache (SQLite's default is 2 MiB) keeps event_keys, which is written in random key order, in
    // memory for a load of a few million events.
    db_.exec("PRAGMA cache_size = -65536");
    // Checkpointing after 64 MiB of WAL (SQLite's default is 1000 pages) copies a page that many batches
    // change into the database once rather than at every small checkpoint. The destructor restores 1000.
    db_.exec("PRAGMA wal_autocheckpoint = 16384");
    {
        auto anyEvent = db_.prepare("SELECT EXISTS (SELECT 1 FROM events)");
        anyEvent.step();
        bulkLoad_ = anyEvent.int64(0) == 0;
    } // finalized here, because SQLite cannot drop an index while a statement reads the table
    // An import killed during a bulk load left the case without its read indexes; they are rebuilt here.
    if (bulkLoad_)
        store::dropEventIndexes(db_);
    else
        store::createEventIndexes(db_);
    insertEvent_ = db_.prepare(insertEventSql);
    insertError_ = db_.prepare("INSERT INTO import_errors (source_id, line, byte_offset, reason, field, message, "
                               "excerpt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insertSource_ = db_.prepare("INSERT INTO sources (path, sha256, size_bytes, format, compression, status, "
                                "imported_at) VALUES (?1, ?2, ?3, ?4, ?5, 'importing', ?6)");
    updateSource_ = db_.prepare("UPDATE sources SET sha256 = ?2, status = ?3, events = ?4, rejected = ?5, "
                                "duplicates = ?6, message = ?7 WHERE id = ?1");
    saveProgress_ = db_.prepare("UPDATE sources SET events = ?2, rejected = ?3, duplicates = ?4 WHERE id = ?1");
    nextEventId_ = db_.prepare("SELECT coalesce(max(id), 0) + 1 FROM events");
}

CaseWriter::~CaseWriter()
{
    try {
        documents_.discard();
        if (inTransaction_)
            db_.exec("ROLLBACK");
        db_.exec("PRAGMA wal_autocheckpoint = 1000");
    } catch (const store::StoreError&) {
        // The connection already rolled back, or is unusable; nothing is left to undo.
    }
}

std::optional<std::string> CaseWriter::findImported(std::string_view sha256)
{
    auto query = db_.prepare("SELECT id, imported_at FROM sources WHERE sha256 = ?1 AND status IN ('complete', "
                             "'incomplete') ORDER BY id LIMIT 1");
    query.bind(1, sha256);
    if (!query.step())
        return std::nullopt;
    return "source " + std::to_string(query.int64(0)) + ", imported at " + query.text(1);
}

bool CaseWriter::hasImportedSize(std::uint64_t sizeBytes)
{
    auto query =
        db_.prepare("SELECT 1 FROM sources WHERE size_bytes = ?1 AND status IN ('complete', 'incomplete') LIMIT 1");
    query.bind(1, static_cast<std::int64_t>(sizeBytes));
    return query.step();
}

std::optional<InterruptedSource> CaseWriter::findInterrupted(const std::string& path, std::uint64_t sizeBytes)
{
    auto query = db_.prepare("SELECT id, format, compression, status, events, rejected, duplicates FROM sources "
                             "WHERE path = ?1 AND size_bytes = ?2 AND status IN ('importing', 'cancelled') "
                             "ORDER BY id DESC LIMIT 1");
    query.bind(1, path).bind(2, static_cast<std::int64_t>(sizeBytes));
    if (!query.step())
        return std::nullopt;
    InterruptedSource source;
    source.id = query.int64(0);
    source.format = query.text(1);
    source.compression = query.text(2);
    source.status = query.text(3);
    source.events = static_cast<std::uint64_t>(query.int64(4));
    source.rejected = static_cast<std::uint64_t>(query.int64(5));
    source.duplicates = static_cast<std::uint64_t>(query.int64(6));
    return source;
}

void CaseWriter::beginIfNeeded()
{
    if (inTransaction_)
        return;
    db_.exec("BEGIN IMMEDIATE");
    inTransaction_ = true;
    // The id is known before the insert, because the event's duplicate keys refer to it. It is read again in
    // each transaction, as another connection may have added events between two.
    nextEventId_.step();
    nextId_ = nextEventId_.int64(0);
    nextEventId_.reset();
}

void CaseWriter::commit()
{
    if (!inTransaction_)
        return;
    documents_.flush();
    db_.exec("COMMIT");
    inTransaction_ = false;
    pendingRows_ = 0;
}

void CaseWriter::commitIfFull()
{
    if (pendingRows_ >= batchSize_)
        commit();
}

void CaseWriter::finishImport()
{
    commit();
    if (bulkLoad_)
        store::createEventIndexes(db_);
    bulkLoad_ = false;
}

std::int64_t CaseWriter::beginSource(const std::string& path, std::string_view sha256, std::uint64_t sizeBytes,
                                     std::string_view format, std::string_view compression)
{
    beginIfNeeded();
    insertSource_.bind(1, path)
        .bind(2, sha256)
        .bind(3, static_cast<std::int64_t>(sizeBytes))
        .bind(4, format)
        .bind(5, compression)
        .bind(6, utcNow());
    insertSource_.run();
    const std::int64_t id = db_.lastInsertRowId();
    commit();
    return id;
}

void CaseWriter::bindRow(const EventRow& row)
{
    store::Statement& s = insertEvent_;
    s.bind(2, static_cast<std::int64_t>(row.line)).bind(3, static_cast<std::int64_t>(row.byteOffset));
    s.bind(4, row.docIndex).bind(5, row.docId).bind(6, row.docHash);
    // The row's views outlive the insert, so SQLite may read them in place rather than copy them.
    s.bind(7, row.timestampNs).bind(8, row.ingestedNs).bind(9, row.sequence).bindStatic(10, row.eventId);
    s.bindStatic(11, row.category).bindStatic(12, row.eventType).bindStatic(13, row.action);
    s.bindStatic(14, row.dataset).bindStatic(15, row.hostId).bindStatic(16, row.hostName).bindStatic(17, row.osType);
    s.bindStatic(18, row.userId).bindStatic(19, row.userName).bind(20, row.pid).bindStatic(21, row.entityId);
    s.bindStatic(22, row.processName).bindStatic(23, row.executable).bindStatic(24, row.commandLine);
    s.bind(25, row.exitCode).bind(26, row.parentPid).bindStatic(27, row.parentEntityId);
    s.bindStatic(28, row.parentName);
}

bool CaseWriter::insertEvent(std::int64_t sourceId, const EventRow& row)
{
    beginIfNeeded();
    if (!keys_.claim(row, nextId_))
        return false;
    insertEvent_.bind(1, sourceId);
    bindRow(row);
    const store::DocumentRef ref = documents_.nextRef();
    insertEvent_.bind(29, ref.block).bind(30, ref.slot).bind(31, nextId_);
    insertEvent_.run();
    ++nextId_;
    documents_.append(row.document);
    ++pendingRows_;
    return true;
}

void CaseWriter::insertError(std::int64_t sourceId, const ImportError& error, std::string_view excerpt)
{
    beginIfNeeded();
    insertError_.bind(1, sourceId)
        .bind(2, static_cast<std::int64_t>(error.line))
        .bind(3, static_cast<std::int64_t>(error.byteOffset))
        .bind(4, error.reason);
    if (error.field.empty())
        insertError_.bindNull(5);
    else
        insertError_.bind(5, error.field);
    insertError_.bind(6, error.message).bindBlob(7, excerpt.data(), excerpt.size());
    insertError_.run();
    ++pendingRows_;
}

void CaseWriter::saveProgress(std::int64_t sourceId, const SourceSummary& summary)
{
    beginIfNeeded();
    saveProgress_.bind(1, sourceId)
        .bind(2, static_cast<std::int64_t>(summary.events))
        .bind(3, static_cast<std::int64_t>(summary.rejected))
        .bind(4, static_cast<std::int64_t>(summary.duplicates));
    saveProgress_.run();
}

void CaseWriter::finishSource(std::int64_t sourceId, std::string_view sha256, const SourceSummary& summary)
{
    beginIfNeeded();
    updateSource_.bind(1, sourceId)
        .bind(2, sha256)
        .bind(3, summary.status)
        .bind(4, static_cast<std::int64_t>(summary.events))
        .bind(5, static_cast<std::int64_t>(summary.rejected))
        .bind(6, static_cast<std::int64_t>(summary.duplicates));
    if (summary.message.empty())
        updateSource_.bindNull(7);
    else
        updateSource_.bind(7, summary.message);
    updateSource_.run();
    commit();
}

} // namespace spoor::ingest
