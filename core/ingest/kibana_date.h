#pragma once

#include "ingest/time_zone.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace spoor::ingest {

// A date of a Kibana CSV export converted to UTC nanoseconds.
struct KibanaDate
{
    std::int64_t utcNs = 0;
    bool zoneApplied = false; // the text had no UTC offset, so `zone` was applied
};

// Parses Kibana's default date format ("Apr 1, 2024 @ 12:00:00.000", 0 to 9 fraction digits, English
// month names in full or abbreviated) and ISO-8601 ("2024-04-01T12:00:00.000", with or without an offset,
// 'T' or a space between date and time). Dates without an offset are read in `zone`. Returns nullopt for
// anything else.
std::optional<KibanaDate> parseKibanaDate(std::string_view text, const TimeZone& zone);

} // namespace spoor::ingest
