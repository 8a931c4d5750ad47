#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace spoor::ingest {

// Returns "UTF-16" or "UTF-32" when the sample starts with that encoding's byte order mark, or when its first
// characters are ASCII padded with NUL bytes the way that encoding stores them. Returns nullopt otherwise.
std::optional<std::string> wideTextEncoding(std::string_view sample);

// Names a compression, container or executable format from its magic bytes, e.g. "an ELF executable".
std::optional<std::string> knownBinaryKind(std::string_view sample);

// Counts the bytes that text does not contain: NUL and the C0 controls other than tab, line feed, form feed,
// carriage return and escape.
std::size_t countNonTextBytes(std::string_view sample);

// Returns true when non-text bytes are more than 1% of the sample and more than one. A single stray byte, such
// as a NUL in one damaged NDJSON line, is damage in a text file, which the reader rejects as one invalid line.
bool looksBinary(std::string_view sample);

} // namespace spoor::ingest
