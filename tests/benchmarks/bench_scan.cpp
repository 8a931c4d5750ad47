// Runs rules over an existing case file and prints the wall and CPU time, events/s and peak RSS of each rule run.
// Usage: bench_scan CASE [RULE_FILE_OR_FOLDER...]   (default: the built-in rule pack)
// The findings of the run are stored in the case, as spoor-cli scan --case would store them.

#include "rules/builtin_rules.h"
#include "rules/rule_loader.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <sys/resource.h>
#include <utility>
#include <vector>

namespace {

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double seconds(const timeval& time)
{
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

// Returns the user and system CPU time of the process so far, in seconds.
std::pair<double, double> cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

std::vector<spoor::rules::Rule> loadRules(const std::vector<std::string>& paths)
{
    if (paths.empty())
        return spoor::rules::builtinRules();
    auto loaded = spoor::rules::loadRulePaths(paths);
    for (const auto& error : loaded.errors)
        std::fprintf(stderr, "error %s\n", error.c_str());
    return loaded.rules;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CASE [RULE...]\nRuns the rules over the case and prints the speed.\n", argv[0]);
        return 2;
    }
    auto caseFile = spoor::store::CaseFile::open(argv[1]);
    const auto rules = loadRules(std::vector<std::string>(argv + 2, argv + argc));
    for (const auto& rule : rules) {
        const auto [userBefore, systemBefore] = cpuSeconds();
        const auto start = std::chrono::steady_clock::now();
        const auto runs = spoor::scan::runRules(caseFile, {rule});
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto [userAfter, systemAfter] = cpuSeconds();
        const auto& run = runs.front();
        std::printf("%s\n", rule.name.c_str());
        std::printf("  status            %s %s\n", run.status.c_str(), run.message.c_str());
        std::printf("  events scanned    %llu\n", static_cast<unsigned long long>(run.eventsScanned));
        std::printf("  candidates read   %llu\n", static_cast<unsigned long long>(run.candidatesRead));
        std::printf("  documents read    %llu\n", static_cast<unsigned long long>(run.documentsRead));
        std::printf("  findings          %zu\n", run.findingIds.size());
        std::printf("  wall time         %.3f s\n", wall);
        std::printf("  CPU time          %.3f s user + %.3f s system\n", userAfter - userBefore,
                    systemAfter - systemBefore);
        std::printf("  events/s (wall)   %.0f\n", static_cast<double>(run.eventsScanned) / wall);
    }
    std::printf("peak RSS          %.1f MB\n", static_cast<double>(peakRssKib()) / 1024.0);
    return 0;
}
