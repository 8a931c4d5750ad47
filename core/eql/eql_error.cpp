#include "eql/eql_error.h"

namespace spoor::eql {

EqlError::EqlError(int line, int column, std::string message)
    : std::runtime_error(std::to_string(line) + ":" + std::to_string(column) + ": " + message), line_(line),
      column_(column), message_(std::move(message))
{}

} // namespace spoor::eql
