#pragma once

#include "ecs/value.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::eql {

// The `format` of an Elasticsearch date field: alternatives separated by "||", each a built-in name
// (strict_date_optional_time, date_optional_time, strict_date_time, date_time, strict_date, date,
// basic_date, epoch_millis, epoch_second and their strict_/_nanos spellings) or a java.time pattern made of
// yyyy, uuuu, yy, MM, M, dd, d, HH, H, mm, ss, S..., X/XX/XXX/Z, quoted 'text' and punctuation.
class DateFormat
{
public:
    // The default of a date field: "strict_date_optional_time||epoch_millis".
    DateFormat();

    // Compiles a format. Throws std::invalid_argument naming the unsupported part.
    static DateFormat compile(std::string_view format);

    // Returns the instant of a field value in nanoseconds since the epoch: strings are parsed with the
    // alternatives in order, numbers are epoch milliseconds (seconds when the format is epoch_second).
    // Returns nullopt when no alternative accepts the value.
    std::optional<std::int64_t> parse(const ecs::Value& value) const;

    const std::string& text() const { return text_; }
    bool isDefault() const { return text_.empty(); }

private:
    struct Part
    {
        enum class Kind { Iso, EpochMillis, EpochSecond, Pattern };
        Kind kind = Kind::Iso;
        std::string pattern;
    };

    std::string text_;
    std::vector<Part> parts_;
};

} // namespace spoor::eql
