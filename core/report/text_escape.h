#pragma once

#include <string>
#include <string_view>

namespace spoor::report {

// Returns the text with every invalid UTF-8 sequence replaced by U+FFFD, so writers emit valid UTF-8
// whatever bytes the case contains.
std::string validUtf8(std::string_view text);

// Returns the text, after validUtf8, with every C0 control character, DEL and C1 control character written
// as a visible escape, so data cannot move the cursor, clear a terminal or start a line. The escapes are
// "\n", "\r", "\t", "\x1b" for other C0 characters and DEL, and "\u009b" for C1 (U+0080 to U+009F). A
// backslash in the text is kept, so a literal "\n" in the data reads like an escaped line break.
std::string escapeControlCharacters(std::string_view text);

// Returns a JSON document with its control characters other than line break, carriage return and tab
// (which JSON allows between tokens) written as \u escapes, valid JSON again when the input was valid.
std::string escapeJsonControlCharacters(std::string_view json);

// Escapes text for HTML element content and quoted attribute values (& < > " '), after validUtf8.
std::string escapeHtml(std::string_view text);

// Returns true for an absolute http or https URL, the only kind a report turns into a link.
bool isWebUrl(std::string_view url);

} // namespace spoor::report
