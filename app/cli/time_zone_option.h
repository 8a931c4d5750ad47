#pragma once

#include <string>

namespace spoor::cli {

class CommandLine;

// Help text of --timezone, shared by import and scan. query has its own, aligned with its other options.
constexpr const char* timeZoneHelp =
    "  --timezone ZONE   the time zone of dates without a UTC offset in Kibana CSV exports: UTC, an offset\n"
    "                    such as +02:00, or a TZ database name such as Europe/Berlin. Without it such dates\n"
    "                    are read as UTC and the import warns once per file\n";

// Returns the --timezone value, empty when the option is absent. Throws UsageError when the zone is invalid
// or not installed.
std::string timeZoneOption(const CommandLine& commandLine);

} // namespace spoor::cli
