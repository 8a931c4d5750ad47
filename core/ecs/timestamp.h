#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spoor::ecs {

// Nanoseconds since 1970-01-01T00:00:00Z. Covers the years 1678 to 2261.
using TimestampNs = std::int64_t;

// Returns the days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil algorithm). `month` is 1 to 12 and `day` 1 to 31.
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);

// Parses an ISO-8601 date-time as Elasticsearch's strict_date_optional_time accepts it:
// "YYYY-MM-DD", optionally followed by 'T' (or a space) and "hh:mm", ":ss", a fraction of 0 to 9
// digits after '.' or ',', and 'Z' or an offset "+hh:mm", "+hhmm" or "+hh". A time without an offset
// is UTC. Returns nullopt for anything else, including out-of-range fields such as month 13.
std::optional<TimestampNs> parseIsoTimestamp(std::string_view text);

// Converts epoch milliseconds to nanoseconds, or nullopt when the result does not fit.
std::optional<TimestampNs> fromEpochMillis(std::int64_t millis);

// Formats a timestamp as "YYYY-MM-DDThh:mm:ss.fffffffffZ" with the given number of fraction digits
// (0 to 9; 0 omits the fraction).
std::string formatIsoTimestamp(TimestampNs ns, int fractionDigits = 9);

} // namespace spoor::ecs
