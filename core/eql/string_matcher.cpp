#include "eql/string_matcher.h"

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
    options.set_case_sensitive(!caseInsensitive);
    options.set_log_errors(false);
    options.set_dot_nl(true);
    auto compiled = std::make_shared<const RE2>(luceneToRe2(pattern), options);
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
