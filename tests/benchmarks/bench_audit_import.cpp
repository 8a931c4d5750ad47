// Measures the import of a large raw audit log. The log is a captured audit.log replayed many times, each copy
// with its times, serials and process ids shifted, so that every copy contains distinct events with the capture's
// record mix and interleaving. Each phase runs in its own child process, so that each peak RSS is the phase's own:
// - read: the audit reader groups the records into events and generates their ECS documents, nothing else.
// - decode: read, then the importer's decoder extracts the hot columns of every generated document.
// - import: spoor's import of the log into a new case with the documents kept (importPaths).
// Usage: bench_audit_import [--copies N] [--keep] CAPTURED_LOG OUTPUT_DIR
// The replayed log is written to OUTPUT_DIR and removed at the end unless --keep is given, for a profiler run of
// `spoor-cli import` on it. The case is made in the system's temporary folder and removed.

#include "ingest/byte_source.h"
#include "ingest/document_decoder.h"
#include "ingest/document_reader.h"
#include "ingest/importer.h"
#include "ingest/stream_buffer.h"
#include "phase_runner.h"
#include "store/case_file.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using spoor::bench::PhaseResult;

// Linux's highest pid_max on 64-bit machines; shifted pids wrap below it, as a busy host's pids do.
constexpr long long pidLimit = 4'194'304;
constexpr long long firstUserPid = 300; // the kernel restarts at 300 when pids wrap
constexpr long long pidStride = 7'919;  // a prime, so that copies rarely reuse each other's pids

// x86_64 numbers of clone, fork, vfork and clone3: their exit value is the child's pid.
constexpr std::string_view forkSyscalls[] = {"56", "57", "58", "435"};

struct Stamp
{
    std::size_t begin = 0; // of SECONDS in "msg=audit(SECONDS.MMM:SERIAL)"
    std::size_t end = 0;   // of the closing ')'
    long long seconds = 0;
    std::string_view millis;
    unsigned long long serial = 0;
};

std::optional<Stamp> findStamp(std::string_view line)
{
    constexpr std::string_view prefix = "msg=audit(";
    const std::size_t open = line.find(prefix);
    if (open == std::string_view::npos)
        return std::nullopt;
    Stamp stamp;
    stamp.begin = open + prefix.size();
    stamp.end = line.find(')', stamp.begin);
    const std::size_t dot = line.find('.', stamp.begin);
    const std::size_t colon = line.find(':', stamp.begin);
    if (stamp.end == std::string_view::npos || dot > colon || colon > stamp.end)
        return std::nullopt;
    std::from_chars(line.data() + stamp.begin, line.data() + dot, stamp.seconds);
    stamp.millis = line.substr(dot + 1, colon - dot - 1);
    std::from_chars(line.data() + colon + 1, line.data() + stamp.end, stamp.serial);
    return stamp;
}

// The ranges of times and serials in the capture; each copy is shifted by their length.
struct CaptureSpan
{
    long long secondStride = 0;
    unsigned long long serialStride = 0;
};

CaptureSpan measureSpan(const std::vector<std::string>& lines)
{
    long long firstSecond = 0;
    long long lastSecond = 0;
    unsigned long long firstSerial = 0;
    unsigned long long lastSerial = 0;
    bool any = false;
    for (const auto& line : lines) {
        const auto stamp = findStamp(line);
        if (!stamp)
            continue;
        firstSecond = any ? std::min(firstSecond, stamp->seconds) : stamp->seconds;
        lastSecond = any ? std::max(lastSecond, stamp->seconds) : stamp->seconds;
        firstSerial = any ? std::min(firstSerial, stamp->serial) : stamp->serial;
        lastSerial = any ? std::max(lastSerial, stamp->serial) : stamp->serial;
        any = true;
    }
    return {lastSecond - firstSecond + 1, lastSerial - firstSerial + 1};
}

long long shiftedPid(long long pid, unsigned copy)
{
    const long long range = pidLimit - firstUserPid;
    return firstUserPid + (pid - firstUserPid + static_cast<long long>(copy) * pidStride) % range;
}

