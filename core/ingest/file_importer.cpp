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

// Appends the JSON path and byte offset of a document that is an array element, because every hit of a one-line
// _search response has the same line number.
std::string locatedMessage(std::string message, const RawDocument& raw)
{
    if (raw.jsonPath.empty())
        return message;
    return message + " (" + raw.jsonPath + ", byte offset " + std::to_string(raw.byteOffset) + ")";
}

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
    std::uint64_t stepsToReplay = 0;     // reader steps that an interrupted import of this file committed
    std::uint64_t committedRejected = 0; // rejections among them
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
        error.message = locatedMessage(std::move(warning.message), raw);
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
                         locatedMessage(rejection.message, raw),
                         excerptOf(raw.input)},
                        false);
        } else {
            storeEvent(run, raw, decoded);
        }
        if (writer_.batchFull()) {
            writer_.saveProgress(run.sourceId, run.summary);
            writer_.commit();
        }
        reportProgress(run, false);
    }
}

// Every reader step ends as one event, one duplicate or one rejection, so the three counts that the last
// committed batch stored give the number of steps to skip. Skipped documents are decoded again, without
// writing, to restore the counts by reason.
void FileImporter::replayCommittedSteps(Run& run)
{
    RawDocument raw;
    ReadIssue issue;
    DocumentDecoder decoder;
    DecodedDocument decoded;
    Rejection rejection;
    SourceSummary& summary = run.summary;
    summary.rejected = 0;
    for (std::uint64_t step = 0; step < run.stepsToReplay; ++step) {
        if (cancelRequested()) {
            summary.rejected = run.committedRejected;
            run.cancelled = true;
            return;
        }
        const auto kind = run.reader->next(raw, issue);
        if (kind == DocumentReader::Step::End) {
            summary.rejected = run.committedRejected;
            throw std::runtime_error(summary.path + ": the file ends before the " + std::to_string(run.stepsToReplay) +
                                     " lines or documents that the interrupted import read, so it changed since");
        }
        if (kind == DocumentReader::Step::Issue) {
            ++summary.rejected;
            ++summary.rejectedByReason[issue.reason];
        } else if (!decoder.decode(raw, decoded, rejection)) {
            ++summary.rejected;
            ++summary.rejectedByReason[rejection.reason];
        } else {
            summary.warnings += decoded.warnings.size();
            for (const auto& warning : decoded.warnings)
                ++summary.warningsByReason[warning.reason];
        }
        reportProgress(run, false);
    }
    summary.resumedAfter = run.stepsToReplay;
}

// Resumes the latest killed or cancelled import of the same path and size when its format matches, and
// starts a new source otherwise. NOTE: the path and size identify the file, because its SHA-256 is known
// only after it was read. A file rewritten with the same size is caught only when it has fewer documents.
void FileImporter::beginOrResumeSource(Run& run)
{
    const auto interrupted = writer_.findInterrupted(run.summary.path, run.file->size());
    if (interrupted && interrupted->format == run.summary.format &&
        interrupted->compression == run.summary.compression) {
        run.sourceId = interrupted->id;
        run.summary.events = interrupted->events;
        run.summary.resumedEvents = interrupted->events;
        run.summary.duplicates = interrupted->duplicates;
        run.committedRejected = interrupted->rejected;
        run.stepsToReplay = interrupted->events + interrupted->rejected + interrupted->duplicates;
        return;
    }
    if (interrupted) {
        SourceSummary abandoned;
        abandoned.status = "failed";
        abandoned.message = "the " + interrupted->status + " import was not resumed because the file is now " +
                            run.summary.format + " (" + run.summary.compression + "), no longer " +
                            interrupted->format + " (" + interrupted->compression + ")";
        abandoned.events = interrupted->events;
        abandoned.rejected = interrupted->rejected;
        abandoned.duplicates = interrupted->duplicates;
        writer_.finishSource(interrupted->id, "", abandoned);
    }
    run.sourceId = writer_.beginSource(run.summary.path, run.sha256, run.file->size(), run.summary.format,
                                       run.summary.compression);
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
        beginOrResumeSource(run);
        run.reader = makeDocumentReader(*detection.format, *run.buffer, options_.maxDocumentBytes, path);
        applyTimeZoneOption(*run.reader, options_.timeZone);
        replayCommittedSteps(run);
        importDocuments(run);
        finish(run);
    } catch (const store::StoreError& error) {
        // The source stays 'importing' with the counts of its last committed batch, so that the same import
        // run again resumes it. Nothing more is written, since importPaths stops and the writer's destructor
        // rolls back the open batch.
        run.summary.status = "failed";
        run.summary.message = std::string("writing to the case failed (") + error.what() +
                              "); the batches committed before were kept, so run the same import again to "
                              "resume it once the cause is fixed";
        caseError_ = run.summary.message;
    } catch (const std::exception& error) {
        run.summary.status = "failed";
        run.summary.message = error.what();
        if (run.sourceId != 0) {
            try {
                writer_.finishSource(run.sourceId, run.sha256, run.summary);
            } catch (const store::StoreError& storeError) {
                caseError_ = std::string("writing to the case failed (") + storeError.what() + ")";
            }
        }
    }
    reportProgress(run, true);
    return run.summary;
}

} // namespace spoor::ingest
