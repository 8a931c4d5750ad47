#include "report/timestamp_text.h"

#include <algorithm>
#include <cctype>

namespace spoor::report {

int fractionDigitsOf(std::string_view isoText)
{
    const std::size_t timeStart = isoText.find_first_of("T ");
    if (timeStart == std::string_view::npos)
        return isoText.find('-') == std::string_view::npos ? 3 : 0;
    const std::size_t separator = isoText.find_first_of(".,", timeStart);
    if (separator == std::string_view::npos)
        return 0;
    int digits = 0;
    for (std::size_t i = separator + 1; i < isoText.size() && std::isdigit(static_cast<unsigned char>(isoText[i])); ++i)
        ++digits;
    return std::min(digits, 9);
}

std::string formatExactTimestamp(ecs::TimestampNs ns)
{
    const ecs::TimestampNs subsecond = ((ns % 1'000'000'000) + 1'000'000'000) % 1'000'000'000;
    int digits = 9;
    if (subsecond == 0)
        digits = 0;
    else if (subsecond % 1'000'000 == 0)
        digits = 3;
    else if (subsecond % 1'000 == 0)
        digits = 6;
    return ecs::formatIsoTimestamp(ns, digits);
}

} // namespace spoor::report
