#include "eql/string_matcher.h"

#include <algorithm>
#include <re2/re2.h>
#include <stdexcept>

namespace spoor::eql {

namespace {

std::size_t utf8Length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 1;
}

// Translates a Lucene regular expression to RE2 syntax. Lucene treats "\x" as the literal x for every x
// (so \d is the letter d) and "..." as a quoted literal string.
// TODO: support Lucene's optional operators @ (any string), & (intersection), ~ (complement) and <n-m>.
std::string luceneToRe2(std::string_view pattern)
{
    std::string out;
    out.reserve(pattern.size() + 8);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            out += RE2::QuoteMeta(std::string_view(&pattern[i + 1], 1));
            ++i;
        } else if (c == '"') {
            const std::size_t end = pattern.find('"', i + 1);
            const std::size_t stop = end == std::string_view::npos ? pattern.size() : end;
            out += "(?:" + RE2::QuoteMeta(pattern.substr(i + 1, stop - i - 1)) + ")";
            i = stop;
        } else if (c == '@' || c == '&' || c == '~' || c == '<' || c == '>' || c == '#') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char otherCase(char c)
{
    return static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c - 'A' + 'a');
}

// Returns the length of the character-class item at `i`: 2 for an escape pair, else 1 (one byte).
std::size_t classItemLength(std::string_view pattern, std::size_t i)
{
    return pattern[i] == '\\' && i + 1 < pattern.size() ? 2 : 1;
}

// Appends the part of the range lo-hi that falls in [from, to], shifted into the other case.
void appendOtherCaseRange(char lo, char hi, char from, char to, std::string& out)
{
    const char first = std::max(lo, from);
    const char last = std::min(hi, to);
    if (first > last)
        return;
    out += otherCase(first);
    out += '-';
    out += otherCase(last);
}

// Copies the character class that starts at pattern[i] == '[' with the other case of each ASCII letter added,
// and returns the position of its closing ']'.
std::size_t foldClass(std::string_view pattern, std::size_t i, std::string& out)
{
    out += pattern[i++];
    if (i < pattern.size() && pattern[i] == '^')
        out += pattern[i++];
    bool first = true;
    while (i < pattern.size() && (pattern[i] != ']' || first)) {
        first = false;
        const std::size_t loLength = classItemLength(pattern, i);
        const std::string_view lo = pattern.substr(i, loLength);
        i += loLength;
        const bool range = i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']';
        if (!range) {
            out += lo;
            if (lo.size() == 1 && isAsciiLetter(lo[0]))
                out += otherCase(lo[0]);
            continue;
        }
        const std::size_t hiLength = classItemLength(pattern, i + 1);
        const std::string_view hi = pattern.substr(i + 1, hiLength);
        i += 1 + hiLength;
        out += lo;
        out += '-';
        out += hi;
        const char loChar = lo.back();
        const char hiChar = hi.back();
        // A byte of a multi-byte UTF-8 character is no ASCII letter, and such a range is copied as it is.
        if (static_cast<unsigned char>(loChar) >= 0x80 || static_cast<unsigned char>(hiChar) >= 0x80)
            continue;
        appendOtherCaseRange(loChar, hiChar, 'A', 'Z', out);
        appendOtherCaseRange(loChar, hiChar, 'a', 'z', out);
    }
    if (i < pattern.size())
        out += pattern[i];
    return i;
}

// Rewrites a pattern from luceneToRe2 so that each ASCII letter also matches its other case. RE2's own
// case-insensitive mode folds Unicode letters too (é matches É), and EQL's other case-insensitive operators
// fold ASCII only. The rewrite relies on luceneToRe2 emitting letters only as literals.
std::string foldAsciiLetters(std::string_view pattern)
{
    std::string out;
    out.reserve(pattern.size() * 2);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            out += pattern.substr(i, 2);
            ++i;
        } else if (c == '[') {
            i = foldClass(pattern, i, out);
        } else if (isAsciiLetter(c)) {
            out += '[';
            out += c;
            out += otherCase(c);
            out += ']';
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

std::string foldCase(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

StringMatcher StringMatcher::wildcard(std::string_view pattern, bool caseInsensitive)
{
    StringMatcher matcher;
    matcher.caseInsensitive_ = caseInsensitive;
    matcher.pattern_ = caseInsensitive ? foldCase(pattern) : std::string(pattern);
    return matcher;
}

StringMatcher StringMatcher::regex(std::string_view pattern, bool caseInsensitive)
{
    RE2::Options options;
    options.set_log_errors(false);
    options.set_dot_nl(true);
    const std::string translated = luceneToRe2(pattern);
    auto compiled = std::make_shared<const RE2>(caseInsensitive ? foldAsciiLetters(translated) : translated, options);
    if (!compiled->ok())
        throw std::invalid_argument(compiled->error());
    StringMatcher matcher;
    matcher.caseInsensitive_ = caseInsensitive;
    matcher.pattern_ = std::string(pattern);
    matcher.regex_ = std::move(compiled);
    return matcher;
}

bool StringMatcher::matches(std::string_view text) const
{
    if (regex_)
        return RE2::FullMatch(text, *regex_);
    if (!caseInsensitive_)
        return wildcardMatches(text);
    return wildcardMatches(foldCase(text));
}

// Greedy glob matching with one backtrack point (the last `*`), linear in practice.
bool StringMatcher::wildcardMatches(std::string_view text) const
{
    const std::string_view pattern = pattern_;
    std::size_t p = 0, t = 0;
    std::size_t starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == '?') {
            ++p;
            t += utf8Length(static_cast<unsigned char>(text[t]));
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            starT += utf8Length(static_cast<unsigned char>(text[starT]));
            t = starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size() && t == text.size();
}

} // namespace spoor::eql
