#include "ingest/byte_source.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

namespace spoor::ingest {

namespace {

constexpr std::size_t compressedBlockSize = 256 * 1024;

bool startsWith(const std::string& bytes, std::initializer_list<unsigned char> magic)
{
    if (bytes.size() < magic.size())
        return false;
    std::size_t i = 0;
    for (const unsigned char byte : magic) {
        if (static_cast<unsigned char>(bytes[i++]) != byte)
            return false;
    }
    return true;
}

class PlainSource : public ByteSource
{
public:
    explicit PlainSource(FileInput& file) : file_(file) {}
    std::size_t read(char* out, std::size_t size) override { return file_.read(out, size); }
    const char* compression() const override { return "none"; }

private:
    FileInput& file_;
};

class GzipSource : public ByteSource
{
public:
    explicit GzipSource(FileInput& file) : file_(file), input_(compressedBlockSize)
    {
        // 16 + MAX_WBITS: gzip wrapper only, so a zlib or raw deflate stream is reported as corrupt.
        if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK)
            throw std::runtime_error(file.path() + ": cannot initialise zlib");
    }
    ~GzipSource() override { inflateEnd(&stream_); }
    GzipSource(const GzipSource&) = delete;
    GzipSource& operator=(const GzipSource&) = delete;

    const char* compression() const override { return "gzip"; }

    std::size_t read(char* out, std::size_t size) override
    {
        stream_.next_out = reinterpret_cast<Bytef*>(out);
        stream_.avail_out = static_cast<uInt>(size);
        while (stream_.avail_out == size && !finished_) {
            // zlib may hold output from input it already took, so refill only when it could not fill the last buffer.
            if (stream_.avail_in == 0 && !outputWasFull_ && !refill())
                break;
            outputWasFull_ = false;
            inflateOnce();
        }
        outputWasFull_ = stream_.avail_out == 0;
        return size - stream_.avail_out;
    }

private:
    bool refill()
    {
        const std::size_t count = file_.read(input_.data(), input_.size());
        if (count == 0) {
            finished_ = true;
            if (inMember_)
                breakAt("the gzip stream ends early, so the file is truncated");
            return false;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
        stream_.avail_in = static_cast<uInt>(count);
        return true;
    }

    void inflateOnce()
    {
        inMember_ = true;
        const int rc = inflate(&stream_, Z_NO_FLUSH);
        decompressed_ = stream_.total_out + completedMembersOutput_;
        if (rc == Z_STREAM_END) {
            // A gzip file may hold several members one after the other; each decompresses on its own.
            inMember_ = false;
            completedMembersOutput_ += stream_.total_out;
            inflateReset(&stream_);
            return;
        }
        if (rc == Z_OK || rc == Z_BUF_ERROR)
            return;
        finished_ = true;
        breakAt(std::string("the gzip data is corrupt (") + (stream_.msg ? stream_.msg : "zlib error") + ")");
    }

    void breakAt(const std::string& reason)
    {
        breakMessage_ = reason + " at decompressed byte offset " + std::to_string(decompressed_) +
                        "; the events before it were imported";
    }

    FileInput& file_;
    std::vector<char> input_;
    z_stream stream_{};
    bool finished_ = false;
    bool inMember_ = false;
    bool outputWasFull_ = false;
    std::uint64_t completedMembersOutput_ = 0;
    std::uint64_t decompressed_ = 0;
};

class ZstdSource : public ByteSource
{
public:
    explicit ZstdSource(FileInput& file) : file_(file), input_(ZSTD_DStreamInSize()), stream_(ZSTD_createDStream())
    {
        if (!stream_)
            throw std::runtime_error(file.path() + ": cannot initialise zstd");
    }
    ~ZstdSource() override { ZSTD_freeDStream(stream_); }
    ZstdSource(const ZstdSource&) = delete;
    ZstdSource& operator=(const ZstdSource&) = delete;

    const char* compression() const override { return "zstd"; }

