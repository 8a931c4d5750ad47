#include "ingest/kibana_date.h"

#include "ecs/timestamp.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>

namespace spoor::ingest {

namespace {

constexpr std::array<std::string_view, 12> monthNames = {"january",   "february", "march",    "april",
                                                         "may",       "june",     "july",     "august",
                                                         "september", "october",  "november", "december"};

class Cursor
{
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool number(std::size_t minDigits, std::size_t maxDigits, unsigned& value)
    {
        std::size_t digits = 0;
        value = 0;
        while (pos_ < text_.size() && digits < maxDigits && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
            value = value * 10 + static_cast<unsigned>(text_[pos_++] - '0');
            ++digits;
        }
        return digits >= minDigits;
    }

    bool literal(std::string_view expected)
    {
        if (!text_.substr(pos_).starts_with(expected))
            return false;
        pos_ += expected.size();
        return true;
    }

    // Reads ".fraction" when present, as nanoseconds.
    bool fraction(std::int64_t& ns)
    {
        ns = 0;
        if (!literal("."))
            return true;
        std::size_t digits = 0;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
            if (digits < 9)
                ns = ns * 10 + (text_[pos_] - '0');
            ++digits;
            ++pos_;
        }
        for (std::size_t i = digits; i < 9; ++i)
            ns *= 10;
        return digits > 0 && digits <= 9;
    }

    std::string_view word()
    {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_])))
            ++pos_;
        return text_.substr(start, pos_ - start);
    }

    bool atEnd() const { return pos_ == text_.size(); }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

std::optional<unsigned> monthNumber(std::string_view word)
{
    if (word.size() < 3)
        return std::nullopt;
    std::string lower;
    for (const char c : word)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < monthNames.size(); ++i) {
        if (monthNames[i].starts_with(lower) && (lower.size() == 3 || lower == monthNames[i]))
            return static_cast<unsigned>(i + 1);
    }
    return std::nullopt;
}

std::optional<std::int64_t> localNanoseconds(unsigned year, unsigned month, unsigned day, unsigned hour,
                                             unsigned minute, unsigned second, std::int64_t fractionNs)
{
    // Nanoseconds since 1970 in an int64 reach from 1677 to 2262.
    if (year < 1678 || year > 2261 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;
    const std::int64_t seconds = ecs::daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    return seconds * 1'000'000'000 + fractionNs;
}

// "Apr 1, 2024 @ 12:00:00.000"
std::optional<std::int64_t> parseKibanaFormat(std::string_view text)
{
    Cursor cursor(text);
    const auto month = monthNumber(cursor.word());
    unsigned day = 0;
    unsigned year = 0;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    std::int64_t fraction = 0;
    if (!month || !cursor.literal(" ") || !cursor.number(1, 2, day) || !cursor.literal(", ") ||
        !cursor.number(4, 4, year) || !cursor.literal(" @ ") || !cursor.number(2, 2, hour) || !cursor.literal(":") ||
        !cursor.number(2, 2, minute) || !cursor.literal(":") || !cursor.number(2, 2, second) ||
        !cursor.fraction(fraction) || !cursor.atEnd())
        return std::nullopt;
    return localNanoseconds(year, *month, day, hour, minute, second, fraction);
}

// "2024-04-01T12:00:00.000" or "2024-04-01 12:00:00", without an offset.
std::optional<std::int64_t> parseLocalIso(std::string_view text)
{
    Cursor cursor(text);
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    std::int64_t fraction = 0;
    if (!cursor.number(4, 4, year) || !cursor.literal("-") || !cursor.number(2, 2, month) || !cursor.literal("-") ||
        !cursor.number(2, 2, day) || !(cursor.literal("T") || cursor.literal(" ")) || !cursor.number(2, 2, hour) ||
        !cursor.literal(":") || !cursor.number(2, 2, minute) || !cursor.literal(":") || !cursor.number(2, 2, second) ||
        !cursor.fraction(fraction) || !cursor.atEnd())
        return std::nullopt;
    return localNanoseconds(year, month, day, hour, minute, second, fraction);
}

} // namespace

std::optional<KibanaDate> parseKibanaDate(std::string_view text, const TimeZone& zone)
{
    if (auto local = parseKibanaFormat(text))
        return KibanaDate{zone.toUtc(*local), true};
    if (auto local = parseLocalIso(text))
        return KibanaDate{zone.toUtc(*local), true};
    std::string iso(text);
    if (iso.size() > 10 && iso[10] == ' ')
        iso[10] = 'T';
    if (auto utc = ecs::parseIsoTimestamp(iso))
        return KibanaDate{*utc, false};
    return std::nullopt;
}

} // namespace spoor::ingest
