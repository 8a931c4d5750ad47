#include "eql/value_ops.h"

#include "ecs/timestamp.h"
#include "eql/string_matcher.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace spoor::eql {

namespace {

int sign(double d)
{
    return d < 0 ? -1 : (d > 0 ? 1 : 0);
}

std::optional<int> compareNumbers(const ecs::Value& a, const ecs::Value& b)
{
    if (a.isInt() && b.isInt())
        return a.asInt() < b.asInt() ? -1 : (a.asInt() > b.asInt() ? 1 : 0);
    const double x = a.toDouble(), y = b.toDouble();
    if (std::isnan(x) || std::isnan(y))
        return std::nullopt;
    return sign(x - y);
}

// Parses an ISO-8601 date-time ("2024-04-02T10:00:00Z") to nanoseconds; nullopt for other strings.
std::optional<std::int64_t> parseDate(const std::string& text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    return ecs::parseIsoTimestamp(text);
}

// Compares an ISO date string with epoch milliseconds, as Elasticsearch does for date fields.
std::optional<int> compareDateWithMillis(const std::string& date, const ecs::Value& millis)
{
    const auto ns = parseDate(date);
    if (!ns)
        return std::nullopt;
    const double ms = static_cast<double>(*ns) / 1e6;
    return sign(ms - millis.toDouble());
}

} // namespace

std::optional<ecs::Value> parseNumber(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    const char first = text[0];
    const bool digitFollows = text.size() > 1 && text[1] >= '0' && text[1] <= '9';
    if (!(first >= '0' && first <= '9') && !((first == '-' || first == '.') && digitFollows))
        return std::nullopt; // from_chars would also accept "inf" and "nan"
    std::int64_t integer = 0;
    const char* end = text.data() + text.size();
    auto result = std::from_chars(text.data(), end, integer);
    if (result.ec == std::errc() && result.ptr == end)
        return ecs::Value(integer);
    double decimal = 0;
    result = std::from_chars(text.data(), end, decimal);
    if (result.ec == std::errc() && result.ptr == end)
        return ecs::Value(decimal);
    return std::nullopt;
}

std::optional<int> compareScalars(const ecs::Value& a, const ecs::Value& b)
{
    if (a.isNumber() && b.isNumber())
        return compareNumbers(a, b);
    if (a.isString() && b.isString()) {
        const auto x = parseDate(a.asString());
        const auto y = x ? parseDate(b.asString()) : std::nullopt;
        if (x && y)
            return *x < *y ? -1 : (*x > *y ? 1 : 0);
        const int c = a.asString().compare(b.asString());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.isBool() && b.isBool())
        return static_cast<int>(a.asBool()) - static_cast<int>(b.asBool());
    if (a.isString() && b.isNumber()) {
        const auto parsed = parseNumber(a.asString());
        return parsed ? compareNumbers(*parsed, b) : compareDateWithMillis(a.asString(), b);
    }
    if (a.isNumber() && b.isString()) {
        const auto order = compareScalars(b, a);
        return order ? std::optional<int>(-*order) : std::nullopt;
    }
    if (a.isBool() && b.isString())
        return b.asString() == (a.asBool() ? "true" : "false") ? std::optional<int>(0) : std::nullopt;
    if (a.isString() && b.isBool())
        return a.asString() == (b.asBool() ? "true" : "false") ? std::optional<int>(0) : std::nullopt;
    return std::nullopt;
}

bool scalarsEqual(const ecs::Value& a, const ecs::Value& b, bool caseInsensitive)
{
    if (caseInsensitive && a.isString() && b.isString())
        return foldCase(a.asString()) == foldCase(b.asString());
    const auto order = compareScalars(a, b);
    return order && *order == 0;
}

bool isAbsent(const ecs::Value* value)
{
    if (!value || value->isNull())
        return true;
    if (!value->isArray())
        return false;
    for (const auto& element : value->asArray()) {
        if (!element.isNull())
            return false;
    }
    return true;
}

} // namespace spoor::eql
