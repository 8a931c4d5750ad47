#include "cli.h"

#include "command_line.h"

#include <ostream>

namespace spoor::cli {

namespace {

constexpr const char* overview = R"(Usage: spoor-cli COMMAND [OPTIONS] [ARGUMENTS]

Imports Elastic event dumps into a case file, runs EQL detection rules over them and reports findings.

Commands:
  scan      import dumps (into a temporary case unless --case is given) and run rules over them
  query     import dumps and run one EQL query, printing an _eql/search-shaped response
  validate  check rule files and their EQL queries without running them
  import    import dumps into a case file and print a summary
  report    write a report of the findings stored in a case file
  generate  write a generated Elastic Defend dump with benign SSH activity and XZ backdoor exploitations

Run 'spoor-cli COMMAND --help' for the options of a command.
Exit status: 0 on success (with or without findings), 1 when an input could not be processed, 2 on a usage error.
)";

} // namespace

int run(const std::vector<std::string>& args, Streams streams)
{
    if (args.empty()) {
        streams.err << overview;
        return ExitUsage;
    }
    const std::string& command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
        streams.out << overview;
        return ExitSuccess;
    }
    if (command == "--version") {
        streams.out << "spoor-cli " SPOOR_VERSION "\n";
        return ExitSuccess;
    }
    if (command == "scan")
        return runScan(rest, streams);
    if (command == "query")
        return runQuery(rest, streams);
    if (command == "validate")
        return runValidate(rest, streams);
    if (command == "import")
        return runImport(rest, streams);
    if (command == "report")
        return runReport(rest, streams);
    if (command == "generate")
        return runGenerate(rest, streams);
    streams.err << "spoor-cli: unknown command '" << command << "'\n\n" << overview;
    return ExitUsage;
}

} // namespace spoor::cli
