// spoor-generate: writes a generated scenario dump (NDJSON, gzip-compressed when the file name ends in .gz)
// and optionally its truth file.

#include "gzip_output.h"
#include "scenario/scenario.h"

#include <charconv>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view usage = R"(Usage: spoor-generate --output FILE [options]

Writes Elastic Defend-shaped events of SSH activity and XZ backdoor exploitations as NDJSON.
A FILE ending in .gz is gzip-compressed; "-" writes to standard output.

Options:
  --output FILE         the dump to write (required)
  --truth FILE          also write the answers as JSON: cases, exploitations, expected rule matches
  --seed N              random seed (default 1); equal options and seed give byte-identical output
  --linux-hosts N       Linux hosts web-00, web-01, ... (default 4)
  --windows-hosts N     Windows hosts win-01, ... (default 1)
  --minutes N           length of the time window in minutes (default 30)
  --start TIME          ISO-8601 UTC start of the window (default 2024-04-03T01:28:14Z)
  --rate R              SSH connections per Linux host per minute (default 1.5)
  --events N            scale the connection rate to produce about N events (overrides --rate)
  --exploits N          xz_exploit connections that the 2024-04 XZ rule matches (default 1)
  --no-near-misses      leave out the exploitations the rule misses
  --help                show this help
)";

struct Arguments
{
    spoor::scenario::Options options;
    std::string output;
    std::string truth;
};

template <typename T> T parseNumber(std::string_view flag, std::string_view text)
{
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw std::invalid_argument("invalid value \"" + std::string(text) + "\" for " + std::string(flag) +
                                    ": expected a number");
    }
    return value;
}

Arguments parseArguments(int argc, char** argv)
{
    Arguments arguments;
    auto& options = arguments.options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "--help") {
            std::cout << usage;
            std::exit(0);
        }
        if (flag == "--no-near-misses") {
            options.nearMisses = false;
            continue;
        }
        if (i + 1 >= argc) {
            throw std::invalid_argument("missing value after " + std::string(flag) + " (see --help)");
        }
        const std::string_view value = argv[++i];
        if (flag == "--output") {
            arguments.output = value;
        } else if (flag == "--truth") {
            arguments.truth = value;
        } else if (flag == "--seed") {
            options.seed = parseNumber<std::uint64_t>(flag, value);
        } else if (flag == "--linux-hosts") {
            options.linuxHosts = parseNumber<int>(flag, value);
        } else if (flag == "--windows-hosts") {
            options.windowsHosts = parseNumber<int>(flag, value);
        } else if (flag == "--minutes") {
            options.minutes = parseNumber<int>(flag, value);
        } else if (flag == "--start") {
            options.start = value;
        } else if (flag == "--rate") {
            options.connectionsPerHostPerMinute = parseNumber<double>(flag, value);
        } else if (flag == "--events") {
            options.targetEvents = parseNumber<std::uint64_t>(flag, value);
        } else if (flag == "--exploits") {
            options.exploits = parseNumber<int>(flag, value);
        } else {
            throw std::invalid_argument("unknown option " + std::string(flag) + " (see --help)");
        }
    }
    if (arguments.output.empty()) {
        throw std::invalid_argument("missing --output FILE (see --help)");
    }
    return arguments;
}

spoor::scenario::Summary writeDump(const Arguments& arguments, nlohmann::json* truth)
{
    const std::string& path = arguments.output;
    if (path == "-") {
        return spoor::scenario::generate(arguments.options, std::cout, truth);
    }
    if (path.ends_with(".gz")) {
        spoor::tools::GzipOutputBuffer buffer(path);
        std::ostream stream(&buffer);
        const auto summary = spoor::scenario::generate(arguments.options, stream, truth);
        if (!buffer.close()) {
            throw std::runtime_error("writing " + path + " failed: zlib could not finish the gzip stream");
        }
        return summary;
    }
    std::ofstream stream(path, std::ios::binary);
    if (!stream) {
        throw std::runtime_error("cannot create " + path + ": check that the folder exists and is writable");
    }
    return spoor::scenario::generate(arguments.options, stream, truth);
}

void writeTruth(const std::string& path, const nlohmann::json& truth)
{
    std::ofstream stream(path, std::ios::binary);
    stream << truth.dump(1) << '\n';
    if (!stream) {
        throw std::runtime_error("writing " + path + " failed: check that the folder exists and is writable");
    }
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const Arguments arguments = parseArguments(argc, argv);
        nlohmann::json truth;
        const auto begin = std::chrono::steady_clock::now();
        const auto summary = writeDump(arguments, arguments.truth.empty() ? nullptr : &truth);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
        if (!arguments.truth.empty()) {
            writeTruth(arguments.truth, truth);
        }
        std::cerr << "spoor-generate: " << summary.events << " events, " << summary.connections << " connections, "
                  << summary.expectedRuleMatches << " expected rule matches in " << elapsed.count() << " s\n";
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "spoor-generate: " << error.what() << '\n';
        return 1;
    }
}
