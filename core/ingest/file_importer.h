#pragma once

#include "ingest/importer.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace spoor::ingest {

class CaseWriter;
struct DecodedDocument;
struct RawDocument;

// Imports one file into the case: checks for a re-import, detects compression and format, decodes
// document by document, writes events and errors, and reports progress.
class FileImporter
{
public:
    FileImporter(CaseWriter& writer, const ImportOptions& options, std::size_t fileCount);

    // Imports the file. Returns its summary; a file that cannot be read or decoded has status "failed".
    SourceSummary importFile(const std::string& path, std::size_t fileIndex);

    // Why writing to the case failed, or empty. The import must stop once it is set.
    const std::string& caseError() const { return caseError_; }

private:
    struct Run;

    bool cancelRequested() const;
    void beginOrResumeSource(Run& run);
    void replayCommittedSteps(Run& run);
    void importDocuments(Run& run);
    void storeEvent(Run& run, const RawDocument& raw, DecodedDocument& decoded);
    void recordError(Run& run, ImportError error, bool eventKept);
    void finish(Run& run);
    void reportProgress(const Run& run, bool force);

    CaseWriter& writer_;
    const ImportOptions& options_;
    std::size_t fileCount_;
    std::chrono::steady_clock::time_point lastProgress_{};
    std::string caseError_;
};

} // namespace spoor::ingest
