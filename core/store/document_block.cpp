#include "store/document_block.h"

#include <zstd.h>

namespace spoor::store {

namespace {

// A block holds at most one document past the writer's target size, and documents are limited by the
// importer, so a frame that claims more than this is damaged.
constexpr unsigned long long maxDecompressedBytes = 1ULL << 30;

void appendUint32(std::string& out, std::uint32_t value)
{
    const unsigned char bytes[4] = {static_cast<unsigned char>(value), static_cast<unsigned char>(value >> 8),
                                    static_cast<unsigned char>(value >> 16), static_cast<unsigned char>(value >> 24)};
    out.append(reinterpret_cast<const char*>(bytes), 4);
}

std::uint32_t readUint32(const char* data)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(data);
    return static_cast<std::uint32_t>(bytes[0]) | static_cast<std::uint32_t>(bytes[1]) << 8 |
           static_cast<std::uint32_t>(bytes[2]) << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
}

std::string blockName(std::int64_t blockId)
{
    return "document block " + std::to_string(blockId);
}

} // namespace

struct BlockBuilder::Context
{
    ZSTD_CCtx* zstd = ZSTD_createCCtx();
    ~Context() { ZSTD_freeCCtx(zstd); }
};

BlockBuilder::BlockBuilder(int compressionLevel) : context_(new Context)
{
    // The checksum lets a damaged block fail with an error instead of decompressing to other text.
    ZSTD_CCtx_setParameter(context_->zstd, ZSTD_c_compressionLevel, compressionLevel);
    ZSTD_CCtx_setParameter(context_->zstd, ZSTD_c_checksumFlag, 1);
}

BlockBuilder::~BlockBuilder()
{
    delete context_;
}

void BlockBuilder::append(std::string_view document)
{
    text_.append(document);
    if (text_.size() > UINT32_MAX)
        throw BlockFormatError("a document block grew beyond 4 GiB; flush blocks before they reach that size");
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
}

std::string_view BlockBuilder::compress()
{
    layout_.clear();
    layout_.reserve(4 + 4 * ends_.size() + text_.size());
    appendUint32(layout_, static_cast<std::uint32_t>(ends_.size()));
    for (const std::uint32_t end : ends_)
        appendUint32(layout_, end);
    layout_.append(text_);

    frame_.resize(ZSTD_compressBound(layout_.size()));
    const std::size_t size =
        ZSTD_compress2(context_->zstd, frame_.data(), frame_.size(), layout_.data(), layout_.size());
    if (ZSTD_isError(size))
        throw BlockFormatError(std::string("zstd failed to compress a document block: ") + ZSTD_getErrorName(size));
    frame_.resize(size);
    return frame_;
}

void BlockBuilder::clear()
{
    ends_.clear();
    text_.clear();
}

DecodedBlock::DecodedBlock(std::int64_t blockId, std::string_view frame) : id_(blockId)
{
    const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > maxDecompressedBytes)
        throw BlockFormatError(blockName(blockId) + " is corrupt: its zstd frame header is invalid");
    layout_.resize(size);
    const std::size_t written = ZSTD_decompress(layout_.data(), layout_.size(), frame.data(), frame.size());
    if (ZSTD_isError(written))
        throw BlockFormatError(blockName(blockId) + " is corrupt: zstd: " + ZSTD_getErrorName(written));
    if (written != size || size < 4)
        throw BlockFormatError(blockName(blockId) + " is corrupt: it decompressed to " + std::to_string(written) +
                               " bytes, not the " + std::to_string(size) + " its header states");

    const std::uint32_t count = readUint32(layout_.data());
    if ((size - 4) / 4 < count)
        throw BlockFormatError(blockName(blockId) + " is corrupt: its table of " + std::to_string(count) +
                               " documents is longer than the block");
    textStart_ = 4 + 4 * static_cast<std::size_t>(count);
    ends_.resize(count);
    std::uint32_t previous = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        ends_[i] = readUint32(layout_.data() + 4 + 4 * static_cast<std::size_t>(i));
        if (ends_[i] < previous || ends_[i] > size - textStart_)
            throw BlockFormatError(blockName(blockId) + " is corrupt: document " + std::to_string(i) +
                                   " ends outside the block");
        previous = ends_[i];
    }
}

std::string_view DecodedBlock::document(std::size_t slot) const
{
    if (slot >= ends_.size())
        throw BlockFormatError(blockName(id_) + " has " + std::to_string(ends_.size()) + " documents, no slot " +
                               std::to_string(slot));
    const std::uint32_t begin = slot == 0 ? 0 : ends_[slot - 1];
    return std::string_view(layout_).substr(textStart_ + begin, ends_[slot] - begin);
}

} // namespace spoor::store
