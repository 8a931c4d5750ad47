#pragma once

#include <stdexcept>
#include <string>

namespace spoor::eql {

// A syntax or analysis error in an EQL query. line() and column() are 1-based positions in the query text;
// what() is "LINE:COLUMN: message".
class EqlError : public std::runtime_error
{
public:
    EqlError(int line, int column, std::string message);

    int line() const { return line_; }
    int column() const { return column_; }
    const std::string& message() const { return message_; }

private:
    int line_;
    int column_;
    std::string message_;
};

} // namespace spoor::eql
