#include "analysis/process_table.h"
#include "cli.h"
#include "command_line.h"
#include "import_reporting.h"
#include "store/case_file.h"
#include "time_zone_option.h"

#include <ostream>

namespace spoor::cli {

namespace {

// clang-format off
constexpr const char* importUsage = R"(Usage: spoor-cli import --case FILE [--force] [--batch-size N] [--timezone ZONE] INPUT...

Imports dump files or folders (NDJSON of documents, hits or fields API objects, bulk bodies, _search and
_eql/search responses, JSON arrays, Kibana Discover CSV, Sysmon for Linux syslog, raw audit logs, also as
syslog lines, and laurel JSON; plain, gzip or zstd) into the case FILE, creating it when needed, and prints a
summary: events imported, rejected lines by reason and duplicates skipped. Rejected lines are printed to
stderr with file and line. A file whose earlier import was killed or cancelled is resumed after its last
committed batch. The exit status is 1 when a file could not be read, is not a supported format, or ends
early (a truncated gzip or zstd stream, a JSON response cut short), and when writing to the case failed.

Options:
  --case FILE     the case file to import into (created when it does not exist)
  --force         import files again even when the case already holds a file with the same SHA-256
  --batch-size N  events per transaction (default 20000); an interrupted import loses at most one batch
)";
// clang-format on

constexpr std::uint64_t maxBatchSize = 10'000'000;

} // namespace

int runImport(const std::vector<std::string>& args, Streams streams)
{
    try {
        const CommandLine commandLine(args, {"case", "batch-size", "timezone"}, {"force", "help"});
        if (commandLine.has("help")) {
            streams.out << importUsage << timeZoneHelp;
            return ExitSuccess;
        }
        if (!commandLine.has("case"))
            throw UsageError("missing --case FILE");
        if (commandLine.positionals().empty())
            throw UsageError("missing INPUT: name at least one dump file or folder");
        rejectStandardInput(commandLine.positionals());

        auto caseFile = store::CaseFile::open(commandLine.value("case"));
        auto options = importOptionsPrintingTo(streams.err);
        options.force = commandLine.has("force");
        options.timeZone = timeZoneOption(commandLine);
        options.batchSize = commandLine.unsignedValue("batch-size", options.batchSize);
        if (options.batchSize == 0 || options.batchSize > maxBatchSize)
            throw UsageError("option --batch-size expects 1 to " + std::to_string(maxBatchSize) + " events, got " +
                             std::to_string(options.batchSize));
        const auto summary = ingest::importPaths(caseFile, commandLine.positionals(), options);
        printImportSummary(summary, streams.out);
        if (!summary.caseError.empty()) {
            streams.err << "spoor-cli import: " << commandLine.value("case") << ": " << summary.caseError << '\n';
            return ExitInputFailed;
        }
        // The GUI's process tree and sshd timeline read the processes table.
        analysis::buildProcessTable(caseFile);
        return summary.anyFailed() || summary.anyIncomplete() ? ExitInputFailed : ExitSuccess;
    } catch (const UsageError& error) {
        streams.err << "spoor-cli import: " << error.what() << "\n\n" << importUsage << timeZoneHelp;
        return ExitUsage;
    } catch (const std::exception& error) {
        streams.err << "spoor-cli import: " << error.what() << '\n';
        return ExitInputFailed;
    }
}

} // namespace spoor::cli
