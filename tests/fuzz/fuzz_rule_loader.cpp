#include "fuzz_targets.h"
#include "rules/rule_loader.h"

#include <string_view>

namespace spoor::fuzz {

int fuzzRuleLoader(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        static_cast<void>(rules::parseRule(text, "fuzz"));
    } catch (const rules::RuleError&) {
    }
    return 0;
}

} // namespace spoor::fuzz
