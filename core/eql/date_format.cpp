#include "eql/date_format.h"

#include "ecs/timestamp.h"
#include "eql/value_ops.h"

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace spoor::eql {

namespace {

constexpr std::int64_t nsPerSecond = 1'000'000'000;
constexpr std::int64_t nsPerMilli = 1'000'000;

unsigned daysInMonth(std::int64_t year, unsigned month)
{
    static constexpr std::array<unsigned, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

struct Fields
{
    std::int64_t year = 1970;
    unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
    std::int64_t fractionNs = 0;
    std::int64_t offsetSeconds = 0;
};

// Reads between minDigits and maxDigits decimal digits at `pos`.
std::optional<std::int64_t> readDigits(std::string_view text, std::size_t& pos, std::size_t minDigits,
                                       std::size_t maxDigits)
{
    std::int64_t value = 0;
    std::size_t count = 0;
    while (count < maxDigits && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++count;
    }
    if (count < minDigits)
        return std::nullopt;
    return value;
}

// Reads "Z", "+hh", "+hhmm" or "+hh:mm".
bool readOffset(std::string_view text, std::size_t& pos, Fields& fields)
{
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
        return true;
    }
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-'))
        return false;
    const int sign = text[pos++] == '-' ? -1 : 1;
    const auto hours = readDigits(text, pos, 2, 2);
    if (!hours || *hours > 18)
        return false;
    std::int64_t minutes = 0;
    if (pos < text.size() && text[pos] == ':')
        ++pos;
    if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        const auto read = readDigits(text, pos, 2, 2);
        if (!read || *read > 59)
            return false;
        minutes = *read;
    }
    fields.offsetSeconds = sign * (*hours * 3600 + minutes * 60);
    return true;
}

bool isPatternLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads the field of one run of a pattern letter ("yyyy", "MM", "SSS", "XXX").
bool readField(char letter, std::size_t count, std::string_view text, std::size_t& pos, Fields& fields)
{
    auto number = [&](std::size_t minDigits, std::size_t maxDigits, auto& out) {
        const auto value = readDigits(text, pos, minDigits, maxDigits);
        if (!value)
            return false;
        out = static_cast<std::remove_reference_t<decltype(out)>>(*value);
        return true;
    };
    const std::size_t fixed = count >= 2 ? count : 1;
    switch (letter) {
    case 'y':
    case 'u':
        if (count == 2) {
            if (!number(2, 2, fields.year))
                return false;
            fields.year += 2000;
            return true;
        }
        return number(count, 9, fields.year);
    case 'M':
        return number(fixed, 2, fields.month);
    case 'd':
        return number(fixed, 2, fields.day);
    case 'H':
        return number(fixed, 2, fields.hour);
    case 'm':
        return number(fixed, 2, fields.minute);
    case 's':
        return number(fixed, 2, fields.second);
    case 'S': {
        const std::size_t start = pos;
        const auto digits = readDigits(text, pos, count, count);
        if (!digits || count > 9)
            return false;
        fields.fractionNs = *digits;
        for (std::size_t i = pos - start; i < 9; ++i)
            fields.fractionNs *= 10;
        return true;
    }
    case 'X':
    case 'Z':
        return readOffset(text, pos, fields);
    default:
        return false;
    }
}

// Matches the whole text against a java.time pattern.
std::optional<Fields> matchPattern(std::string_view pattern, std::string_view text)
{
    Fields fields;
    std::size_t pos = 0;
    for (std::size_t i = 0; i < pattern.size();) {
        const char c = pattern[i];
        if (c == '\'') {
            const std::size_t close = pattern.find('\'', i + 1);
            const std::string_view literal = pattern.substr(i + 1, close - i - 1);
            if (text.substr(pos, literal.size()) != literal)
                return std::nullopt;
            pos += literal.size();
            i = close + 1;
            continue;
        }
        if (!isPatternLetter(c)) {
            if (pos >= text.size() || text[pos] != c)
                return std::nullopt;
            ++pos;
            ++i;
            continue;
        }
        std::size_t count = 1;
        while (i + count < pattern.size() && pattern[i + count] == c)
            ++count;
        if (!readField(c, count, text, pos, fields))
            return std::nullopt;
        i += count;
    }
    if (pos != text.size())
        return std::nullopt;
    return fields;
}

std::optional<std::int64_t> toNanoseconds(const Fields& f)
{
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(f.year, f.month) || f.hour > 23 ||
        f.minute > 59 || f.second > 59 || f.year < 1678 || f.year > 2261)
        return std::nullopt;
    const std::int64_t seconds =
        ecs::daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.offsetSeconds;
    if (seconds > std::numeric_limits<std::int64_t>::max() / nsPerSecond - 1 ||
        seconds < std::numeric_limits<std::int64_t>::min() / nsPerSecond + 1)
        return std::nullopt;
    return seconds * nsPerSecond + f.fractionNs;
}

