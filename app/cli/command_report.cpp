#include "cli.h"
#include "command_line.h"
#include "count_text.h"
#include "import_reporting.h"
#include "output_path.h"
#include "report/csv_writer.h"
#include "report/html_writer.h"
#include "report/json_writer.h"
#include "report/markdown_writer.h"
#include "report/report_loader.h"
#include "store/case_file.h"

#include <filesystem>
#include <fstream>
#include <ostream>

namespace spoor::cli {

namespace {

constexpr const char* reportUsage =
    R"(Usage: spoor-cli report --case FILE [--format html|json|markdown|csv] [--output FILE]

Writes a report of the findings stored in the case FILE: for each finding its rule (name, severity, risk
score, ATT&CK techniques), its steps (time, host, user, pid, command line, exit code) and the source file and
line of each event, with the original documents. The bookmarked events follow, with the analyst's notes.

Options:
  --case FILE      the case file to report on (it must exist)
  --format FORMAT  html (default; one self-contained file), json, markdown, or csv (one row per step and one
                   per bookmark, cells that a spreadsheet would read as a formula are prefixed with ')
  --output FILE    write the report to FILE instead of standard output; FILE must not be the case file
)";

void writeReport(const report::Report& report, const std::string& format, std::ostream& out)
{
    if (format == "json")
        report::writeJson(report, out);
    else if (format == "markdown")
        report::writeMarkdown(report, out);
    else if (format == "csv")
        report::writeCsv(report, out);
    else
        report::writeHtml(report, out);
}

} // namespace

int runReport(const std::vector<std::string>& args, Streams streams)
{
    try {
        const CommandLine commandLine(args, {"case", "format", "output"}, {"help"});
        if (commandLine.has("help")) {
            streams.out << reportUsage;
            return ExitSuccess;
        }
        if (!commandLine.has("case"))
            throw UsageError("missing --case FILE");
        if (!commandLine.positionals().empty())
            throw UsageError("unexpected argument '" + commandLine.positionals().front() + "'");
        const std::string format = commandLine.choice("format", {"html", "json", "markdown", "csv"}, "html");
        const std::string casePath = commandLine.value("case");
        rejectOutputOverInputs(commandLine.value("output"), casePath, {});
        if (!std::filesystem::exists(casePath))
            throw std::runtime_error("case file " + casePath + " not found");

        auto caseFile = store::CaseFile::open(casePath, store::CaseFile::Access::ReadOnly);
        warnAboutInterruptedImports(caseFile, streams.err);
        const report::Report report = report::loadReport(caseFile);
        if (!commandLine.has("output")) {
            writeReport(report, format, streams.out);
            return ExitSuccess;
        }
        const std::string outputPath = commandLine.value("output");
        std::ofstream file(outputPath, std::ios::binary | std::ios::trunc);
        if (!file)
            throw std::runtime_error("cannot write the report to " + outputPath);
        writeReport(report, format, file);
        file.close();
        if (!file)
            throw std::runtime_error("writing the report to " + outputPath + " failed");
        streams.err << "report with " << countText(report.findings.size(), "finding", "findings") << " and "
                    << countText(report.bookmarks.size(), "bookmark", "bookmarks") << " written to " << outputPath
                    << '\n';
        return ExitSuccess;
    } catch (const UsageError& error) {
        streams.err << "spoor-cli report: " << error.what() << "\n\n" << reportUsage;
        return ExitUsage;
    } catch (const std::exception& error) {
        streams.err << "spoor-cli report: " << error.what() << '\n';
        return ExitInputFailed;
    }
}

} // namespace spoor::cli
