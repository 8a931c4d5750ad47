#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace spoor::ingest {

// Incremental SHA-256 (FIPS 180-4), used to identify imported files. Uses the x86 SHA extensions when
// the CPU has them, portable C++ otherwise.
class Sha256
{
public:
    // `allowHardware` false forces the portable code, so tests cover it on any CPU.
    explicit Sha256(bool allowHardware = true);
    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }

    // Finishes the hash and returns it as 64 lowercase hex digits. The object must not be updated afterwards.
    std::string hexDigest();

private:
    void compressBlocks(const std::uint8_t* blocks, std::size_t count);
    void compressBlock(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    bool useShaExtensions_;
    std::array<std::uint8_t, 64> pending_{};
    std::size_t pendingSize_ = 0;
    std::uint64_t totalBytes_ = 0;
};

// Returns the SHA-256 of a whole file as hex, or an empty string when the file cannot be read.
std::string sha256OfFile(const std::string& path);

} // namespace spoor::ingest
