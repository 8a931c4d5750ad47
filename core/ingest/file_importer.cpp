#include "ingest/file_importer.h"

#include "ingest/byte_source.h"
#include "ingest/case_writer.h"
#include "ingest/csv_reader.h"
#include "ingest/document_decoder.h"
#include "ingest/document_reader.h"
#include "ingest/input_format.h"
#include "ingest/sha256.h"
#include "ingest/stream_buffer.h"
#include "store/database.h"

#include <memory>
#include <stdexcept>

namespace spoor::ingest {

namespace {

constexpr auto progressInterval = std::chrono::milliseconds(100);

} // namespace

// The state of one file's import.
struct FileImporter::Run
{
    SourceSummary summary;
    std::size_t fileIndex = 0;
    std::unique_ptr<FileInput> file;
    std::unique_ptr<ByteSource> source;
    std::unique_ptr<StreamBuffer> buffer;
    std::unique_ptr<DocumentReader> reader;
    std::string sha256;
    std::int64_t sourceId = 0;
    bool cancelled = false;
};

FileImporter::FileImporter(CaseWriter& writer, const ImportOptions& options, std::size_t fileCount)
    : writer_(writer), options_(options), fileCount_(fileCount)
{}

bool FileImporter::cancelRequested() const
{
    return options_.cancel && options_.cancel->load(std::memory_order_relaxed);
}

void FileImporter::reportProgress(const Run& run, bool force)
{
    if (!options_.progress)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - lastProgress_ < progressInterval)
        return;
    lastProgress_ = now;
    ImportProgress progress;
    progress.path = run.summary.path;
    progress.bytesRead = run.file ? run.file->bytesRead() : 0;
    progress.bytesTotal = run.file ? run.file->size() : 0;
    progress.eventsImported = run.summary.events;
    progress.rejected = run.summary.rejected;
    progress.fileIndex = run.fileIndex;
    progress.fileCount = fileCount_;
    options_.progress(progress);
}

void FileImporter::recordError(Run& run, ImportError error, bool eventKept)
{
    error.path = run.summary.path;
    error.eventKept = eventKept;
    if (eventKept) {
        ++run.summary.warnings;
        ++run.summary.warningsByReason[error.reason];
    } else {
        ++run.summary.rejected;
        ++run.summary.rejectedByReason[error.reason];
    }
    writer_.insertError(run.sourceId, error, error.excerpt);
    if (options_.error)
        options_.error(error);
}

void FileImporter::storeEvent(Run& run, const RawDocument& raw, DecodedDocument& decoded)
{
    for (auto& warning : decoded.warnings) {
        ImportError error;
        error.line = decoded.row.line;
        error.byteOffset = decoded.row.byteOffset;
        error.reason = std::move(warning.reason);
        error.field = std::move(warning.field);
        error.message = std::move(warning.message);
        error.excerpt = excerptOf(raw.input);
        recordError(run, std::move(error), true);
    }
    if (writer_.insertEvent(run.sourceId, decoded.row))
        ++run.summary.events;
    else
        ++run.summary.duplicates;
}

void FileImporter::importDocuments(Run& run)
{
    RawDocument raw;
    ReadIssue issue;
    DocumentDecoder decoder;
    DecodedDocument decoded;
    Rejection rejection;
    for (;;) {
        if (cancelRequested()) {
            run.cancelled = true;
            return;
        }
        const auto step = run.reader->next(raw, issue);
        if (step == DocumentReader::Step::End)
            return;
        if (step == DocumentReader::Step::Issue) {
            recordError(run, {{}, issue.line, issue.byteOffset, issue.reason, {}, issue.message, issue.excerpt}, false);
        } else if (!decoder.decode(raw, decoded, rejection)) {
            recordError(run,
                        {{},
                         raw.line,
                         raw.byteOffset,
                         rejection.reason,
                         rejection.field,
                         rejection.message,
                         excerptOf(raw.input)},
                        false);
        } else {
            storeEvent(run, raw, decoded);
        }
        writer_.commitIfFull();
        reportProgress(run, false);
    }
}

void FileImporter::finish(Run& run)
{
    SourceSummary& summary = run.summary;
    if (run.cancelled) {
        summary.status = "cancelled";
        summary.message = "the import was cancelled; the events read before were kept";
    } else if (!run.source->breakMessage().empty()) {
        summary.status = "incomplete";
        summary.message = run.source->breakMessage();
    } else if (!run.reader->stopMessage().empty()) {
        summary.status = "incomplete";
        summary.message = run.reader->stopMessage();
    } else {
        summary.status = "complete";
    }
    // NOTE: a cancelled source keeps an empty sha256, because hashing the rest of a large file would delay
    // the cancel. A cancelled source never counts as an earlier import anyway.
    if (run.sha256.empty() && !run.cancelled)
        run.sha256 = run.file->finishHash();
    writer_.finishSource(run.sourceId, run.sha256, summary);
}

SourceSummary FileImporter::importFile(const std::string& path, std::size_t fileIndex)
{
    Run run;
    run.summary.path = path;
    run.fileIndex = fileIndex;
    try {
        run.file = std::make_unique<FileInput>(path);
        if (writer_.hasImportedSize(run.file->size())) {
            run.sha256 = sha256OfFile(path);
            if (auto previous = writer_.findImported(run.sha256); previous && !options_.force) {
                run.summary.status = "skipped";
                run.summary.message = "already imported (" + *previous + "); force a re-import to read it again";
                return run.summary;
            }
        }
        reportProgress(run, true);
        run.source = openByteSource(*run.file);
        run.summary.compression = run.source->compression();
        run.buffer = std::make_unique<StreamBuffer>(*run.source);
        const FormatDetection detection = detectFormat(*run.buffer);
        if (!detection.format) {
            run.summary.format = "unknown";
            run.summary.status = "failed";
            run.summary.message = "not a supported format (" + detection.unsupported + ")";
            if (!run.source->breakMessage().empty())
                run.summary.message += "; " + run.source->breakMessage();
            if (run.sha256.empty())
                run.sha256 = run.file->finishHash();
            run.sourceId =
                writer_.beginSource(path, run.sha256, run.file->size(), run.summary.format, run.summary.compression);
            writer_.finishSource(run.sourceId, run.sha256, run.summary);
            return run.summary;
        }
        run.summary.format = formatName(*detection.format);
        run.sourceId =
            writer_.beginSource(path, run.sha256, run.file->size(), run.summary.format, run.summary.compression);
        run.reader = makeDocumentReader(*detection.format, *run.buffer, options_.maxDocumentBytes);
        applyTimeZoneOption(*run.reader, options_.timeZone);
        importDocuments(run);
        finish(run);
    } catch (const std::exception& error) {
        run.summary.status = "failed";
        run.summary.message = error.what();
        if (run.sourceId != 0) {
            try {
                writer_.finishSource(run.sourceId, run.sha256, run.summary);
            } catch (const store::StoreError&) {
                // The case itself failed (for instance, the disk is full); the summary still reports the file.
            }
        }
    }
    reportProgress(run, true);
    return run.summary;
}

} // namespace spoor::ingest
