#include "eql/functions.h"

#include "eql/string_matcher.h"
#include "eql/value_ops.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace spoor::eql {

namespace {

constexpr std::size_t variadic = std::numeric_limits<std::size_t>::max();

constexpr std::array functionTable = {
    FunctionInfo{Function::Add, "add", 2, 2, false},
    FunctionInfo{Function::Between, "between", 3, 4, true},
    FunctionInfo{Function::CidrMatch, "cidrMatch", 2, variadic, false},
    FunctionInfo{Function::Concat, "concat", 1, variadic, false},
    FunctionInfo{Function::Divide, "divide", 2, 2, false},
    FunctionInfo{Function::EndsWith, "endsWith", 2, 2, true},
    FunctionInfo{Function::IndexOf, "indexOf", 2, 3, true},
    FunctionInfo{Function::Length, "length", 1, 1, false},
    FunctionInfo{Function::Modulo, "modulo", 2, 2, false},
    FunctionInfo{Function::Multiply, "multiply", 2, 2, false},
    FunctionInfo{Function::Number, "number", 1, 2, false},
    FunctionInfo{Function::StartsWith, "startsWith", 2, 2, true},
    FunctionInfo{Function::String, "string", 1, 1, false},
    FunctionInfo{Function::StringContains, "stringContains", 2, 2, true},
    FunctionInfo{Function::Substring, "substring", 2, 3, false},
    FunctionInfo{Function::Subtract, "subtract", 2, 2, false},
};

// Text of a string argument; numbers and booleans are used in their string form, as keyword fields hold them.
std::string text(const ecs::Value& value)
{
    return value.isString() ? value.asString() : value.toString();
}

std::u32string decodeUtf8(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
        if (i + length > s.size())
            length = 1;
        char32_t code = length == 1 ? lead : lead & (0x3F >> (length - 1));
        for (std::size_t k = 1; k < length; ++k)
            code = (code << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out += code;
        i += length;
    }
    return out;
}

std::string encodeUtf8(std::u32string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (const char32_t c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::u32string foldedCodePoints(const ecs::Value& value, bool caseInsensitive)
{
    return decodeUtf8(caseInsensitive ? foldCase(text(value)) : text(value));
}

bool anyNull(std::span<const ecs::Value> args, std::size_t count)
{
    for (std::size_t i = 0; i < count && i < args.size(); ++i) {
        if (args[i].isNull())
            return true;
    }
    return false;
}

ecs::Value between(std::span<const ecs::Value> args, bool caseInsensitive)
{
    if (anyNull(args, 3))
        return {};
    const bool greedy = args.size() > 3 && args[3].isBool() && args[3].asBool();
    const std::u32string source = decodeUtf8(text(args[0]));
    const std::u32string haystack = foldedCodePoints(args[0], caseInsensitive);
    const std::u32string left = foldedCodePoints(args[1], caseInsensitive);
    const std::u32string right = foldedCodePoints(args[2], caseInsensitive);
    std::size_t start = haystack.find(left);
    if (start == std::u32string::npos)
        return ecs::Value("");
    start += left.size();
    const std::size_t end = greedy ? haystack.rfind(right) : haystack.find(right, start);
    if (end == std::u32string::npos || end < start)
        return ecs::Value("");
    return ecs::Value(encodeUtf8(std::u32string_view(source).substr(start, end - start)));
}

// Parses "a.b.c.d" or an IPv6 address into 16 bytes (IPv4 as an IPv4-mapped IPv6 address).
bool parseIp(const std::string& s, std::array<unsigned char, 16>& out, bool& v4)
{
    unsigned char buffer[16] = {};
    if (inet_pton(AF_INET, s.c_str(), buffer) == 1) {
        out = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, buffer[0], buffer[1], buffer[2], buffer[3]};
        v4 = true;
        return true;
    }
    if (inet_pton(AF_INET6, s.c_str(), buffer) == 1) {
        std::memcpy(out.data(), buffer, 16);
        v4 = false;
        return true;
    }
    return false;
}

bool inBlock(const std::array<unsigned char, 16>& ip, const std::string& cidr)
{
    const std::size_t slash = cidr.find('/');
    std::array<unsigned char, 16> network{};
    bool v4 = false;
    if (!parseIp(cidr.substr(0, slash), network, v4))
        return false;
    int prefix = v4 ? 32 : 128;
    if (slash != std::string::npos) {
        const auto parsed = parseNumber(std::string_view(cidr).substr(slash + 1));
        if (!parsed || !parsed->isInt() || parsed->asInt() < 0 || parsed->asInt() > prefix)
            return false;
        prefix = static_cast<int>(parsed->asInt());
    }
    if (v4)
        prefix += 96;
    for (int bit = 0; bit < prefix; ++bit) {
        const int byte = bit / 8, mask = 0x80 >> (bit % 8);
        if ((ip[byte] & mask) != (network[byte] & mask))
            return false;
    }
    return true;
}

ecs::Value cidrMatch(std::span<const ecs::Value> args)
{
    if (args[0].isNull())
        return {};
    std::array<unsigned char, 16> ip{};
    bool v4 = false;
    if (!parseIp(text(args[0]), ip, v4))
        return ecs::Value(false);
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i].isString() && inBlock(ip, args[i].asString()))
            return ecs::Value(true);
    }
    return ecs::Value(false);
}

