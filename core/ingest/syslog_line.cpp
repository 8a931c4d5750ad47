#include "ingest/syslog_line.h"

#include <algorithm>
#include <array>

namespace spoor::ingest {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view text)
{
    for (const char c : text) {
        if (!isDigit(c))
            return false;
    }
    return !text.empty();
}

// Removes the spaces before the next token and the token itself from `text`, and returns the token.
std::string_view takeToken(std::string_view& text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    const std::size_t end = std::min(text.find(' '), text.size());
    const std::string_view token = text.substr(0, end);
    text.remove_prefix(end);
    return token;
}

// Removes the one space that separates a header from the message.
std::string_view afterSeparator(std::string_view text)
{
    if (text.starts_with(' '))
        text.remove_prefix(1);
    return text;
}

bool isMonth(std::string_view token)
{
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (const auto month : months) {
        if (token == month)
            return true;
    }
    return false;
}

// "10:00:01"
bool isClockTime(std::string_view token)
{
    return token.size() == 8 && token[2] == ':' && token[5] == ':' && allDigits(token.substr(0, 2)) &&
           allDigits(token.substr(3, 2)) && allDigits(token.substr(6, 2));
}

// "2026-12-04T10:00:01" with optional fraction and zone.
bool isIsoTimestamp(std::string_view token)
{
    return token.size() >= 19 && allDigits(token.substr(0, 4)) && token[4] == '-' && token[7] == '-' &&
           token[10] == 'T' && isClockTime(token.substr(11, 8));
}

// Removes "<PRI>" (one to three digits) from the start of `text`. Returns false when there is none.
bool removePriority(std::string_view& text)
{
    if (!text.starts_with('<'))
        return false;
    const std::size_t close = text.find('>');
    if (close == std::string_view::npos || close > 4 || !allDigits(text.substr(1, close - 1)))
        return false;
    text.remove_prefix(close + 1);
    return true;
}

std::string_view nilToEmpty(std::string_view value)
{
    return value == "-" ? std::string_view() : value;
}

// Removes RFC 5424 STRUCTURED-DATA: "-" or one or more "[id name="value" ...]", where a value may contain
// '\]' and '\"'. Returns false when it is malformed.
bool removeStructuredData(std::string_view& text)
{
    if (text.starts_with('-')) {
        text.remove_prefix(1);
        return true;
    }
    if (!text.starts_with('['))
        return false;
    while (text.starts_with('[')) {
        bool quoted = false;
        std::size_t i = 1;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (quoted && c == '\\')
                ++i;
            else if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == ']')
                break;
        }
        if (i >= text.size())
            return false;
        text.remove_prefix(i + 1);
    }
    return true;
}

std::optional<SyslogLine> parseRfc5424(std::string_view text)
{
    const std::string_view version = takeToken(text);
    const std::string_view timestamp = takeToken(text);
    if (!allDigits(version) || (timestamp != "-" && !isIsoTimestamp(timestamp)))
        return std::nullopt;
    SyslogLine line;
    line.hostname = nilToEmpty(takeToken(text));
    line.appname = nilToEmpty(takeToken(text));
    line.procid = nilToEmpty(takeToken(text));
    takeToken(text); // MSGID
    text = afterSeparator(text);
    if (!removeStructuredData(text))
        return std::nullopt;
    text = afterSeparator(text);
    if (text.starts_with("\xef\xbb\xbf"))
        text.remove_prefix(3);
    line.message = text;
    return line;
}

std::optional<SyslogLine> parseBsd(std::string_view text)
{
    const std::string_view first = takeToken(text);
    if (!isIsoTimestamp(first)) {
        const std::string_view day = takeToken(text);
        const std::string_view time = takeToken(text);
        if (!isMonth(first) || day.size() > 2 || !allDigits(day) || !isClockTime(time))
            return std::nullopt;
    }
    SyslogLine line;
    line.hostname = takeToken(text);
    if (line.hostname.empty())
        return std::nullopt;
    text = afterSeparator(text);
    std::string_view rest = text;
    std::string_view tag = takeToken(rest);
    if (!tag.ends_with(':')) {
        line.message = text;
        return line;
    }
    tag.remove_suffix(1);
    const std::size_t bracket = tag.find('[');
    line.appname = tag.substr(0, bracket);
    if (bracket != std::string_view::npos && tag.ends_with(']'))
        line.procid = tag.substr(bracket + 1, tag.size() - bracket - 2);
    line.message = afterSeparator(rest);
    return line;
}

} // namespace

std::optional<SyslogLine> parseSyslogLine(std::string_view line)
{
    // After "<PRI>", RFC 5424 has its version ("1") where BSD syslog has a month or an ISO-8601 date.
    if (removePriority(line)) {
        const std::size_t space = line.find(' ');
        if (space != std::string_view::npos && space <= 2 && allDigits(line.substr(0, space)))
            return parseRfc5424(line);
    }
    return parseBsd(line);
}

} // namespace spoor::ingest
