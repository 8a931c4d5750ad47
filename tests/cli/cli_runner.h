#pragma once

#include "cli.h"

#include <sstream>
#include <string>
#include <vector>

// The exit status and both output streams of one in-process spoor-cli run.
struct CliResult
{
    int status = 0;
    std::string out;
    std::string err;
};

inline CliResult runCli(const std::vector<std::string>& args)
{
    std::ostringstream out;
    std::ostringstream err;
    CliResult result;
    result.status = spoor::cli::run(args, {out, err});
    result.out = out.str();
    result.err = err.str();
    return result;
}
