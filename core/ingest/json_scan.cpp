#include "ingest/json_scan.h"

#include <algorithm>

namespace spoor::ingest {

namespace {

bool endsLiteral(char c)
{
    return isJsonWhitespace(c) || c == ',' || c == ']' || c == '}' || c == ':';
}

// Returns the index just after the closing quote of the string opening at text[from], or npos.
std::size_t stringEnd(std::string_view text, std::size_t from)
{
    for (std::size_t i = from + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i + 1;
    }
    return std::string_view::npos;
}

} // namespace

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::size_t skipWhitespace(std::string_view text, std::size_t from)
{
    while (from < text.size() && isJsonWhitespace(text[from]))
        ++from;
    return from;
}

ValueScanner::Status ValueScanner::scanLiteral(std::string_view text, bool endOfInput)
{
    while (position_ < text.size() && !endsLiteral(text[position_]))
        ++position_;
    if (position_ < text.size() || endOfInput)
        return position_ > 0 ? Status::Complete : Status::Invalid;
    return Status::NeedMore;
}

ValueScanner::Status ValueScanner::scan(std::string_view text, bool endOfInput)
{
    if (kind_ == Kind::Unknown) {
        if (position_ >= text.size())
            return endOfInput ? Status::Invalid : Status::NeedMore;
        const char first = text[position_];
        if (first == '{' || first == '[')
            kind_ = Kind::Container;
        else if (first == '"')
            kind_ = Kind::String;
        else if (first == '}' || first == ']' || first == ',' || first == ':')
            return Status::Invalid;
        else
            kind_ = Kind::Literal;
    }
    if (kind_ == Kind::Literal)
        return scanLiteral(text, endOfInput);

    const char* data = text.data();
    const std::size_t size = text.size();
    for (std::size_t i = position_; i < size; ++i) {
        const char c = data[i];
        if (inString_) {
            if (escaped_) {
                escaped_ = false;
            } else if (c == '\\') {
                escaped_ = true;
            } else if (c == '"') {
                inString_ = false;
                if (depth_ == 0) {
                    position_ = i + 1;
                    return Status::Complete;
                }
            }
            continue;
        }
        if (c == '"') {
            inString_ = true;
        } else if (c == '{' || c == '[') {
            if (++depth_ > maxDepth_)
                maxDepth_ = depth_;
        } else if (c == '}' || c == ']') {
            if (depth_ == 0) {
                position_ = i;
                return Status::Invalid;
            }
            if (--depth_ == 0) {
                position_ = i + 1;
                return Status::Complete;
            }
        }
    }
    position_ = size;
    return endOfInput ? Status::Invalid : Status::NeedMore;
}

std::size_t nestingDepth(std::string_view text, std::size_t limit)
{
    std::size_t depth = 0;
    std::size_t deepest = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t end = stringEnd(text, i);
            if (end == std::string_view::npos)
                break;
            i = end - 1;
        } else if (c == '{' || c == '[') {
            ++depth;
            deepest = std::max(deepest, depth);
            if (deepest > limit)
                break;
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

bool forEachMember(
    std::string_view object,
    const std::function<void(std::string_view key, std::string_view value, std::size_t valueOffset)>& member)
{
    std::size_t i = skipWhitespace(object);
    if (i >= object.size() || object[i] != '{')
        return false;
    i = skipWhitespace(object, i + 1);
    if (i < object.size() && object[i] == '}')
        return skipWhitespace(object, i + 1) == object.size();
    while (i < object.size()) {
        if (object[i] != '"')
            return false;
        const std::size_t keyEnd = stringEnd(object, i);
        if (keyEnd == std::string_view::npos)
            return false;
        const std::string_view key = object.substr(i + 1, keyEnd - i - 2);
        i = skipWhitespace(object, keyEnd);
        if (i >= object.size() || object[i] != ':')
            return false;
        i = skipWhitespace(object, i + 1);
        ValueScanner scanner;
        if (scanner.scan(object.substr(i), false) != ValueScanner::Status::Complete)
            return false;
        member(key, object.substr(i, scanner.scanned()), i);
        i = skipWhitespace(object, i + scanner.scanned());
        if (i < object.size() && object[i] == '}')
            return skipWhitespace(object, i + 1) == object.size();
        if (i >= object.size() || object[i] != ',')
            return false;
        i = skipWhitespace(object, i + 1);
    }
    return false;
}

} // namespace spoor::ingest
