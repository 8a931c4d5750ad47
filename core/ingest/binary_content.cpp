#include "ingest/binary_content.h"

#include <algorithm>

namespace spoor::ingest {

namespace {

// Enough code units to tell NUL-padded ASCII from binary data, and few enough to ignore later non-ASCII text.
constexpr std::size_t interleaveProbeBytes = 256;

// Returns true when at least three quarters of the first code units of `width` bytes hold one ASCII character
// and NUL in every other byte, in the byte order given.
bool isNulPaddedAscii(std::string_view sample, std::size_t width, bool littleEndian)
{
    const std::size_t units = std::min(sample.size(), interleaveProbeBytes) / width;
    if (units < 4)
        return false;
    const std::size_t characterIndex = littleEndian ? 0 : width - 1;
    std::size_t asciiUnits = 0;
    for (std::size_t unit = 0; unit < units; ++unit) {
        const std::string_view bytes = sample.substr(unit * width, width);
        const auto character = static_cast<unsigned char>(bytes[characterIndex]);
        bool padded = character != 0 && character < 0x80;
        for (std::size_t i = 0; i < width; ++i) {
            if (i != characterIndex && bytes[i] != 0)
                padded = false;
        }
        asciiUnits += padded ? 1 : 0;
    }
    return asciiUnits * 4 >= units * 3;
}

} // namespace

std::optional<std::string> wideTextEncoding(std::string_view sample)
{
    // The UTF-32 little-endian mark starts with the UTF-16 one, so it is checked first.
    if (sample.starts_with(std::string_view("\xff\xfe\x00\x00", 4)) ||
        sample.starts_with(std::string_view("\x00\x00\xfe\xff", 4)))
        return "UTF-32";
    if (sample.starts_with("\xff\xfe") || sample.starts_with("\xfe\xff"))
        return "UTF-16";
    if (isNulPaddedAscii(sample, 4, true) || isNulPaddedAscii(sample, 4, false))
        return "UTF-32";
    if (isNulPaddedAscii(sample, 2, true) || isNulPaddedAscii(sample, 2, false))
        return "UTF-16";
    return std::nullopt;
}

std::optional<std::string> knownBinaryKind(std::string_view sample)
{
    if (sample.starts_with("\xfd"
                           "7zXZ"))
        return "xz-compressed data, decompress it first";
    if (sample.starts_with("BZh"))
        return "bzip2-compressed data, decompress it first";
    if (sample.starts_with("PK\x03\x04"))
        return "a zip archive, extract it first";
    if (sample.starts_with("\x7f"
                           "ELF"))
        return "an ELF executable";
    if (sample.starts_with("SQLite format 3"))
        return "an SQLite database";
    return std::nullopt;
}

std::size_t countNonTextBytes(std::string_view sample)
{
    std::size_t count = 0;
    for (const char c : sample) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
            ++count;
    }
    return count;
}

bool looksBinary(std::string_view sample)
{
    const std::size_t nonText = countNonTextBytes(sample);
    return nonText > 1 && nonText * 100 > sample.size();
}

} // namespace spoor::ingest