// Replaces the decimal value of " KEY=" in the line with shiftedPid of it.
void shiftPidField(std::string& line, std::string_view key, unsigned copy)
{
    const std::string pattern = " " + std::string(key) + "=";
    const std::size_t at = line.find(pattern);
    if (at == std::string::npos)
        return;
    const std::size_t begin = at + pattern.size();
    long long pid = 0;
    const auto [end, error] = std::from_chars(line.data() + begin, line.data() + line.size(), pid);
    if (error != std::errc() || pid <= 0)
        return;
    const auto length = static_cast<std::size_t>(end - (line.data() + begin));
    line.replace(begin, length, std::to_string(shiftedPid(pid, copy)));
}

std::string_view fieldValue(std::string_view line, std::string_view key)
{
    const std::string pattern = " " + std::string(key) + "=";
    const std::size_t at = line.find(pattern);
    if (at == std::string_view::npos)
        return {};
    const std::string_view rest = line.substr(at + pattern.size());
    return rest.substr(0, rest.find(' '));
}

bool isForkRecord(std::string_view line)
{
    if (!line.starts_with("type=SYSCALL ") || fieldValue(line, "success") != "yes")
        return false;
    const std::string_view number = fieldValue(line, "syscall");
    for (const auto fork : forkSyscalls) {
        if (number == fork)
            return true;
    }
    return false;
}

// Returns the line as copy number `copy` writes it: time, serial, pid, ppid and a fork's child pid shifted.
std::string replayLine(const std::string& line, unsigned copy, const CaptureSpan& span)
{
    std::string replayed = line;
    if (copy == 0)
        return replayed;
    if (const auto stamp = findStamp(line)) {
        const std::string shifted = std::to_string(stamp->seconds + copy * span.secondStride) + "." +
                                    std::string(stamp->millis) + ":" +
                                    std::to_string(stamp->serial + copy * span.serialStride);
        replayed.replace(stamp->begin, stamp->end - stamp->begin, shifted);
    }
    const bool fork = isForkRecord(replayed);
    shiftPidField(replayed, "pid", copy);
    shiftPidField(replayed, "ppid", copy);
    if (fork)
        shiftPidField(replayed, "exit", copy);
    return replayed;
}

std::vector<std::string> readLines(const std::string& path)
{
    std::ifstream input(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(input, line);) {
        if (!line.empty())
            lines.push_back(std::move(line));
    }
    return lines;
}

// Writes `copies` replays of the capture to `output` and returns the number of records written.
unsigned long long writeReplay(const std::vector<std::string>& capture, unsigned copies, const std::string& output)
{
    const CaptureSpan span = measureSpan(capture);
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    unsigned long long records = 0;
    for (unsigned copy = 0; copy < copies; ++copy) {
        for (const auto& line : capture) {
            out << replayLine(line, copy, span) << '\n';
            ++records;
        }
    }
    return out.good() ? records : 0;
}

// Reads the log with the reader the importer picks for it and passes every generated document to `action`.
void forEachDocument(const std::string& path, PhaseResult& result,
                     const std::function<void(const spoor::ingest::RawDocument&)>& action)
{
    spoor::ingest::FileInput file(path);
    const auto source = spoor::ingest::openByteSource(file);
    spoor::ingest::StreamBuffer buffer(*source);
    const auto reader = spoor::ingest::makeDocumentReader(spoor::ingest::InputFormat::AuditLog, buffer,
                                                          spoor::ingest::ImportOptions().maxDocumentBytes, path);
    spoor::ingest::RawDocument raw;
    spoor::ingest::ReadIssue issue;
    for (;;) {
        const auto step = reader->next(raw, issue);
        if (step == spoor::ingest::DocumentReader::Step::End)
            break;
        if (step == spoor::ingest::DocumentReader::Step::Document)
            action(raw);
    }
    result.ok = true;
}

PhaseResult readPhase(const std::string& path)
{
    PhaseResult result;
    forEachDocument(path, result, [&](const spoor::ingest::RawDocument&) { ++result.events; });
    return result;
}

PhaseResult decodePhase(const std::string& path)
{
    PhaseResult result;
    spoor::ingest::DocumentDecoder decoder;
    spoor::ingest::DecodedDocument decoded;
    spoor::ingest::Rejection rejection;
    forEachDocument(path, result, [&](const spoor::ingest::RawDocument& raw) {
        if (decoder.decode(raw, decoded, rejection))
            ++result.events;
    });
    return result;
}

