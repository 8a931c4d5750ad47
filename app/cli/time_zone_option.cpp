#include "time_zone_option.h"

#include "command_line.h"
#include "ingest/time_zone.h"

namespace spoor::cli {

std::string timeZoneOption(const CommandLine& commandLine)
{
    if (!commandLine.has("timezone"))
        return {};
    const std::string zone = commandLine.value("timezone");
    std::string error;
    if (!ingest::TimeZone::load(zone, error))
        throw UsageError("option --timezone: " + error);
    return zone;
}

} // namespace spoor::cli
