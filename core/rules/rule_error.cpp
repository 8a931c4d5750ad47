#include "rules/rule_error.h"

namespace spoor::rules {

namespace {

std::string formatMessage(const std::string& origin, int line, int column, const std::string& message)
{
    if (line <= 0)
        return origin + ": " + message;
    return origin + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " + message;
}

} // namespace

RuleError::RuleError(const std::string& origin, int line, int column, const std::string& message)
    : std::runtime_error(formatMessage(origin, line, column, message)), origin_(origin), line_(line), column_(column)
{}

} // namespace spoor::rules
