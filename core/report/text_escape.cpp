#include "report/text_escape.h"

namespace spoor::report {

namespace {

// Returns the length of the valid UTF-8 sequence at the start of `text`, or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t validSequenceLength(std::string_view text)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (text.size() < length || byte(1) < low || byte(1) > high)
        return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF)
            return 0;
    }
    return length;
}

} // namespace

std::string validUtf8(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    while (!text.empty()) {
        const std::size_t length = validSequenceLength(text);
        if (length == 0) {
            result += "\xEF\xBF\xBD";
            text.remove_prefix(1);
        } else {
            result.append(text.substr(0, length));
            text.remove_prefix(length);
        }
    }
    return result;
}

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

std::string hexByte(unsigned char byte)
{
    return {hexDigits[byte >> 4], hexDigits[byte & 0x0F]};
}

// Returns true for the two-byte UTF-8 form of a C1 control character, U+0080 to U+009F.
bool isC1At(std::string_view text, std::size_t i)
{
    return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
           static_cast<unsigned char>(text[i + 1]) <= 0x9F;
}

bool isC0OrDelete(unsigned char byte)
{
    return byte < 0x20 || byte == 0x7F;
}

} // namespace

std::string escapeControlCharacters(std::string_view text)
{
    const std::string valid = validUtf8(text);
    std::string result;
    result.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        const auto byte = static_cast<unsigned char>(valid[i]);
        if (byte == '\n') {
            result += "\\n";
        } else if (byte == '\r') {
            result += "\\r";
        } else if (byte == '\t') {
            result += "\\t";
        } else if (isC0OrDelete(byte)) {
            result += "\\x" + hexByte(byte);
        } else if (isC1At(valid, i)) {
            result += "\\u00" + hexByte(static_cast<unsigned char>(valid[++i]));
        } else {
            result += valid[i];
        }
    }
    return result;
}

std::string escapeJsonControlCharacters(std::string_view json)
{
    const std::string valid = validUtf8(json);
    std::string result;
    result.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        const auto byte = static_cast<unsigned char>(valid[i]);
        if (byte == '\n' || byte == '\r' || byte == '\t') {
            result += valid[i];
        } else if (isC0OrDelete(byte)) {
            result += "\\u00" + hexByte(byte);
        } else if (isC1At(valid, i)) {
            result += "\\u00" + hexByte(static_cast<unsigned char>(valid[++i]));
        } else {
            result += valid[i];
        }
    }
    return result;
}

std::string escapeHtml(std::string_view text)
{
    std::string result;
    for (const char c : validUtf8(text)) {
        switch (c) {
        case '&':
            result += "&amp;";
            break;
        case '<':
            result += "&lt;";
            break;
        case '>':
            result += "&gt;";
            break;
        case '"':
            result += "&quot;";
            break;
        case '\'':
            result += "&#39;";
            break;
        default:
            result += c;
        }
    }
    return result;
}

bool isWebUrl(std::string_view url)
{
    return url.starts_with("https://") || url.starts_with("http://");
}

} // namespace spoor::report
