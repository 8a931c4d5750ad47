#include "analysis/process_table.h"
#include "analysis/verdicts.h"
#include "cli.h"
#include "command_line.h"
#include "count_text.h"
#include "import_reporting.h"
#include "output_path.h"
#include "rules/builtin_rules.h"
#include "rules/rule_loader.h"
#include "scan/rule_runner.h"
#include "scan_results.h"
#include "store/case_file.h"
#include "temporary_case.h"
#include "time_zone_option.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>

namespace spoor::cli {

namespace {

constexpr const char* scanUsage =
    R"(Usage: spoor-cli scan [--rule PATH]... [--case FILE] [--format json|text] [--output FILE]
                     [--timezone ZONE] INPUT...

Imports INPUT (dump files or folders) into a case, runs the rules over every event of the case and writes the
findings. Without --case the case is a temporary file that is removed afterwards.

Options:
  --rule PATH       a rule file (detection-rules TOML) or a folder of them; repeatable.
                    Default: the built-in rule pack (Potential Execution via XZBackdoor, 2024-04-01).
  --case FILE       import into and scan this case file (created when needed); INPUT may then be empty
  --format FORMAT   json (default): {"rules": [...]} with _eql/search-shaped hits; text: a readable summary
  --output FILE     write the results to FILE instead of standard output; FILE must not be the case, an
                    INPUT, a file inside an INPUT folder, or a rule file
)";

struct LoadedRules
{
    std::vector<rules::Rule> rules;
    bool anyFailed = false;
};

LoadedRules loadRules(const std::vector<std::string>& paths, std::ostream& err)
{
    LoadedRules loaded;
    if (paths.empty()) {
        loaded.rules = rules::builtinRules();
        return loaded;
    }
    auto result = rules::loadRulePaths(paths);
    for (const auto& error : result.errors)
        err << "error " << error << '\n';
    for (const auto& skipped : result.skipped)
        err << "skipped " << skipped << '\n';
    loaded.anyFailed = !result.errors.empty();
    loaded.rules = std::move(result.rules);
    return loaded;
}

void writeResults(const nlohmann::json& results, const std::string& format, std::ostream& out)
{
    if (format == "text")
        writeScanResultsText(results, out);
    else
        out << results.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

} // namespace

int runScan(const std::vector<std::string>& args, Streams streams)
{
    try {
        const CommandLine commandLine(args, {"rule", "case", "format", "output", "timezone"}, {"help"});
        if (commandLine.has("help")) {
            streams.out << scanUsage << timeZoneHelp;
            return ExitSuccess;
        }
        const std::string format = commandLine.choice("format", {"json", "text"}, "json");
        const std::string timeZone = timeZoneOption(commandLine);
        if (commandLine.positionals().empty() && !commandLine.has("case"))
            throw UsageError("missing INPUT: name at least one dump file or folder, or an existing --case");
        rejectStandardInput(commandLine.positionals());
        std::vector<std::string> inputPaths = commandLine.positionals();
        inputPaths.insert(inputPaths.end(), commandLine.values("rule").begin(), commandLine.values("rule").end());
        rejectOutputOverInputs(commandLine.value("output"), commandLine.value("case"), inputPaths);

        LoadedRules loaded = loadRules(commandLine.values("rule"), streams.err);
        if (loaded.rules.empty() && !loaded.anyFailed)
            throw UsageError("no EQL rule found in the given --rule paths");

        std::optional<TemporaryCase> temporaryCase;
        if (!commandLine.has("case"))
            temporaryCase.emplace();
        else if (commandLine.positionals().empty() && !std::filesystem::exists(commandLine.value("case")))
            throw std::runtime_error("case file " + commandLine.value("case") +
                                     " not found; name INPUT files to create it");
        auto caseFile = store::CaseFile::open(temporaryCase ? temporaryCase->path() : commandLine.value("case"));

        bool inputFailed = loaded.anyFailed;
        if (!commandLine.positionals().empty()) {
            auto importOptions = importOptionsPrintingTo(streams.err);
            importOptions.timeZone = timeZone;
            const auto imported = ingest::importPaths(caseFile, commandLine.positionals(), importOptions);
            printImportSummary(imported, streams.err);
            analysis::buildProcessTable(caseFile);
            inputFailed = inputFailed || imported.anyFailed() || imported.anyIncomplete();
        }

        if (!temporaryCase)
            warnAboutInterruptedImports(caseFile, streams.err);
        const auto runs = scan::runRules(caseFile, loaded.rules);
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const scan::RuleRunSummary& run = runs[i];
            for (const std::string& warning : run.warnings)
                streams.err << "spoor-cli scan: warning: " << loaded.rules[i].origin << ": " << warning << '\n';
            if (run.verdictsCarried > 0)
                streams.err << run.name << ": "
                            << countText(static_cast<std::uint64_t>(run.verdictsCarried), "finding", "findings")
                            << " took the verdict of the identical finding of an earlier run\n";
            if (run.status == "complete") {
                const std::int64_t excluded = analysis::applyExclusions(caseFile, run.runId);
                if (excluded > 0)
                    streams.err << run.name << ": "
                                << countText(static_cast<std::uint64_t>(excluded), "finding", "findings")
                                << " marked benign by the case's exclusions\n";
            }
            if (run.status == "failed") {
                streams.err << "spoor-cli scan: rule " << run.name << " (" << run.ruleId << ") failed: " << run.message
                            << '\n';
                inputFailed = true;
            }
        }
        const nlohmann::json results = scanResultsJson(caseFile.db(), loaded.rules, runs);
        if (commandLine.has("output")) {
            const std::string outputPath = commandLine.value("output");
            std::ofstream file(outputPath, std::ios::binary | std::ios::trunc);
            if (!file)
                throw std::runtime_error("cannot write " + outputPath);
            writeResults(results, format, file);
            file.close();
            if (!file)
                throw std::runtime_error("writing the results to " + outputPath + " failed");
        } else {
            writeResults(results, format, streams.out);
        }
        return inputFailed ? ExitInputFailed : ExitSuccess;
    } catch (const UsageError& error) {
        streams.err << "spoor-cli scan: " << error.what() << "\n\n" << scanUsage << timeZoneHelp;
        return ExitUsage;
    } catch (const std::exception& error) {
        streams.err << "spoor-cli scan: " << error.what() << '\n';
        return ExitInputFailed;
    }
}

} // namespace spoor::cli
