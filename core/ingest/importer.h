#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ingest {

// Progress of one import, reported from the importing thread.
struct ImportProgress
{
    std::string path;                 // the file being read
    std::uint64_t bytesRead = 0;      // of the file as stored (compressed bytes for .gz/.zst)
    std::uint64_t bytesTotal = 0;     // size of the file as stored, 0 when unknown (a pipe)
    std::uint64_t eventsImported = 0; // in this file so far
    std::uint64_t rejected = 0;       // in this file so far
    std::size_t fileIndex = 0;        // 0-based index of the file among all files of this import
    std::size_t fileCount = 0;
};

// One rejected line or document, as stored in the import_errors table.
struct ImportError
{
    std::string path;
    std::uint64_t line = 0;       // 1-based; 0 when the format has no lines
    std::uint64_t byteOffset = 0; // in the decompressed stream
    std::string reason;           // short code, e.g. "invalid-json", "not-an-object", "invalid-utf8"
    std::string field;            // offending field, or empty
    std::string message;          // human-readable explanation
    std::string excerpt;          // the first 200 bytes of the line or document
    bool eventKept = false;       // a warning: the event was imported, e.g. with invalid UTF-8 replaced
};

struct SourceSummary
{
    std::string path;
    std::string format;      // e.g. "ndjson", "ndjson-hits", "search-response"
    std::string compression; // "none", "gzip", "zstd"
    std::string status;      // "complete", "incomplete", "cancelled", "failed", "skipped" (already imported)
    std::string message;     // why the source is not complete, e.g. where a gzip stream broke
    std::uint64_t events = 0;
    std::uint64_t rejected = 0;
    std::uint64_t duplicates = 0;
    std::map<std::string, std::uint64_t> rejectedByReason;
    std::uint64_t warnings = 0; // events imported with a problem, e.g. a hot column left empty
    std::map<std::string, std::uint64_t> warningsByReason;
    // Lines or documents already read by an earlier import of this file that was killed or cancelled. The
    // import resumed after them, and the counts above include what that earlier import committed.
    std::uint64_t resumedAfter = 0;
    // Events among `events` that the interrupted import had committed; the rest were imported by this run.
    std::uint64_t resumedEvents = 0;
};

struct ImportSummary
{
    std::vector<SourceSummary> sources;
    std::uint64_t events() const;
    std::uint64_t resumedEvents() const; // events of resumed files that interrupted imports had committed
    std::uint64_t rejected() const;
    std::uint64_t duplicates() const;
    bool cancelled = false;
    // Set when writing to the case failed (a full disk, an I/O error). The import stopped there; the
    // batches committed before were kept, and the same import run again resumes the file.
    std::string caseError;
    bool anyFailed() const;     // true when a file could not be read or was not a supported format, or caseError
    bool anyIncomplete() const; // true when a file was read only up to a break, e.g. a truncated gzip stream
};

struct ImportOptions
{
    std::size_t batchSize = 20000;                       // events per transaction
    bool force = false;                                  // re-import a file whose SHA-256 is already in the case
    std::function<void(const ImportProgress&)> progress; // called at most about ten times per second
    std::function<void(const ImportError&)> error;       // called for every rejected line or document
    const std::atomic<bool>* cancel = nullptr;           // checked between documents; cancels cleanly
    std::size_t maxDocumentBytes = 64 * 1024 * 1024;     // longer lines or documents are rejected unread
    std::string timeZone; // of CSV dates without a UTC offset, see TimeZone::load; empty reads them as UTC
};

// Imports dump files (or folders of them, recursively) into a case. Each file is streamed: detected
// by content, decompressed, decoded document by document and written in batched transactions, so
// memory stays bounded whatever the file size. Bad lines are recorded in import_errors and skipped.
// Runs on the calling thread; the GUI calls it from a worker thread with its own CaseFile.
ImportSummary importPaths(store::CaseFile& caseFile, const std::vector<std::string>& paths,
                          const ImportOptions& options = {});

} // namespace spoor::ingest
