// Runs three EQL workloads over an existing case, each with SQL push-down on and off, and prints the events
// scanned, candidates read, matches, time, events/s and peak RSS of each run.
// Usage: bench_query CASE
// Each run is a child process, so that its peak RSS is its own. The findings are stored in the case.

#include "rules/builtin_rules.h"
#include "rules/rule.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Workload
{
    const char* label;
    spoor::rules::Rule rule;
};

spoor::rules::Rule queryRule(const char* id, const char* query)
{
    spoor::rules::Rule rule;
    rule.ruleId = std::string("bench-query-") + id;
    rule.name = query;
    rule.type = "eql";
    rule.language = "eql";
    rule.query = query;
    rule.updatedDate = "2024/04/01";
    rule.origin = "bench_query";
    return rule;
}

std::vector<Workload> workloads()
{
    return {
        {"(a) selective indexed condition", queryRule("a", "process where process.name == \"sftp-server\"")},
        {"(b) full-scan condition", queryRule("b", "process where stringContains(process.command_line, \"xz\")")},
        {"(c) built-in XZ rule", spoor::rules::builtinRules().front()},
    };
}

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

int runWorkload(const char* casePath, const Workload& workload, bool pushDown)
{
    auto caseFile = spoor::store::CaseFile::open(casePath);
    spoor::scan::RunOptions options;
    options.pushDown = pushDown;
    const auto start = std::chrono::steady_clock::now();
    const auto runs = spoor::scan::runRules(caseFile, {workload.rule}, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& run = runs.front();
    std::printf("%s, push-down %s\n", workload.label, pushDown ? "on" : "off");
    std::printf("  status            %s %s\n", run.status.c_str(), run.message.c_str());
    std::printf("  events scanned    %llu\n", static_cast<unsigned long long>(run.eventsScanned));
    std::printf("  candidates read   %llu\n", static_cast<unsigned long long>(run.candidatesRead));
    std::printf("  matches           %zu\n", run.findingIds.size());
    std::printf("  time              %.3f s\n", seconds);
    std::printf("  events/s          %.0f\n", static_cast<double>(run.eventsScanned) / seconds);
    std::printf("  peak RSS          %.1f MB\n", static_cast<double>(peakRssKib()) / 1024.0);
    std::fflush(stdout);
    return run.status == "complete" ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CASE\nRuns three queries with push-down on and off and prints the speed.\n",
                     argv[0]);
        return 2;
    }
    int failures = 0;
    for (const auto& workload : workloads()) {
        for (const bool pushDown : {true, false}) {
            std::fflush(stdout);
            const pid_t child = fork();
            if (child == 0)
                _exit(runWorkload(argv[1], workload, pushDown));
            int status = 0;
            if (child < 0 || waitpid(child, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
                ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}
