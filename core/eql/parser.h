#pragma once

#include "eql/ast.h"

#include <string_view>

namespace spoor::eql {

// Parses EQL text into a syntax tree (recursive descent over the Elasticsearch 8.x grammar). Functions are
// not resolved yet. Throws EqlError with the position of the offending token and what was expected there.
QueryAst parseQuery(std::string_view text);

} // namespace spoor::eql
