#include "ingest/importer.h"

#include "ingest/case_writer.h"
#include "ingest/file_importer.h"
#include "ingest/input_files.h"
#include "store/case_file.h"

namespace spoor::ingest {

std::uint64_t ImportSummary::events() const
{
    std::uint64_t total = 0;
    for (const auto& source : sources)
        total += source.events;
    return total;
}

std::uint64_t ImportSummary::resumedEvents() const
{
    std::uint64_t total = 0;
    for (const auto& source : sources)
        total += source.resumedEvents;
    return total;
}

std::uint64_t ImportSummary::rejected() const
{
    std::uint64_t total = 0;
    for (const auto& source : sources)
        total += source.rejected;
    return total;
}

std::uint64_t ImportSummary::duplicates() const
{
    std::uint64_t total = 0;
    for (const auto& source : sources)
        total += source.duplicates;
    return total;
}

bool ImportSummary::anyFailed() const
{
    if (!caseError.empty())
        return true;
    for (const auto& source : sources) {
        if (source.status == "failed")
            return true;
    }
    return false;
}

bool ImportSummary::anyIncomplete() const
{
    for (const auto& source : sources) {
        if (source.status == "incomplete")
            return true;
    }
    return false;
}

ImportSummary importPaths(store::CaseFile& caseFile, const std::vector<std::string>& paths,
                          const ImportOptions& options)
{
    ImportSummary summary;
    const std::vector<InputFile> files = collectInputFiles(paths);
    CaseWriter writer(caseFile.db(), options.batchSize);
    FileImporter importer(writer, options, files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const InputFile& file = files[i];
        if (!file.error.empty()) {
            SourceSummary failed;
            failed.path = file.path;
            failed.status = "failed";
            failed.message = file.error;
            summary.sources.push_back(std::move(failed));
            continue;
        }
        summary.sources.push_back(importer.importFile(file.path, i));
        if (!importer.caseError().empty()) {
            summary.caseError = importer.caseError();
            break;
        }
        if (summary.sources.back().status == "cancelled") {
            summary.cancelled = true;
            break;
        }
    }
    // After a failed write the open batch may hold part of its rows, so it must not be committed: the
    // writer's destructor rolls it back, and the next import rebuilds what finishImport() would.
    if (summary.caseError.empty())
        writer.finishImport();
    return summary;
}

} // namespace spoor::ingest
