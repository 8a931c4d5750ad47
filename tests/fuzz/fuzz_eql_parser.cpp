#include "eql/eql_error.h"
#include "eql/query.h"
#include "fuzz_targets.h"

#include <string_view>

namespace spoor::fuzz {

int fuzzEqlParser(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto query = eql::Query::parse(text);
        // The accessors walk the analysed tree, so a malformed tree shows up here too.
        static_cast<void>(query.kind());
        static_cast<void>(query.stepCount());
        static_cast<void>(query.fieldNames());
        static_cast<void>(query.maxspanNs());
    } catch (const eql::EqlError&) {
    }
    return 0;
}

} // namespace spoor::fuzz
