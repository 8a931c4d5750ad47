#pragma once

#include "ingest/sha256.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace spoor::ingest {

// A file read in blocks, hashing every byte it returns.
class FileInput
{
public:
    // Throws std::runtime_error naming the path when the file cannot be opened.
    explicit FileInput(const std::string& path);
    ~FileInput();
    FileInput(const FileInput&) = delete;
    FileInput& operator=(const FileInput&) = delete;

    // Reads up to `size` bytes; returns 0 at the end of the file. Throws std::runtime_error on a read error.
    std::size_t read(char* out, std::size_t size);

    // Returns up to `size` bytes from the start of the file without consuming them.
    std::string peek(std::size_t size);

    std::uint64_t bytesRead() const { return bytesRead_; }
    std::uint64_t size() const { return size_; }
    const std::string& path() const { return path_; }

    // Reads the rest of the file so that the hash covers all of it, then returns the hash as hex.
    std::string finishHash();

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    std::uint64_t size_ = 0;
    std::uint64_t bytesRead_ = 0;
    std::string peeked_;
    std::size_t peekedUsed_ = 0;
    Sha256 hash_;
};

// A stream of decompressed bytes over a FileInput.
class ByteSource
{
public:
    virtual ~ByteSource() = default;

    // Reads up to `size` decompressed bytes; returns 0 at the end of the stream, or where a compressed
    // stream broke (then breakMessage() is not empty).
    virtual std::size_t read(char* out, std::size_t size) = 0;

    // "none", "gzip" or "zstd".
    virtual const char* compression() const = 0;

    // Why the stream ended before its end, with the decompressed byte offset; empty when it did not.
    const std::string& breakMessage() const { return breakMessage_; }

protected:
    std::string breakMessage_;
};

// Returns a decompressing source when the file starts with the gzip (1f 8b) or zstd (28 b5 2f fd)
// magic bytes, a pass-through source otherwise.
std::unique_ptr<ByteSource> openByteSource(FileInput& file);

} // namespace spoor::ingest
