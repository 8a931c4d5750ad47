#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace spoor::ingest {

// Returns the offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or text.size() when the text is valid.
std::size_t findInvalidUtf8(std::string_view text);

// Returns a copy of the text with every invalid sequence replaced by U+FFFD, and counts them.
std::string repairUtf8(std::string_view text, std::size_t& replacements);

} // namespace spoor::ingest