std::optional<std::int64_t> scaled(double units, std::int64_t nsPerUnit)
{
    const double ns = units * static_cast<double>(nsPerUnit);
    if (!std::isfinite(ns) || std::fabs(ns) >= 9.2e18)
        return std::nullopt;
    return static_cast<std::int64_t>(ns);
}

std::optional<std::int64_t> parseEpoch(const ecs::Value& value, std::int64_t nsPerUnit)
{
    if (value.isString()) {
        const auto number = parseNumber(value.asString());
        return number ? parseEpoch(*number, nsPerUnit) : std::nullopt;
    }
    if (value.isInt()) {
        if (value.asInt() > std::numeric_limits<std::int64_t>::max() / nsPerUnit ||
            value.asInt() < std::numeric_limits<std::int64_t>::min() / nsPerUnit)
            return std::nullopt;
        return value.asInt() * nsPerUnit;
    }
    if (value.isDouble())
        return scaled(value.asDouble(), nsPerUnit);
    return std::nullopt;
}

void checkPattern(std::string_view pattern, std::string_view format)
{
    static constexpr std::string_view supported = "yuMdHmsSXZ";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\'') {
            const std::size_t close = pattern.find('\'', i + 1);
            if (close == std::string_view::npos)
                throw std::invalid_argument("date format [" + std::string(format) + "] has an unclosed quote");
            i = close;
            continue;
        }
        if (c == '[' || c == ']' || c == '#' || c == '{' || c == '}')
            throw std::invalid_argument("date format [" + std::string(format) + "] uses [" + std::string(1, c) +
                                        "], which Spoor does not support; write each variant as a || alternative");
        if (isPatternLetter(c) && supported.find(c) == std::string_view::npos)
            throw std::invalid_argument("date format [" + std::string(format) + "] uses the pattern letter [" +
                                        std::string(1, c) + "]; Spoor supports y u M d H m s S X Z");
    }
}

} // namespace

DateFormat::DateFormat() : parts_{{Part::Kind::Iso, {}}, {Part::Kind::EpochMillis, {}}} {}

DateFormat DateFormat::compile(std::string_view format)
{
    DateFormat result;
    result.text_ = std::string(format);
    result.parts_.clear();
    std::size_t start = 0;
    while (start <= format.size()) {
        const std::size_t end = std::min(format.find("||", start), format.size());
        std::string_view name = format.substr(start, end - start);
        if (name.starts_with("strict_"))
            name.remove_prefix(7);
        if (name.ends_with("_nanos"))
            name.remove_suffix(6);
        if (name == "date_optional_time" || name == "date_time" || name == "date_time_no_millis")
            result.parts_.push_back({Part::Kind::Iso, {}});
        else if (name == "epoch_millis")
            result.parts_.push_back({Part::Kind::EpochMillis, {}});
        else if (name == "epoch_second")
            result.parts_.push_back({Part::Kind::EpochSecond, {}});
        else if (name == "date")
            result.parts_.push_back({Part::Kind::Pattern, "yyyy-MM-dd"});
        else if (name == "basic_date")
            result.parts_.push_back({Part::Kind::Pattern, "yyyyMMdd"});
        else if (name.find('_') != std::string_view::npos || name.empty())
            throw std::invalid_argument(
                "date format [" + std::string(name) +
                "] is not supported; use a pattern such as yyyy-MM-dd or one of "
                "strict_date_optional_time, strict_date, basic_date, epoch_millis, epoch_second");
        else {
            checkPattern(name, format);
            result.parts_.push_back({Part::Kind::Pattern, std::string(name)});
        }
        start = end + 2;
    }
    return result;
}

std::optional<std::int64_t> DateFormat::parse(const ecs::Value& value) const
{
    if (value.isNumber()) {
        const bool seconds = !parts_.empty() && parts_.front().kind == Part::Kind::EpochSecond;
        return parseEpoch(value, seconds ? nsPerSecond : nsPerMilli);
    }
    if (!value.isString())
        return std::nullopt;
    const std::string& text = value.asString();
    for (const auto& part : parts_) {
        std::optional<std::int64_t> ns;
        switch (part.kind) {
        case Part::Kind::Iso:
            ns = ecs::parseIsoTimestamp(text);
            break;
        case Part::Kind::EpochMillis:
            ns = parseEpoch(value, nsPerMilli);
            break;
        case Part::Kind::EpochSecond:
            ns = parseEpoch(value, nsPerSecond);
            break;
        case Part::Kind::Pattern:
            if (const auto fields = matchPattern(part.pattern, text))
                ns = toNanoseconds(*fields);
            break;
        }
        if (ns)
            return ns;
    }
    return std::nullopt;
}

} // namespace spoor::eql
