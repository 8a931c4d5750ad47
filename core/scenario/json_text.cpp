#include "scenario/json_text.h"

namespace spoor::scenario {

namespace {

constexpr std::int64_t nanosPerSecond = 1'000'000'000;

std::int64_t floorDivide(std::int64_t value, std::int64_t divisor)
{
    const std::int64_t quotient = value / divisor;
    return value % divisor < 0 ? quotient - 1 : quotient;
}

} // namespace

void appendJsonString(std::string& out, std::string_view text)
{
    static constexpr char digits[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += digits[byte >> 4];
            out += digits[byte & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

void TimestampFormatter::appendQuoted(std::string& out, ecs::TimestampNs time, int fractionDigits)
{
    const std::int64_t second = floorDivide(time, nanosPerSecond);
    if (second != cachedSecond_) {
        const std::string full = ecs::formatIsoTimestamp(second * nanosPerSecond, 0);
        cachedPrefix_ = full.substr(0, full.size() - 1); // without the trailing 'Z'
        cachedSecond_ = second;
    }
    out += '"';
    out += cachedPrefix_;
    if (fractionDigits > 0) {
        std::int64_t fraction = time - second * nanosPerSecond;
        for (int i = fractionDigits; i < 9; ++i) {
            fraction /= 10;
        }
        char buffer[9];
        for (int i = fractionDigits - 1; i >= 0; --i) {
            buffer[i] = static_cast<char>('0' + fraction % 10);
            fraction /= 10;
        }
        out += '.';
        out.append(buffer, static_cast<std::size_t>(fractionDigits));
    }
    out += "Z\"";
}

} // namespace spoor::scenario
