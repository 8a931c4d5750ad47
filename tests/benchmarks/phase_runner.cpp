#include "phase_runner.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace spoor::bench {

namespace {

// Peak resident set size of this process in KiB, from VmHWM in /proc/self/status.
long peakRssKib()
{
    FILE* status = std::fopen("/proc/self/status", "r");
    if (!status)
        return 0;
    char line[256];
    long kib = 0;
    while (std::fgets(line, sizeof line, status)) {
        if (std::strncmp(line, "VmHWM:", 6) == 0)
            kib = std::strtol(line + 6, nullptr, 10);
    }
    std::fclose(status);
    return kib;
}

double cpuSeconds()
{
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

} // namespace

std::string temporaryCasePath(const std::string& prefix, const std::string& name)
{
    return (std::filesystem::temp_directory_path() / (prefix + "_" + std::to_string(getpid()) + "_" + name + ".spoor"))
        .string();
}

unsigned long long removeCase(const std::string& path)
{
    std::error_code error;
    unsigned long long bytes = 0;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string file = path + suffix;
        if (std::filesystem::exists(file, error))
            bytes += std::filesystem::file_size(file, error);
        std::filesystem::remove(file, error);
    }
    return bytes;
}

PhaseResult runInChild(const std::function<PhaseResult()>& phase)
{
    int channel[2];
    if (pipe(channel) != 0)
        return {};
    const pid_t child = fork();
    if (child == 0) {
        close(channel[0]);
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = cpuSeconds();
        PhaseResult result = phase();
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        result.cpuSeconds = cpuSeconds() - cpuStart;
        result.peakRssKib = peakRssKib();
        const ssize_t written = write(channel[1], &result, sizeof result);
        _exit(written == sizeof result ? 0 : 1);
    }
    close(channel[1]);
    PhaseResult result;
    if (child < 0 || read(channel[0], &result, sizeof result) != sizeof result)
        result = {};
    close(channel[0]);
    if (child > 0)
        waitpid(child, nullptr, 0);
    return result;
}

} // namespace spoor::bench
