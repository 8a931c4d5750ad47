#pragma once

#include <stdexcept>
#include <string>

namespace spoor::rules {

// Raised when a rule file cannot be read or is not a valid detection rule. The message is
// "PATH:LINE:COLUMN: message" (1-based line and column), or "PATH: message" when no position applies.
class RuleError : public std::runtime_error
{
public:
    RuleError(const std::string& origin, int line, int column, const std::string& message);
    RuleError(const std::string& origin, const std::string& message) : RuleError(origin, 0, 0, message) {}

    const std::string& origin() const { return origin_; }
    int line() const { return line_; }     // 0 when the error has no position
    int column() const { return column_; } // 0 when the error has no position

private:
    std::string origin_;
    int line_;
    int column_;
};

} // namespace spoor::rules
