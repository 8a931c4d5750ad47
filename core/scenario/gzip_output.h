#pragma once

#include <streambuf>
#include <string>
#include <zlib.h>

namespace spoor::scenario {

// Output stream buffer that writes a gzip file through zlib. The header carries no name and no
// modification time, so equal input gives byte-identical files.
class GzipOutputBuffer : public std::streambuf
{
public:
    // Throws std::runtime_error when the file cannot be created.
    explicit GzipOutputBuffer(const std::string& path);
    ~GzipOutputBuffer() override;
    GzipOutputBuffer(const GzipOutputBuffer&) = delete;
    GzipOutputBuffer& operator=(const GzipOutputBuffer&) = delete;

    // Finishes the gzip stream and closes the file; returns false when zlib reports an error.
    bool close();

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* data, std::streamsize count) override;

private:
    gzFile file_ = nullptr;
};

} // namespace spoor::scenario
