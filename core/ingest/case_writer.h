#pragma once

#include "ingest/event_keys.h"
#include "store/document_writer.h"
#include "store/statement.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spoor::store {
class Database;
class Transaction;
} // namespace spoor::store

namespace spoor::ingest {

struct EventRow;
struct ImportError;
struct SourceSummary;

// A source whose import stopped before its end: killed (status 'importing') or cancelled. Its counts are
// those of its last committed batch.
struct InterruptedSource
{
    std::int64_t id = 0;
    std::string format;
    std::string compression;
    std::string status;
    std::uint64_t events = 0;
    std::uint64_t rejected = 0;
    std::uint64_t duplicates = 0;
};

// Writes sources, events and import_errors rows in batched transactions. Duplicate events are not
// inserted: same _index and _id, same event.id on the same host.id, or the same document hash (EventKeys).
class CaseWriter
{
public:
    CaseWriter(store::Database& db, std::size_t batchSize);
    ~CaseWriter();
    CaseWriter(const CaseWriter&) = delete;
    CaseWriter& operator=(const CaseWriter&) = delete;

    // Returns "source N, imported at T" when a complete or incomplete source with this SHA-256 exists.
    std::optional<std::string> findImported(std::string_view sha256);

    // Returns true when a complete or incomplete source has this size, so the file must be hashed
    // before importing to see whether it is a re-import.
    bool hasImportedSize(std::uint64_t sizeBytes);

    // Returns the latest source with this path and size whose import was killed or cancelled, if any.
    std::optional<InterruptedSource> findInterrupted(const std::string& path, std::uint64_t sizeBytes);

    // Inserts a sources row with status 'importing' and commits it. Returns its id.
    std::int64_t beginSource(const std::string& path, std::string_view sha256, std::uint64_t sizeBytes,
                             std::string_view format, std::string_view compression);

    // Inserts an event in the current batch. Returns false when it is a duplicate.
    bool insertEvent(std::int64_t sourceId, const EventRow& row);

    void insertError(std::int64_t sourceId, const ImportError& error, std::string_view excerpt);

    // Writes the final counts and status of a source, and commits.
    void finishSource(std::int64_t sourceId, std::string_view sha256, const SourceSummary& summary);

    // Stores the counts of a source being imported in the current batch, so that the batch's commit
    // records how far the import got and an interrupted import can resume from there.
    void saveProgress(std::int64_t sourceId, const SourceSummary& summary);

    bool batchFull() const { return pendingRows_ >= batchSize_; }

    // Commits the current batch when it is full.
    void commitIfFull();
    void commit();

    // Commits, then builds the events indexes when this writer dropped them for a bulk load into an empty
    // case. Call it once after the last file.
    void finishImport();

private:
    void beginIfNeeded();
    void bindRow(const EventRow& row);

    store::Database& db_;
    std::size_t batchSize_;
    std::size_t pendingRows_ = 0;
    bool inTransaction_ = false;
    bool bulkLoad_ = false;           // the events indexes were dropped because the case had no events
    store::DocumentWriter documents_; // the original documents, flushed before each commit
    EventKeys keys_;
    std::int64_t nextId_ = 0; // events.id of the next event, valid inside a transaction
    store::Statement insertEvent_;
    store::Statement insertError_;
    store::Statement insertSource_;
    store::Statement updateSource_;
    store::Statement saveProgress_;
    store::Statement nextEventId_;
};

} // namespace spoor::ingest
