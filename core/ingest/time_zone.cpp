#include "ingest/time_zone.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

namespace spoor::ingest {

namespace {

constexpr const char* zoneInfoFolder = "/usr/share/zoneinfo/";
constexpr std::int64_t nsPerSecond = 1'000'000'000;

std::optional<std::int32_t> parseOffset(std::string_view text)
{
    if (text.size() < 2 || (text[0] != '+' && text[0] != '-'))
        return std::nullopt;
    std::string digits;
    for (const char c : text.substr(1)) {
        if (c != ':')
            digits += c;
    }
    if (digits.size() != 2 && digits.size() != 4)
        return std::nullopt;
    int hours = 0;
    int minutes = 0;
    if (std::from_chars(digits.data(), digits.data() + 2, hours).ec != std::errc() ||
        (digits.size() == 4 && std::from_chars(digits.data() + 2, digits.data() + 4, minutes).ec != std::errc()))
        return std::nullopt;
    if (hours > 18 || minutes > 59 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const std::int32_t seconds = hours * 3600 + minutes * 60;
    return text[0] == '-' ? -seconds : seconds;
}

bool isZoneName(std::string_view name)
{
    if (name.empty() || name.starts_with('/') || name.find("..") != std::string_view::npos)
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '+' || c == '/';
    });
}

std::int64_t readBigEndian(const std::string& bytes, std::size_t at, std::size_t width)
{
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    if (width == 4)
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return static_cast<std::int64_t>(value);
}

} // namespace

std::optional<TimeZone> TimeZone::load(std::string_view name, std::string& error)
{
    TimeZone zone;
    zone.name_ = std::string(name);
    if (name == "UTC" || name == "Z" || name == "GMT" || name == "Etc/UTC")
        return zone;
    if (name.starts_with('+') || name.starts_with('-')) {
        const auto offset = parseOffset(name);
        if (!offset) {
            error = "invalid UTC offset \"" + std::string(name) + "\"; write it as +HH:MM or -HHMM, e.g. +02:00";
            return std::nullopt;
        }
        zone.fixedOffset_ = *offset;
        return zone;
    }
    if (!isZoneName(name)) {
        error = "invalid time zone \"" + std::string(name) +
                "\"; give UTC, an offset such as +02:00, or a TZ "
                "database name such as Europe/Berlin";
        return std::nullopt;
    }
    if (!zone.readZoneFile(zoneInfoFolder + std::string(name), error))
        return std::nullopt;
    return zone;
}

// Reads a compiled TZif file (RFC 8536): the 64-bit data block of version 2 and later, else the 32-bit one.
// NOTE: the POSIX TZ rule in the file's footer is not read, so instants after the last transition keep its
// offset. The zone files of Debian 12's tzdata list transitions up to 2037.
bool TimeZone::readZoneFile(const std::string& path, std::string& error)
{
    constexpr std::size_t headerSize = 44;
    constexpr std::uintmax_t maxZoneFileBytes = 1 << 20; // compiled zone files are a few KiB
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
    if (size == 0 || ec || size > maxZoneFileBytes) {
        error = "time zone \"" + name_ + "\" not found: " + path + " is not a zone file";
        return false;
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::ifstream file(path, std::ios::binary);
    if (!file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        error = "time zone \"" + name_ + "\": cannot read " + path;
        return false;
    }
    if (bytes.size() < headerSize || !bytes.starts_with("TZif")) {
        error = "time zone \"" + name_ + "\" not found: " + path + " is not a TZif zone file";
        return false;
    }
    std::size_t at = 0;
    std::size_t timeWidth = 4;
    if (bytes[4] >= '2') {
        // Skip the version 1 block to the 64-bit one.
        const auto count = [&](std::size_t i) { return static_cast<std::size_t>(readBigEndian(bytes, 20 + 4 * i, 4)); };
        at = headerSize + count(3) * 5 + count(4) * 6 + count(5) + count(2) * 8 + count(1) + count(0);
        timeWidth = 8;
    }
    if (bytes.size() < at + headerSize) {
        error = "time zone file " + path + " is truncated";
        return false;
    }
    const auto count = [&](std::size_t i) {
        return static_cast<std::size_t>(readBigEndian(bytes, at + 20 + 4 * i, 4));
    };
    const std::size_t transitionCount = count(3);
    const std::size_t typeCount = count(4);
    const std::size_t times = at + headerSize;
    const std::size_t indexes = times + transitionCount * timeWidth;
    const std::size_t types = indexes + transitionCount;
    if (typeCount == 0 || bytes.size() < types + typeCount * 6) {
        error = "time zone file " + path + " is truncated";
        return false;
    }
    const auto offsetOfType = [&](std::size_t type) {
        return static_cast<std::int32_t>(readBigEndian(bytes, types + type * 6, 4));
    };
    offsetBeforeFirst_ = offsetOfType(0);
    fixedOffset_ = offsetBeforeFirst_; // the offset of a zone without transitions, such as Etc/GMT+5
    for (std::size_t i = 0; i < transitionCount; ++i) {
        const auto type = static_cast<unsigned char>(bytes[indexes + i]);
        if (type >= typeCount) {
            error = "time zone file " + path + " is invalid: a transition names a missing type";
            return false;
        }
        transitions_.push_back(readBigEndian(bytes, times + i * timeWidth, timeWidth));
        offsetsAfter_.push_back(offsetOfType(type));
    }
    return true;
}

std::int32_t TimeZone::offsetAt(std::int64_t utcSeconds) const
{
    if (transitions_.empty())
        return fixedOffset_;
    const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), utcSeconds);
    if (after == transitions_.begin())
        return offsetBeforeFirst_;
    return offsetsAfter_[static_cast<std::size_t>(after - transitions_.begin() - 1)];
}

std::int64_t TimeZone::toUtc(std::int64_t localNs) const
{
    const std::int64_t localSeconds = localNs / nsPerSecond;
    // Try the offsets in effect a day either side: the earliest that maps back to this local time wins.
    const std::int32_t before = offsetAt(localSeconds - 86400);
    const std::int32_t after = offsetAt(localSeconds + 86400);
    for (const std::int32_t offset : {std::max(before, after), std::min(before, after)}) {
        if (offsetAt(localSeconds - offset) == offset)
            return localNs - std::int64_t(offset) * nsPerSecond;
    }
    return localNs - std::int64_t(before) * nsPerSecond;
}

} // namespace spoor::ingest
