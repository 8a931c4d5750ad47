#include "scan/index_filter.h"

namespace spoor::scan {

namespace {

std::string datasetPatternOf(std::string pattern)
{
    // Remote cluster prefixes ("*:logs-...") name other clusters, not datasets.
    if (const auto colon = pattern.find(':'); colon != std::string::npos)
        pattern.erase(0, colon + 1);
    const auto dash = pattern.find('-');
    if (dash == std::string::npos)
        return "*";
    pattern.erase(0, dash + 1);
    if (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, "-*") == 0)
        pattern.resize(pattern.size() - 2);
    return pattern.empty() ? "*" : pattern;
}

} // namespace

IndexFilter::IndexFilter(const std::vector<std::string>& indexPatterns)
{
    for (const auto& pattern : indexPatterns)
        datasetPatterns_.push_back(datasetPatternOf(pattern));
}

bool IndexFilter::covers(std::string_view dataset) const
{
    if (datasetPatterns_.empty() || dataset.empty())
        return true;
    for (const auto& pattern : datasetPatterns_) {
        if (wildcardMatch(pattern, dataset))
            return true;
    }
    return false;
}

bool wildcardMatch(std::string_view pattern, std::string_view text)
{
    // Iterative matcher with single-star backtracking: linear in practice, never recursive.
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t starPattern = std::string_view::npos;
    std::size_t starText = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            starPattern = p++;
            starText = t;
        } else if (starPattern != std::string_view::npos) {
            p = starPattern + 1;
            t = ++starText;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace spoor::scan
