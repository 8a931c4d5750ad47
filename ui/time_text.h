#pragma once

#include <QString>
#include <cstdint>
#include <optional>

namespace spoor::ui {

// Formats nanoseconds since the epoch as UTC ISO-8601 with nanosecond precision, or "" for nullopt.
QString isoTime(std::optional<std::int64_t> ns);

// Formats nanoseconds since the epoch as "hh:mm:ss.mmm" (UTC), for axis labels.
QString clockTime(std::int64_t ns);

} // namespace spoor::ui
