#include "rules/builtin_rules.h"

#include "rules/embedded_rule_files.h"
#include "rules/rule_loader.h"

#include <string>

namespace spoor::rules {

std::vector<Rule> builtinRules()
{
    std::vector<Rule> rules;
    for (const EmbeddedRuleFile& file : embeddedRuleFiles())
        rules.push_back(parseRule(file.text, "builtin:" + std::string(file.fileName)));
    return rules;
}

} // namespace spoor::rules