ecs::Value concat(std::span<const ecs::Value> args)
{
    std::string out;
    for (const auto& arg : args) {
        if (arg.isNull())
            return {};
        out += text(arg);
    }
    return ecs::Value(std::move(out));
}

// Converts a numeric argument to an integer, truncating doubles toward zero and saturating at the int64
// limits, so that an argument such as 1e19 or NaN cannot overflow the conversion.
std::int64_t integerArgument(const ecs::Value& value)
{
    if (value.isInt())
        return value.asInt();
    const double d = value.toDouble();
    if (std::isnan(d))
        return 0;
    if (d >= 9.2233720368547758e18)
        return std::numeric_limits<std::int64_t>::max();
    if (d <= -9.2233720368547758e18)
        return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(d);
}

ecs::Value indexOf(std::span<const ecs::Value> args, bool caseInsensitive)
{
    if (anyNull(args, 2))
        return {};
    const std::u32string haystack = foldedCodePoints(args[0], caseInsensitive);
    const std::u32string needle = foldedCodePoints(args[1], caseInsensitive);
    std::int64_t start = 0;
    if (args.size() > 2 && args[2].isNumber())
        start = std::max<std::int64_t>(0, integerArgument(args[2]));
    if (start > static_cast<std::int64_t>(haystack.size()))
        return {};
    const std::size_t found = haystack.find(needle, static_cast<std::size_t>(start));
    if (found == std::u32string::npos)
        return {};
    return ecs::Value(static_cast<std::int64_t>(found));
}

ecs::Value substring(std::span<const ecs::Value> args)
{
    if (args[0].isNull())
        return {};
    const std::u32string source = decodeUtf8(text(args[0]));
    const auto length = static_cast<std::int64_t>(source.size());
    auto clampIndex = [length](const ecs::Value& v, std::int64_t fallback) {
        std::int64_t i = v.isNumber() ? integerArgument(v) : fallback;
        if (i < 0)
            i = i < -length ? 0 : i + length;
        return std::min(i, length);
    };
    const std::int64_t start = clampIndex(args[1], 0);
    const std::int64_t end = args.size() > 2 ? clampIndex(args[2], length) : length;
    if (start >= end)
        return ecs::Value("");
    return ecs::Value(encodeUtf8(
        std::u32string_view(source).substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start))));
}

ecs::Value toNumber(std::span<const ecs::Value> args)
{
    if (args[0].isNull())
        return {};
    if (args[0].isNumber())
        return args[0];
    std::string s = text(args[0]);
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    s = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
    const std::int64_t requestedBase = args.size() > 1 && args[1].isNumber() ? integerArgument(args[1]) : 10;
    if (requestedBase < 2 || requestedBase > 36)
        return {};
    int base = static_cast<int>(requestedBase);
    const bool negative = s[0] == '-';
    std::string digits = negative || s[0] == '+' ? s.substr(1) : s;
    if ((base == 10 || base == 16) && digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
        base = 16;
        digits = digits.substr(2);
    }
    if (base == 10)
        return parseNumber(s).value_or(ecs::Value());
    if (base < 2 || base > 36 || digits.empty())
        return {};
    std::int64_t value = 0;
    for (const char c : digits) {
        const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        const int digit = lower >= '0' && lower <= '9'   ? lower - '0'
                          : lower >= 'a' && lower <= 'z' ? lower - 'a' + 10
                                                         : 99;
        if (digit >= base)
            return {};
        if (__builtin_mul_overflow(value, base, &value) || __builtin_add_overflow(value, digit, &value))
            return {}; // beyond int64, where Elasticsearch's Long.parseLong fails too
    }
    return ecs::Value(negative ? -value : value);
}

