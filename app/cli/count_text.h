#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace spoor::cli {

// Returns the count followed by the singular noun when it is 1 and the plural otherwise: "1 finding",
// "0 findings", "2 matches".
inline std::string countText(std::uint64_t count, std::string_view singular, std::string_view plural)
{
    return std::to_string(count) + ' ' + std::string(count == 1 ? singular : plural);
}

} // namespace spoor::cli
