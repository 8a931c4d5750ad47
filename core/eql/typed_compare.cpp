#include "eql/typed_compare.h"

#include "ecs/timestamp.h"
#include "eql/value_ops.h"

#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <vector>

namespace spoor::eql {

namespace {

int sign(int c)
{
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

template <typename T> int order(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

bool isDigits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// Orders two digit strings numerically, whatever their length.
int compareDigits(std::string_view a, std::string_view b)
{
    a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
    b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return sign(a.compare(b));
}

struct Version
{
    std::vector<std::string_view> release;
    std::vector<std::string_view> preRelease;
    std::string_view build;
    bool valid = false;
};

Version parseVersion(std::string_view text)
{
    Version version;
    const std::size_t plus = text.find('+');
    if (plus != std::string_view::npos) {
        version.build = text.substr(plus + 1);
        text = text.substr(0, plus);
    }
    const std::size_t dash = text.find('-');
    version.release = split(text.substr(0, dash), '.');
    if (dash != std::string_view::npos)
        version.preRelease = split(text.substr(dash + 1), '.');
    version.valid = true;
    for (const auto part : version.release)
        version.valid = version.valid && isDigits(part);
    for (const auto part : version.preRelease)
        version.valid = version.valid && !part.empty();
    return version;
}

int comparePreRelease(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b)
{
    if (a.empty() != b.empty())
        return a.empty() ? 1 : -1; // a release follows its pre-releases
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const bool numericA = isDigits(a[i]), numericB = isDigits(b[i]);
        int c = 0;
        if (numericA && numericB)
            c = compareDigits(a[i], b[i]);
        else if (numericA != numericB)
            c = numericA ? -1 : 1;
        else
            c = sign(a[i].compare(b[i]));
        if (c != 0)
            return c;
    }
    return order(a.size(), b.size());
}

std::optional<std::array<unsigned char, 16>> parseIp(const std::string& text)
{
    unsigned char buffer[16] = {};
    if (inet_pton(AF_INET, text.c_str(), buffer) == 1)
        return std::array<unsigned char, 16>{0, 0, 0,    0,    0,         0,         0,         0,
                                             0, 0, 0xFF, 0xFF, buffer[0], buffer[1], buffer[2], buffer[3]};
    if (inet_pton(AF_INET6, text.c_str(), buffer) == 1) {
        std::array<unsigned char, 16> address{};
        std::memcpy(address.data(), buffer, address.size());
        return address;
    }
    return std::nullopt;
}

std::string formatIp(const std::array<unsigned char, 16>& address)
{
    static constexpr std::array<unsigned char, 12> v4Prefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    char text[INET6_ADDRSTRLEN] = {};
    if (std::memcmp(address.data(), v4Prefix.data(), v4Prefix.size()) == 0)
        inet_ntop(AF_INET, address.data() + 12, text, sizeof text);
    else
        inet_ntop(AF_INET6, address.data(), text, sizeof text);
    return text;
}

std::string textOf(const ecs::Value& value)
{
    return value.isString() ? value.asString() : value.toString();
}

// Parses a date with the field's format, then with the default one: FieldMappings::normalize() turns
// custom-format dates into ISO-8601 strings, and query constants may be written either way.
std::optional<std::int64_t> parseDate(const FieldMapping& mapping, const ecs::Value& value)
{
    static const DateFormat defaultFormat;
    if (mapping.date) {
        if (const auto ns = mapping.date->parse(value))
            return ns;
    }
    return defaultFormat.parse(value);
}

std::optional<int> compareDates(const FieldMapping& mapping, const ecs::Value& fieldValue, const ecs::Value& constant)
{
    const auto left = parseDate(mapping, fieldValue), right = parseDate(mapping, constant);
    if (!left || !right)
        return std::nullopt;
    return order(*left, *right);
}

} // namespace

int compareVersions(std::string_view a, std::string_view b)
{
    const Version x = parseVersion(a), y = parseVersion(b);
    if (x.valid != y.valid)
        return x.valid ? -1 : 1;
    if (!x.valid)
        return sign(a.compare(b));
    for (std::size_t i = 0; i < x.release.size() || i < y.release.size(); ++i) {
        const std::string_view p = i < x.release.size() ? x.release[i] : "0";
        const std::string_view q = i < y.release.size() ? y.release[i] : "0";
        if (const int c = compareDigits(p, q))
            return c;
    }
    if (const int c = comparePreRelease(x.preRelease, y.preRelease))
        return c;
    return sign(x.build.compare(y.build));
}

std::optional<int> compareTyped(const FieldMapping* mapping, const ecs::Value& fieldValue, const ecs::Value& constant)
{
    if (!mapping || fieldValue.isNull() || constant.isNull() || fieldValue.isArray() || constant.isArray())
        return compareScalars(fieldValue, constant);
    switch (mapping->type) {
    case FieldType::Date:
    case FieldType::DateNanos:
        return compareDates(*mapping, fieldValue, constant);
    case FieldType::Ip: {
        const auto left = parseIp(textOf(fieldValue)), right = parseIp(textOf(constant));
        if (!left || !right)
            return compareScalars(fieldValue, constant);
        return order(*left, *right);
    }
    case FieldType::Version:
        return compareVersions(textOf(fieldValue), textOf(constant));
    case FieldType::Keyword:
    case FieldType::Text:
        if (fieldValue.isString() && constant.isString())
            return sign(fieldValue.asString().compare(constant.asString()));
        break;
    default:
        break;
    }
    return compareScalars(fieldValue, constant);
}

ecs::Value keyValue(const FieldMapping* mapping, const ecs::Value& value, bool epochMillis)
{
    if (!mapping || value.isNull() || value.isArray())
        return value;
    if (mapping->type == FieldType::Date || mapping->type == FieldType::DateNanos) {
        const auto ns = parseDate(*mapping, value);
        if (!ns)
            return value;
        if (epochMillis)
            return ecs::Value(*ns / 1'000'000 - (*ns % 1'000'000 < 0 ? 1 : 0));
        return ecs::Value(ecs::formatIsoTimestamp(*ns, mapping->type == FieldType::DateNanos ? 9 : 3));
    }
    if (mapping->type == FieldType::Ip) {
        if (const auto address = parseIp(textOf(value)))
            return ecs::Value(formatIp(*address));
    }
    return value;
}

} // namespace spoor::eql
