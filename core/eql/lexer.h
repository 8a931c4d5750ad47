#pragma once

#include "eql/token.h"

#include <string_view>
#include <vector>

namespace spoor::eql {

// Splits EQL text into tokens, skipping whitespace and comments (// to the end of the line, /* ... */).
// The last token is always End. Throws EqlError on an unterminated string or comment, a single-quoted
// string, an invalid escape or an unexpected character.
std::vector<Token> tokenize(std::string_view text);

} // namespace spoor::eql
