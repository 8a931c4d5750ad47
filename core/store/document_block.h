#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::store {

// Raised when a stored document block cannot be decoded: the zstd frame is damaged, or its table of
// document ends does not match its size.
class BlockFormatError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Collects documents for one row of the document_blocks table and compresses them together, because zstd
// compresses a block of many similar JSON documents far better than each document alone.
//
// Decompressed layout: a little-endian uint32 document count n, n little-endian uint32 end offsets (each
// the end of a document, counted from the first byte after the table), then the documents back to back.
class BlockBuilder
{
public:
    explicit BlockBuilder(int compressionLevel);
    ~BlockBuilder();
    BlockBuilder(const BlockBuilder&) = delete;
    BlockBuilder& operator=(const BlockBuilder&) = delete;

    void append(std::string_view document);
    std::size_t count() const { return ends_.size(); }
    std::size_t textBytes() const { return text_.size(); }
    bool empty() const { return ends_.empty(); }

    // Compresses the collected documents into one zstd frame, which stays valid until the next call to
    // compress() or clear(). Throws BlockFormatError when zstd fails.
    std::string_view compress();
    void clear();

private:
    struct Context;
    std::vector<std::uint32_t> ends_;
    std::string text_;
    std::string layout_;
    std::string frame_;
    Context* context_;
};

// The documents of one decompressed block.
class DecodedBlock
{
public:
    // Decompresses and validates a block. `blockId` names the block in error messages. Throws
    // BlockFormatError when the frame is damaged or the table of ends does not match the text.
    DecodedBlock(std::int64_t blockId, std::string_view frame);

    std::int64_t id() const { return id_; }
    std::size_t count() const { return ends_.size(); }
    // Throws BlockFormatError when slot is not below count().
    std::string_view document(std::size_t slot) const;

private:
    std::int64_t id_;
    std::string layout_;
    std::vector<std::uint32_t> ends_;
    std::size_t textStart_ = 0;
};

} // namespace spoor::store
