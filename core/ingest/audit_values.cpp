#include "ingest/audit_values.h"

#include <charconv>
#include <cstdio>
#include <map>

namespace spoor::ingest {

namespace {

constexpr int familyUnix = 1;
constexpr int familyInet = 2;
constexpr int familyInet6 = 10;

// Splits an EXECVE key "a12" or "a12[3]" into 12 and the piece index 3 (-1 for a whole argument).
bool parseArgumentKey(std::string_view key, std::size_t& index, int& piece)
{
    if (key.size() < 2 || key[0] != 'a' || key.ends_with("_len"))
        return false;
    const char* end = key.data() + key.size();
    const auto [afterIndex, ec] = std::from_chars(key.data() + 1, end, index);
    if (ec != std::errc())
        return false;
    if (afterIndex == end) {
        piece = -1;
        return true;
    }
    if (*afterIndex != '[' || key.back() != ']')
        return false;
    const auto [afterPiece, pieceError] = std::from_chars(afterIndex + 1, end - 1, piece);
    return pieceError == std::errc() && afterPiece == end - 1 && piece >= 0;
}

// Formats 16 address bytes as RFC 5952 text: lowercase groups, the longest run of two or more zero
// groups (the first when tied) written "::".
std::string formatIpv6(std::string_view bytes)
{
    unsigned groups[8];
    for (std::size_t i = 0; i < 8; ++i)
        groups[i] = static_cast<unsigned>(static_cast<unsigned char>(bytes[2 * i])) << 8 |
                    static_cast<unsigned char>(bytes[2 * i + 1]);
    std::size_t bestStart = 8;
    std::size_t bestLength = 1;
    for (std::size_t start = 0; start < 8; ++start) {
        std::size_t length = 0;
        while (start + length < 8 && groups[start + length] == 0)
            ++length;
        if (length > bestLength) {
            bestStart = start;
            bestLength = length;
        }
    }
    std::string text;
    char group[8];
    for (std::size_t i = 0; i < 8; ++i) {
        if (i == bestStart) {
            text += "::";
            i += bestLength - 1;
            continue;
        }
        if (!text.empty() && text.back() != ':')
            text += ':';
        std::snprintf(group, sizeof group, "%x", groups[i]);
        text += group;
    }
    return text;
}

int readFamily(std::string_view bytes, bool bigEndian)
{
    const auto low = static_cast<unsigned char>(bytes[bigEndian ? 1 : 0]);
    const auto high = static_cast<unsigned char>(bytes[bigEndian ? 0 : 1]);
    return high << 8 | low;
}

int readPort(std::string_view bytes)
{
    return static_cast<unsigned char>(bytes[2]) << 8 | static_cast<unsigned char>(bytes[3]);
}

} // namespace

std::optional<std::vector<std::string>> execveArguments(const AuditEvent& event)
{
    bool found = false;
    std::optional<std::size_t> argc;
    std::map<std::size_t, std::map<int, std::string>> pieces;
    for (const auto& record : event.records) {
        if (record.type != "EXECVE")
            continue;
        found = true;
        for (const auto& field : record.fields) {
            std::size_t index = 0;
            int piece = -1;
            if (field.key == "argc") {
                if (auto count = parseDecimalNumber(field.value); count && *count >= 0)
                    argc = static_cast<std::size_t>(*count);
            } else if (parseArgumentKey(field.key, index, piece)) {
                pieces[index][piece] = field.value;
            }
        }
    }
    if (!found)
        return std::nullopt;
    std::vector<std::string> arguments;
    for (auto& [index, parts] : pieces) {
        if (argc && index >= *argc)
            break;
        if (index > arguments.size())
            arguments.resize(index); // a missing argument (a lost record) stays empty
        std::string argument;
        for (auto& [piece, text] : parts)
            argument += text;
        arguments.push_back(std::move(argument));
    }
    return arguments;
}

std::vector<std::string> splitProctitle(std::string_view proctitle)
{
    std::vector<std::string> arguments;
    while (!proctitle.empty()) {
        const std::size_t end = proctitle.find('\0');
        arguments.emplace_back(proctitle.substr(0, end));
        if (end == std::string_view::npos)
            break;
        proctitle.remove_prefix(end + 1);
    }
    while (!arguments.empty() && arguments.back().empty())
        arguments.pop_back();
    return arguments;
}

std::string joinArguments(const std::vector<std::string>& arguments)
{
    std::string joined;
    for (const auto& argument : arguments) {
        if (!joined.empty())
            joined += ' ';
        joined += argument;
    }
    return joined;
}

std::optional<SocketAddress> decodeSockaddr(std::string_view bytes, bool bigEndian)
{
    if (bytes.size() < 2)
        return std::nullopt;
    SocketAddress address;
    const int family = readFamily(bytes, bigEndian);
    if (family == familyInet && bytes.size() >= 8) {
        char text[16];
        std::snprintf(text, sizeof text, "%u.%u.%u.%u", static_cast<unsigned char>(bytes[4]),
                      static_cast<unsigned char>(bytes[5]), static_cast<unsigned char>(bytes[6]),
                      static_cast<unsigned char>(bytes[7]));
        address.family = "ipv4";
        address.ip = text;
        address.port = readPort(bytes);
    } else if (family == familyInet6 && bytes.size() >= 24) {
        address.family = "ipv6";
        address.ip = formatIpv6(bytes.substr(8, 16));
        address.port = readPort(bytes);
    } else if (family == familyUnix) {
        address.family = "unix";
        std::string_view path = bytes.substr(2);
        const bool abstract = !path.empty() && path.front() == '\0';
        if (abstract)
            path.remove_prefix(1);
        path = path.substr(0, path.find('\0'));
        address.path = (abstract ? "@" : "") + std::string(path);
    } else {
        address.family = "family " + std::to_string(family);
    }
    return address;
}

std::optional<std::uint64_t> parseHexNumber(std::string_view text)
{
    if (text.starts_with("0x"))
        text.remove_prefix(2);
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parseDecimalNumber(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

} // namespace spoor::ingest
