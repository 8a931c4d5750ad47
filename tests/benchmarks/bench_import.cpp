// Imports dump files into a new temporary case and prints events/s, MB/s and peak RSS.
// Usage: bench_import FILE... (the case is created next to the system's temporary files and removed)

#include "ingest/importer.h"
#include "store/case_file.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace {

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

std::uintmax_t totalSize(const std::vector<std::string>& paths)
{
    std::uintmax_t total = 0;
    for (const auto& path : paths) {
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error))
            total += std::filesystem::file_size(path, error);
    }
    return total;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE...\nImports the files into a temporary case and prints the speed.\n",
                     argv[0]);
        return 2;
    }
    const std::vector<std::string> paths(argv + 1, argv + argc);
    const auto casePath =
        std::filesystem::temp_directory_path() / ("bench_import_" + std::to_string(getpid()) + ".spoor");

    auto caseFile = spoor::store::CaseFile::open(casePath.string());
    const auto start = std::chrono::steady_clock::now();
    const auto summary = spoor::ingest::importPaths(caseFile, paths);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const std::uintmax_t inputBytes = totalSize(paths);
    const std::uintmax_t caseBytes = std::filesystem::file_size(casePath);
    std::printf("events imported   %llu (rejected %llu, duplicates %llu)\n",
                static_cast<unsigned long long>(summary.events()), static_cast<unsigned long long>(summary.rejected()),
                static_cast<unsigned long long>(summary.duplicates()));
    std::printf("time              %.3f s\n", seconds);
    std::printf("events/s          %.0f\n", static_cast<double>(summary.events()) / seconds);
    std::printf("input MB/s        %.1f (of %.1f MB as stored)\n", static_cast<double>(inputBytes) / 1e6 / seconds,
                static_cast<double>(inputBytes) / 1e6);
    std::printf("case file         %.1f MB (before WAL checkpoint)\n", static_cast<double>(caseBytes) / 1e6);
    std::printf("peak RSS          %.1f MB\n", static_cast<double>(peakRssKib()) / 1024.0);

    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(casePath.string() + suffix);
    return summary.anyFailed() ? 1 : 0;
}
