#pragma once

#include "ecs/timestamp.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace spoor::scenario {

// Appends `text` as a quoted JSON string.
void appendJsonString(std::string& out, std::string_view text);

// Formats timestamps as "YYYY-MM-DDThh:mm:ss[.fraction]Z", reusing the date and time part while successive
// calls stay within the same second (the documents are written in time order).
class TimestampFormatter
{
public:
    // Appends the timestamp in quotes with `fractionDigits` digits after the seconds (0 to 9; 0 omits them).
    void appendQuoted(std::string& out, ecs::TimestampNs time, int fractionDigits);

private:
    std::int64_t cachedSecond_ = INT64_MIN;
    std::string cachedPrefix_;
};

} // namespace spoor::scenario
