#include "fuzz_targets.h"
#include "ingest/importer.h"
#include "store/case_file.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>
#include <zlib.h>

namespace spoor::fuzz {
namespace {

namespace fs = std::filesystem;

// Reusing one case skips creating the schema on every run. Recreating it now and then keeps the imported rows
// from piling up over millions of runs.
constexpr int runsPerCase = 2000;

// A temporary folder with the input file and the case file, removed when the process exits normally.
class Workspace
{
public:
    Workspace()
    {
        std::string pattern = (fs::temp_directory_path() / "spoor-fuzz-ingest-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            std::perror("spoor fuzz: mkdtemp failed");
            std::abort();
        }
        folder_ = pattern;
    }

    ~Workspace()
    {
        caseFile_.reset();
        std::error_code ignored;
        fs::remove_all(folder_, ignored);
    }

    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    std::string writeInput(std::string_view bytes) const
    {
        const std::string path = (folder_ / "input").string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::fprintf(stderr, "spoor fuzz: failed to write the input file %s\n", path.c_str());
            std::abort();
        }
        return path;
    }

    store::CaseFile& caseFile()
    {
        if (caseFile_ && ++runs_ < runsPerCase)
            return *caseFile_;
        caseFile_.reset();
        runs_ = 0;
        const fs::path casePath = folder_ / "case.spoor";
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(casePath.string() + suffix);
        caseFile_ = std::make_unique<store::CaseFile>(store::CaseFile::open(casePath.string()));
        return *caseFile_;
    }

private:
    fs::path folder_;
    std::unique_ptr<store::CaseFile> caseFile_;
    int runs_ = 0;
};

Workspace& workspace()
{
    static Workspace instance;
    return instance;
}

// A source fails legitimately only when its bytes are no supported format. Any other "failed" status
// carries the message of an exception that the importer caught, which for a file on a healthy disk is a bug.
// NOTE: this list is the set of messages seen while fuzzing; extend it when the importer adds expected ones.
bool isExpectedFailure(const std::string& message)
{
    return message.starts_with("not a supported format");
}

void importBytes(std::string_view bytes)
{
    Workspace& work = workspace();
    const std::string path = work.writeInput(bytes);
    ingest::ImportOptions options;
    options.force = true; // the same bytes come back often, and a skipped file tests nothing
    const auto summary = ingest::importPaths(work.caseFile(), {path}, options);
    for (const auto& source : summary.sources) {
        if (source.status == "failed" && !isExpectedFailure(source.message))
            throw std::logic_error("import failed unexpectedly: " + source.message);
    }
}

std::string gzipCompress(std::string_view bytes)
{
    z_stream stream{};
    constexpr int gzipWindowBits = 15 + 16; // +16 writes a gzip header instead of a zlib one
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        std::abort();
    std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END)
        std::abort();
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

} // namespace

int fuzzIngest(const std::uint8_t* data, std::size_t size)
{
    importBytes(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

int fuzzIngestGzip(const std::uint8_t* data, std::size_t size)
{
    importBytes(gzipCompress(std::string_view(reinterpret_cast<const char*>(data), size)));
    return 0;
}

} // namespace spoor::fuzz
