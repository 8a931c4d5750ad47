#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// A time zone for dates written without a UTC offset, such as those of a Kibana CSV export: UTC, a fixed
// offset, or a zone of the TZ database read from its compiled file under /usr/share/zoneinfo.
class TimeZone
{
public:
    // Returns UTC.
    TimeZone() = default;

    // Reads "UTC", "Z", an offset ("+02:00", "-0530", "+02") or a TZ database name ("Europe/Berlin").
    // Returns nullopt and sets `error` when the name is invalid or no zone file has that name.
    static std::optional<TimeZone> load(std::string_view name, std::string& error);

    // Converts a local wall-clock time, in nanoseconds since 1970-01-01T00:00 local, to UTC nanoseconds.
    // A local time that occurs twice when clocks go back resolves to its first occurrence, and a local time
    // skipped when clocks go forward takes the offset in effect before the change.
    std::int64_t toUtc(std::int64_t localNs) const;

    const std::string& name() const { return name_; }

private:
    // The UTC offset in seconds in effect at a UTC instant in seconds.
    std::int32_t offsetAt(std::int64_t utcSeconds) const;
    bool readZoneFile(const std::string& path, std::string& error);

    std::string name_ = "UTC";
    std::int32_t fixedOffset_ = 0;
    std::vector<std::int64_t> transitions_;  // UTC seconds at which the offset changes, ascending
    std::vector<std::int32_t> offsetsAfter_; // the offset from each transition on
    std::int32_t offsetBeforeFirst_ = 0;     // the offset before the first transition
};

} // namespace spoor::ingest
