// Rebuilds the processes table of an existing case, as the last step of an import does, and prints the wall and
// CPU time, the peak RSS of the process, SQLite's peak heap use and a trace of the RSS.
// Usage: bench_process_table CASE [SAMPLE_MS]   (the RSS is sampled every SAMPLE_MS milliseconds, default 1000)
// The case keeps the rebuilt table, which equals the one its import built.

#include "analysis/process_table.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <sys/resource.h>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Returns the current resident set size from /proc/self/statm, in KiB.
long currentRssKib()
{
    std::ifstream statm("/proc/self/statm");
    long size = 0;
    long resident = 0;
    statm >> size >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto toSeconds = [](const timeval& time) { return static_cast<double>(time.tv_sec) + time.tv_usec / 1e6; };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

// Prints the RSS every interval on a thread of its own until stopped.
class RssTrace
{
public:
    explicit RssTrace(std::chrono::milliseconds interval) : start_(Clock::now()), thread_([this, interval] {
        std::unique_lock lock(mutex_);
        while (!stopCondition_.wait_for(lock, interval, [this] { return stopped_; }))
            print();
    })
    {}
    ~RssTrace()
    {
        {
            std::lock_guard lock(mutex_);
            stopped_ = true;
        }
        stopCondition_.notify_one();
        thread_.join();
    }
    RssTrace(const RssTrace&) = delete;
    RssTrace& operator=(const RssTrace&) = delete;

private:
    void print() const
    {
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        std::fprintf(stderr, "  %8.1f s  RSS %7.1f MB  SQLite heap %7.1f MB\n", elapsed, currentRssKib() / 1024.0,
                     static_cast<double>(sqlite3_memory_used()) / 1048576.0);
    }

    Clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable stopCondition_;
    bool stopped_ = false;
    std::thread thread_;
};

long long countRows(spoor::store::CaseFile& caseFile, const char* sql)
{
    auto statement = caseFile.db().prepare(sql);
    statement.step();
    return statement.int64(0);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s CASE [SAMPLE_MS]\nRebuilds the processes table and prints its cost.\n",
                     argv[0]);
        return 2;
    }
    const int sampleMs = argc == 3 ? std::atoi(argv[2]) : 1000;
    auto caseFile = spoor::store::CaseFile::open(argv[1]);
    const long rssBefore = currentRssKib();
    const double cpuBefore = cpuSeconds();
    const auto start = Clock::now();
    {
        RssTrace trace(std::chrono::milliseconds(sampleMs > 0 ? sampleMs : 1000));
        spoor::analysis::buildProcessTable(caseFile);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("events            %lld\n", countRows(caseFile, "SELECT count(*) FROM events"));
    std::printf("processes         %lld\n", countRows(caseFile, "SELECT count(*) FROM processes"));
    std::printf("wall time         %.1f s\n", wall);
    std::printf("CPU time          %.1f s\n", cpuSeconds() - cpuBefore);
    std::printf("RSS before        %.1f MB\n", rssBefore / 1024.0);
    std::printf("peak RSS          %.1f MB\n", peakRssKib() / 1024.0);
    std::printf("SQLite heap peak  %.1f MB\n", static_cast<double>(sqlite3_memory_highwater(0)) / 1048576.0);
    return 0;
}
