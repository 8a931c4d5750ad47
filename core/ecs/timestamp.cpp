#include "ecs/timestamp.h"

#include <cstdio>
#include <limits>

namespace spoor::ecs {

namespace {

constexpr std::int64_t nanosPerSecond = 1'000'000'000;

void civilFromDays(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    year = static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

bool isLeapYear(std::int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned daysInMonth(std::int64_t year, unsigned month)
{
    static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : lengths[month - 1];
}

// A cursor over the text that reads fixed-width decimal fields.
struct Reader
{
    std::string_view text;
    std::size_t pos = 0;

    bool atEnd() const { return pos >= text.size(); }
    char peek() const { return atEnd() ? '\0' : text[pos]; }
    bool accept(char c)
    {
        if (peek() != c)
            return false;
        ++pos;
        return true;
    }
    bool digits(int count, int& out)
    {
        out = 0;
        for (int i = 0; i < count; ++i) {
            const char c = peek();
            if (c < '0' || c > '9')
                return false;
            out = out * 10 + (c - '0');
            ++pos;
        }
        return true;
    }
};

bool readOffset(Reader& reader, std::int64_t& offsetSeconds)
{
    offsetSeconds = 0;
    if (reader.atEnd() || reader.accept('Z') || reader.accept('z'))
        return reader.atEnd();
    const char sign = reader.peek();
    if (sign != '+' && sign != '-')
        return false;
    ++reader.pos;
    int hours = 0;
    int minutes = 0;
    if (!reader.digits(2, hours))
        return false;
    if (!reader.atEnd()) {
        reader.accept(':');
        if (!reader.digits(2, minutes))
            return false;
    }
    if (hours > 18 || minutes > 59 || !reader.atEnd())
        return false;
    offsetSeconds = (hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1);
    return true;
}

bool readFraction(Reader& reader, std::int64_t& nanos)
{
    nanos = 0;
    if (!reader.accept('.') && !reader.accept(','))
        return true;
    int count = 0;
    while (reader.peek() >= '0' && reader.peek() <= '9') {
        if (count < 9)
            nanos = nanos * 10 + (reader.peek() - '0');
        ++count;
        ++reader.pos;
    }
    if (count == 0)
        return false;
    for (int i = count; i < 9; ++i)
        nanos *= 10;
    return true;
}

} // namespace

std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

std::optional<TimestampNs> parseIsoTimestamp(std::string_view text)
{
    Reader reader{text};
    int year = 0;
    int month = 0;
    int day = 0;
    if (!reader.digits(4, year) || !reader.accept('-') || !reader.digits(2, month) || !reader.accept('-') ||
        !reader.digits(2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > daysInMonth(year, month))
        return std::nullopt;

    int hour = 0;
    int minute = 0;
    int second = 0;
    std::int64_t nanos = 0;
    if (reader.accept('T') || reader.accept('t') || reader.accept(' ')) {
        if (!reader.digits(2, hour) || !reader.accept(':') || !reader.digits(2, minute))
            return std::nullopt;
        if (reader.accept(':')) {
            if (!reader.digits(2, second) || !readFraction(reader, nanos))
                return std::nullopt;
        }
        if (hour > 23 || minute > 59 || second > 60)
            return std::nullopt;
    }
    std::int64_t offsetSeconds = 0;
    if (!readOffset(reader, offsetSeconds))
        return std::nullopt;

    const std::int64_t seconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                                 hour * 3600 + minute * 60 + second - offsetSeconds;
    constexpr std::int64_t maxSeconds = std::numeric_limits<std::int64_t>::max() / nanosPerSecond - 1;
    if (seconds > maxSeconds || seconds < -maxSeconds)
        return std::nullopt;
    return seconds * nanosPerSecond + nanos;
}

std::optional<TimestampNs> fromEpochMillis(std::int64_t millis)
{
    constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 1'000'000;
    if (millis > limit || millis < -limit)
        return std::nullopt;
    return millis * 1'000'000;
}

std::string formatIsoTimestamp(TimestampNs ns, int fractionDigits)
{
    std::int64_t seconds = ns / nanosPerSecond;
    std::int64_t nanos = ns % nanosPerSecond;
    if (nanos < 0) {
        nanos += nanosPerSecond;
        --seconds;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t secondOfDay = seconds % 86400;
    if (secondOfDay < 0) {
        secondOfDay += 86400;
        --days;
    }
    std::int64_t year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civilFromDays(days, year, month, day);

    char buffer[64];
    int length = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                               static_cast<long long>(year), month, day, static_cast<long long>(secondOfDay / 3600),
                               static_cast<long long>(secondOfDay / 60 % 60), static_cast<long long>(secondOfDay % 60));
    std::string result(buffer, static_cast<std::size_t>(length));
    if (fractionDigits > 0) {
        std::snprintf(buffer, sizeof buffer, "%09lld", static_cast<long long>(nanos));
        result += '.';
        result.append(buffer, static_cast<std::size_t>(fractionDigits > 9 ? 9 : fractionDigits));
    }
    result += 'Z';
    return result;
}

} // namespace spoor::ecs
