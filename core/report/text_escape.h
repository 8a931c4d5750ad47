#pragma once

#include <string>
#include <string_view>

namespace spoor::report {

// Returns the text with every invalid UTF-8 sequence replaced by U+FFFD, so writers emit valid UTF-8
// whatever bytes the case contains.
std::string validUtf8(std::string_view text);

// Escapes text for HTML element content and quoted attribute values (& < > " '), after validUtf8.
std::string escapeHtml(std::string_view text);

// Returns true for an absolute http or https URL, the only kind a report turns into a link.
bool isWebUrl(std::string_view url);

} // namespace spoor::report