    std::size_t read(char* out, std::size_t size) override
    {
        ZSTD_outBuffer output{out, size, 0};
        while (output.pos == 0 && !finished_) {
            // zstd may hold output from input it already took, so refill only when it could not fill the last buffer.
            if (inputBuffer_.pos == inputBuffer_.size && !outputWasFull_ && !refill())
                break;
            const std::size_t rc = ZSTD_decompressStream(stream_, &output, &inputBuffer_);
            if (ZSTD_isError(rc)) {
                finished_ = true;
                decompressed_ += output.pos;
                breakAt(std::string("the zstd data is corrupt (") + ZSTD_getErrorName(rc) + ")");
                return output.pos;
            }
            frameOpen_ = rc != 0;
            outputWasFull_ = output.pos == output.size;
        }
        decompressed_ += output.pos;
        return output.pos;
    }

private:
    bool refill()
    {
        const std::size_t count = file_.read(input_.data(), input_.size());
        if (count == 0) {
            finished_ = true;
            if (frameOpen_)
                breakAt("the zstd stream ends early, so the file is truncated");
            return false;
        }
        inputBuffer_ = ZSTD_inBuffer{input_.data(), count, 0};
        return true;
    }

    void breakAt(const std::string& reason)
    {
        breakMessage_ = reason + " at decompressed byte offset " + std::to_string(decompressed_) +
                        "; the events before it were imported";
    }

    FileInput& file_;
    std::vector<char> input_;
    ZSTD_DStream* stream_;
    ZSTD_inBuffer inputBuffer_{nullptr, 0, 0};
    bool finished_ = false;
    bool frameOpen_ = false;
    bool outputWasFull_ = false;
    std::uint64_t decompressed_ = 0;
};

} // namespace

FileInput::FileInput(const std::string& path) : path_(path)
{
    struct stat info
    {
    };
    if (::stat(path.c_str(), &info) != 0)
        throw std::runtime_error(path + ": cannot read the file (" + std::strerror(errno) + ")");
    if (S_ISDIR(info.st_mode))
        throw std::runtime_error(path + ": is a folder, expected a file");
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_)
        throw std::runtime_error(path + ": cannot open the file (" + std::strerror(errno) + ")");
    size_ = S_ISREG(info.st_mode) ? static_cast<std::uint64_t>(info.st_size) : 0;
}

FileInput::~FileInput()
{
    if (file_)
        std::fclose(file_);
}

std::size_t FileInput::read(char* out, std::size_t size)
{
    if (peekedUsed_ < peeked_.size()) {
        const std::size_t count = std::min(size, peeked_.size() - peekedUsed_);
        std::memcpy(out, peeked_.data() + peekedUsed_, count);
        peekedUsed_ += count;
        return count;
    }
    const std::size_t count = std::fread(out, 1, size, file_);
    if (count == 0 && std::ferror(file_))
        throw std::runtime_error(path_ + ": read error after " + std::to_string(bytesRead_) + " bytes (" +
                                 std::strerror(errno) + ")");
    hash_.update(out, count);
    bytesRead_ += count;
    return count;
}

std::string FileInput::peek(std::size_t size)
{
    while (peeked_.size() < size) {
        std::string block(size - peeked_.size(), '\0');
        const std::size_t count = std::fread(block.data(), 1, block.size(), file_);
        if (count == 0)
            break;
        hash_.update(block.data(), count);
        bytesRead_ += count;
        peeked_.append(block, 0, count);
    }
    return peeked_.substr(0, size);
}

std::string FileInput::finishHash()
{
    std::vector<char> block(1 << 20);
    std::size_t count = 0;
    while ((count = std::fread(block.data(), 1, block.size(), file_)) > 0)
        hash_.update(block.data(), count);
    return hash_.hexDigest();
}

std::unique_ptr<ByteSource> openByteSource(FileInput& file)
{
    const std::string magic = file.peek(4);
    if (startsWith(magic, {0x1f, 0x8b}))
        return std::make_unique<GzipSource>(file);
    if (startsWith(magic, {0x28, 0xb5, 0x2f, 0xfd}))
        return std::make_unique<ZstdSource>(file);
    return std::make_unique<PlainSource>(file);
}

} // namespace spoor::ingest
