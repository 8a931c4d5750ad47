#pragma once

// Helpers for the import benchmarks: each phase runs in a forked child, so that its peak RSS is its own.

#include <functional>
#include <string>

namespace spoor::bench {

// What one phase measured. `lines` counts input lines or records, `events` what the phase produced.
struct PhaseResult
{
    double seconds = 0;
    double cpuSeconds = 0; // user + system time of the child
    unsigned long long lines = 0;
    unsigned long long events = 0;
    unsigned long long flattened = 0; // documents that the decoder read through its flattening path
    unsigned long long caseBytes = 0;
    long peakRssKib = 0;
    bool ok = false;
};

// Runs `phase` in a forked child process, times it and returns its result with the child's peak RSS. Returns a
// result with `ok` false when the child could not be started or did not report.
PhaseResult runInChild(const std::function<PhaseResult()>& phase);

// Returns a case path in the system's temporary folder, unique to this process and `name`.
std::string temporaryCasePath(const std::string& prefix, const std::string& name);

// Removes a case file with its WAL and shared-memory files and returns their total size in bytes.
unsigned long long removeCase(const std::string& path);

} // namespace spoor::bench
