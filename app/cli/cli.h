#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace spoor::cli {

// Exit statuses of spoor-cli.
enum ExitStatus : int {
    ExitSuccess = 0,     // success, whether or not there were findings
    ExitInputFailed = 1, // an input file, rule or case could not be processed
    ExitUsage = 2,       // invalid command line
};

// Output streams of one command: results go to out, progress and diagnostics to err.
struct Streams
{
    std::ostream& out;
    std::ostream& err;
};

// Runs spoor-cli with the arguments after the program name and returns the exit status.
int run(const std::vector<std::string>& args, Streams streams);

int runImport(const std::vector<std::string>& args, Streams streams);
int runScan(const std::vector<std::string>& args, Streams streams);
int runReport(const std::vector<std::string>& args, Streams streams);
int runGenerate(const std::vector<std::string>& args, Streams streams);
int runQuery(const std::vector<std::string>& args, Streams streams);
int runValidate(const std::vector<std::string>& args, Streams streams);

} // namespace spoor::cli
