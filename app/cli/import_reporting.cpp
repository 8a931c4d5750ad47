#include "import_reporting.h"

#include "count_text.h"
#include "ingest/interrupted_imports.h"
#include "report/text_escape.h"
#include "store/case_file.h"

#include <map>
#include <memory>
#include <ostream>

namespace spoor::cli {

namespace {

constexpr std::uint64_t maxErrorsPerFile = 20;

std::string describeCounts(const std::map<std::string, std::uint64_t>& countsByReason)
{
    std::string text;
    for (const auto& [reason, count] : countsByReason)
        text += (text.empty() ? "" : ", ") + reason + ": " + std::to_string(count);
    return text;
}

} // namespace

ingest::ImportOptions importOptionsPrintingTo(std::ostream& err)
{
    ingest::ImportOptions options;
    auto printedPerFile = std::make_shared<std::map<std::string, std::uint64_t>>();
    options.error = [&err, printedPerFile](const ingest::ImportError& error) {
        const std::uint64_t printed = ++(*printedPerFile)[error.path];
        if (printed > maxErrorsPerFile) {
            if (printed == maxErrorsPerFile + 1)
                err << report::escapeControlCharacters(error.path)
                    << ": more rejected lines follow; the import summary counts them all\n";
            return;
        }
        err << report::escapeControlCharacters(error.path) << ':';
        if (error.line > 0)
            err << error.line << ':';
        err << ' ' << error.reason;
        if (!error.field.empty())
            err << " (field " << report::escapeControlCharacters(error.field) << ')';
        err << ": " << report::escapeControlCharacters(error.message) << '\n';
    };
    return options;
}

void warnAboutInterruptedImports(store::CaseFile& caseFile, std::ostream& err)
{
    for (const auto& source : ingest::findInterruptedImports(caseFile.db()))
        err << report::escapeControlCharacters(ingest::describeInterruptedImport(source, caseFile.path())) << '\n';
}

void printImportSummary(const ingest::ImportSummary& summary, std::ostream& out)
{
    for (const auto& source : summary.sources) {
        out << report::escapeControlCharacters(source.path) << ": " << source.status << ", "
            << countText(source.events, "event", "events") << " imported";
        if (source.resumedEvents > 0)
            out << " (" << source.events - source.resumedEvents << " by this run, " << source.resumedEvents
                << " by the interrupted import)";
        out << ", " << source.rejected << " rejected";
        if (!source.rejectedByReason.empty())
            out << " (" << describeCounts(source.rejectedByReason) << ')';
        out << ", " << countText(source.duplicates, "duplicate", "duplicates") << " skipped";
        if (source.warnings > 0)
            out << ", " << countText(source.warnings, "warning", "warnings") << " ("
                << describeCounts(source.warningsByReason) << ')';
        if (!source.format.empty())
            out << " [" << source.format << (source.compression == "none" ? "" : ", " + source.compression) << ']';
        if (source.resumedAfter > 0)
            out << "; resumed after the " << countText(source.resumedAfter, "line or document", "lines or documents")
                << " that an interrupted import had committed";
        if (!source.message.empty())
            out << ": " << report::escapeControlCharacters(source.message);
        out << '\n';
    }
    out << "total: " << countText(summary.events(), "event", "events") << " imported";
    if (summary.resumedEvents() > 0)
        out << " (" << summary.resumedEvents() << " of them by interrupted imports)";
    out << ", " << summary.rejected() << " rejected, " << countText(summary.duplicates(), "duplicate", "duplicates")
        << " skipped from " << countText(summary.sources.size(), "file", "files");
    if (summary.cancelled)
        out << " (cancelled)";
    if (!summary.caseError.empty())
        out << " (stopped: writing to the case failed)";
    out << '\n';
}

} // namespace spoor::cli