ecs::Value stringTest(Function function, bool caseInsensitive, std::span<const ecs::Value> args)
{
    if (anyNull(args, 2))
        return {};
    const std::string a = caseInsensitive ? foldCase(text(args[0])) : text(args[0]);
    const std::string b = caseInsensitive ? foldCase(text(args[1])) : text(args[1]);
    switch (function) {
    case Function::StartsWith:
        return ecs::Value(a.starts_with(b));
    case Function::EndsWith:
        return ecs::Value(a.ends_with(b));
    default:
        return ecs::Value(a.find(b) != std::string::npos);
    }
}

std::uint64_t bits(std::int64_t v)
{
    return static_cast<std::uint64_t>(v);
}

ecs::Value integerArithmetic(ArithmeticOp op, std::int64_t a, std::int64_t b)
{
    constexpr std::int64_t minimum = std::numeric_limits<std::int64_t>::min();
    switch (op) {
    case ArithmeticOp::Add:
        return ecs::Value(static_cast<std::int64_t>(bits(a) + bits(b)));
    case ArithmeticOp::Subtract:
        return ecs::Value(static_cast<std::int64_t>(bits(a) - bits(b)));
    case ArithmeticOp::Multiply:
        return ecs::Value(static_cast<std::int64_t>(bits(a) * bits(b)));
    case ArithmeticOp::Divide:
        if (b == 0)
            return {};
        return ecs::Value(a == minimum && b == -1 ? minimum : a / b);
    case ArithmeticOp::Modulo:
        if (b == 0)
            return {};
        return ecs::Value(b == -1 ? std::int64_t(0) : a % b);
    }
    return {};
}

} // namespace

const FunctionInfo* findFunction(std::string_view name, bool& caseInsensitive)
{
    caseInsensitive = name.ends_with('~');
    const std::string folded = foldCase(caseInsensitive ? name.substr(0, name.size() - 1) : name);
    for (const auto& info : functionTable) {
        if (foldCase(info.name) == folded)
            return &info;
    }
    return nullptr;
}

ecs::Value applyArithmetic(ArithmeticOp op, const ecs::Value& a, const ecs::Value& b)
{
    if (!a.isNumber() || !b.isNumber())
        return {};
    if (a.isInt() && b.isInt())
        return integerArithmetic(op, a.asInt(), b.asInt());
    const double x = a.toDouble(), y = b.toDouble();
    switch (op) {
    case ArithmeticOp::Add:
        return ecs::Value(x + y);
    case ArithmeticOp::Subtract:
        return ecs::Value(x - y);
    case ArithmeticOp::Multiply:
        return ecs::Value(x * y);
    case ArithmeticOp::Divide:
        return ecs::Value(x / y);
    case ArithmeticOp::Modulo:
        return ecs::Value(std::fmod(x, y));
    }
    return {};
}

ecs::Value callFunction(Function function, bool caseInsensitive, std::span<const ecs::Value> args)
{
    switch (function) {
    case Function::Add:
        return applyArithmetic(ArithmeticOp::Add, args[0], args[1]);
    case Function::Subtract:
        return applyArithmetic(ArithmeticOp::Subtract, args[0], args[1]);
    case Function::Multiply:
        return applyArithmetic(ArithmeticOp::Multiply, args[0], args[1]);
    case Function::Divide:
        return applyArithmetic(ArithmeticOp::Divide, args[0], args[1]);
    case Function::Modulo:
        return applyArithmetic(ArithmeticOp::Modulo, args[0], args[1]);
    case Function::Between:
        return between(args, caseInsensitive);
    case Function::CidrMatch:
        return cidrMatch(args);
    case Function::Concat:
        return concat(args);
    case Function::IndexOf:
        return indexOf(args, caseInsensitive);
    case Function::Length:
        return args[0].isNull() ? ecs::Value()
                                : ecs::Value(static_cast<std::int64_t>(decodeUtf8(text(args[0])).size()));
    case Function::Number:
        return toNumber(args);
    case Function::String:
        return args[0].isNull() ? ecs::Value() : ecs::Value(text(args[0]));
    case Function::Substring:
        return substring(args);
    case Function::StartsWith:
    case Function::EndsWith:
    case Function::StringContains:
        return stringTest(function, caseInsensitive, args);
    case Function::Unresolved:
        break;
    }
    return {};
}

} // namespace spoor::eql
