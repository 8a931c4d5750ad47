#include "scenario/gzip_output.h"

#include <stdexcept>

namespace spoor::scenario {

GzipOutputBuffer::GzipOutputBuffer(const std::string& path) : file_(gzopen(path.c_str(), "wb9"))
{
    if (!file_) {
        throw std::runtime_error("cannot create " + path + ": check that the folder exists and is writable");
    }
}

GzipOutputBuffer::~GzipOutputBuffer()
{
    close();
}

bool GzipOutputBuffer::close()
{
    if (!file_) {
        return true;
    }
    const int status = gzclose(file_);
    file_ = nullptr;
    return status == Z_OK;
}

GzipOutputBuffer::int_type GzipOutputBuffer::overflow(int_type c)
{
    if (traits_type::eq_int_type(c, traits_type::eof())) {
        return traits_type::not_eof(c);
    }
    const char byte = traits_type::to_char_type(c);
    return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
}

std::streamsize GzipOutputBuffer::xsputn(const char* data, std::streamsize count)
{
    if (!file_ || count <= 0) {
        return 0;
    }
    const int written = gzwrite(file_, data, static_cast<unsigned>(count));
    return written > 0 ? written : 0;
}

} // namespace spoor::scenario
