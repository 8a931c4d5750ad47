#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace spoor::eql {

// Folds ASCII letters to lower case. Non-ASCII text is compared as is.
// TODO: fold non-ASCII letters too; Elasticsearch lower-cases with Java's Unicode rules.
std::string foldCase(std::string_view text);

// A compiled pattern of the EQL operators ":", like, like~, regex and regex~, matched against the whole string.
class StringMatcher
{
public:
    // `*` matches any run of characters and `?` exactly one. There is no escape character: a backslash is a
    // literal backslash.
    static StringMatcher wildcard(std::string_view pattern, bool caseInsensitive);

    // Lucene regular expression syntax, anchored at both ends. Throws std::invalid_argument with RE2's
    // message when the pattern does not compile.
    static StringMatcher regex(std::string_view pattern, bool caseInsensitive);

    bool matches(std::string_view text) const;

private:
    bool wildcardMatches(std::string_view text) const;

    std::string pattern_; // folded when case-insensitive
    bool caseInsensitive_ = false;
    std::shared_ptr<const re2::RE2> regex_;
};

} // namespace spoor::eql