PhaseResult importPhase(const std::string& path)
{
    PhaseResult result;
    const std::string casePath = spoor::bench::temporaryCasePath("bench_audit_import", "import");
    {
        auto caseFile = spoor::store::CaseFile::open(casePath);
        const auto summary = spoor::ingest::importPaths(caseFile, {path});
        result.events = summary.events();
        result.ok = !summary.anyFailed() && summary.rejected() == 0;
    }
    result.caseBytes = spoor::bench::removeCase(casePath); // after the last connection closed and checkpointed
    return result;
}

void printRow(const char* name, const PhaseResult& result, unsigned long long records, double inputMb)
{
    if (!result.ok) {
        std::printf("%-7s  failed\n", name);
        return;
    }
    const auto recordCount = static_cast<double>(records);
    const auto eventCount = static_cast<double>(result.events);
    char caseSize[32] = "-";
    if (result.caseBytes)
        std::snprintf(caseSize, sizeof caseSize, "%.1f", static_cast<double>(result.caseBytes) / 1e6);
    std::printf("%-7s %9llu %7.2f %7.2f %10.0f %10.0f %10.0f %8.1f %8s %8.1f\n", name, result.events, result.seconds,
                result.cpuSeconds, eventCount / result.seconds, recordCount / result.cpuSeconds,
                eventCount / result.cpuSeconds, inputMb / result.cpuSeconds, caseSize,
                static_cast<double>(result.peakRssKib) / 1024.0);
}

int usage(const char* program)
{
    std::fprintf(stderr,
                 "usage: %s [--copies N] [--keep] CAPTURED_LOG OUTPUT_DIR\n"
                 "Writes N shifted copies of a raw audit log (default 1000) to OUTPUT_DIR, imports them into a "
                 "temporary case and prints the speed of each step. --keep keeps the written log.\n",
                 program);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> arguments(argv + 1, argv + argc);
    unsigned copies = 1000;
    bool keep = false;
    while (arguments.size() > 2) {
        if (arguments[0] == "--keep") {
            keep = true;
            arguments.erase(arguments.begin());
            continue;
        }
        if (arguments[0] != "--copies")
            return usage(argv[0]);
        const std::string& count = arguments[1];
        if (std::from_chars(count.data(), count.data() + count.size(), copies).ec != std::errc() || copies == 0)
            return usage(argv[0]);
        arguments.erase(arguments.begin(), arguments.begin() + 2);
    }
    if (arguments.size() != 2)
        return usage(argv[0]);
    const std::vector<std::string> capture = readLines(arguments[0]);
    if (capture.empty()) {
        std::fprintf(stderr, "%s: no lines read from %s, expected a raw audit log\n", argv[0], arguments[0].c_str());
        return 1;
    }
    std::filesystem::create_directories(arguments[1]);
    const std::string replay = (std::filesystem::path(arguments[1]) / "replayed.audit.log").string();
    const unsigned long long records = writeReplay(capture, copies, replay);
    if (records == 0) {
        std::fprintf(stderr, "%s: failed to write %s\n", argv[0], replay.c_str());
        return 1;
    }
    const double inputMb = static_cast<double>(std::filesystem::file_size(replay)) / 1e6;
    std::printf("input: %u copies of %zu records, %llu records, %.1f MB of raw audit log\n", copies, capture.size(),
                records, inputMb);
    std::printf("%-7s %9s %7s %7s %10s %10s %10s %8s %8s %8s\n", "phase", "events", "wall s", "CPU s", "events/s",
                "rec/CPU s", "ev/CPU s", "MB/CPU s", "case MB", "peak MB");

    const PhaseResult read = spoor::bench::runInChild([&] { return readPhase(replay); });
    printRow("read", read, records, inputMb);
    const PhaseResult decode = spoor::bench::runInChild([&] { return decodePhase(replay); });
    printRow("decode", decode, records, inputMb);
    const PhaseResult import = spoor::bench::runInChild([&] { return importPhase(replay); });
    printRow("import", import, records, inputMb);
    if (!keep)
        std::filesystem::remove(replay);
    return read.ok && decode.ok && import.ok ? 0 : 1;
}
