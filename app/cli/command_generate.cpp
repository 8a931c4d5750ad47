#include "cli.h"
#include "command_line.h"
#include "count_text.h"
#include "output_path.h"
#include "scenario/gzip_output.h"
#include "scenario/scenario.h"

#include <charconv>
#include <fstream>
#include <ostream>

namespace spoor::cli {

namespace {

constexpr const char* generateUsage = R"(Usage: spoor-cli generate --output FILE [OPTIONS]

Writes Elastic Defend-shaped Linux events of SSH activity and XZ backdoor exploitations as NDJSON, for tests,
demonstrations and benchmarks. A FILE ending in .gz is gzip-compressed; "-" writes to standard output. Equal
options give byte-identical output.

Options:
  --output FILE        the dump to write (required)
  --truth FILE         also write the answers as JSON: every connection, the exploitations, and the event.id
                       of each step of every match of the 2024-04-01 XZ rule
  --seed N             random seed (default 1)
  --linux-hosts N      Linux hosts web-00, web-01, ... (default 4); every third one has no pam_motd and runs
                       OpenSSH 9.8's sshd-session
  --windows-hosts N    Windows hosts win-01, ... (default 1)
  --minutes N          length of the time window in minutes (default 30)
  --start TIME         ISO-8601 UTC start of the window (default 2024-04-03T01:28:14Z)
  --rate R             SSH connections per Linux host per minute (default 1.5)
  --events N           scale the connection rate to produce about N events (replaces --rate)
  --exploits N         XZ exploitations that the 2024-04 rule matches (default 1)
  --no-near-misses     leave out the exploitations that the rule misses
)";

double parseRate(const std::string& text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
        throw UsageError("option --rate expects a positive number, got '" + text + "'");
    return value;
}

int intValue(const CommandLine& commandLine, const std::string& name, int fallback)
{
    const std::uint64_t value = commandLine.unsignedValue(name, static_cast<std::uint64_t>(fallback));
    if (value > 1'000'000)
        throw UsageError("option --" + name + " is too large: " + std::to_string(value));
    return static_cast<int>(value);
}

scenario::Options scenarioOptions(const CommandLine& commandLine)
{
    scenario::Options options;
    options.seed = commandLine.unsignedValue("seed", options.seed);
    options.linuxHosts = intValue(commandLine, "linux-hosts", options.linuxHosts);
    options.windowsHosts = intValue(commandLine, "windows-hosts", options.windowsHosts);
    options.minutes = intValue(commandLine, "minutes", options.minutes);
    options.start = commandLine.value("start", options.start);
    if (commandLine.has("rate"))
        options.connectionsPerHostPerMinute = parseRate(commandLine.value("rate"));
    if (commandLine.has("events"))
        options.targetEvents = commandLine.unsignedValue("events", 0);
    options.exploits = intValue(commandLine, "exploits", options.exploits);
    options.nearMisses = !commandLine.has("no-near-misses");
    return options;
}

scenario::Summary writeDump(const scenario::Options& options, const std::string& path, std::ostream& stdOut,
                            nlohmann::json* truth)
{
    if (path == "-")
        return scenario::generate(options, stdOut, truth);
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
        scenario::GzipOutputBuffer buffer(path);
        std::ostream stream(&buffer);
        const auto summary = scenario::generate(options, stream, truth);
        if (!buffer.close())
            throw std::runtime_error("writing " + path + " failed: zlib could not finish the gzip stream");
        return summary;
    }
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    if (!stream)
        throw std::runtime_error("cannot create " + path + ": check that the folder exists and is writable");
    return scenario::generate(options, stream, truth);
}

void writeTruth(const std::string& path, const nlohmann::json& truth)
{
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream << truth.dump(1) << '\n';
    stream.close();
    if (!stream)
        throw std::runtime_error("writing " + path + " failed: check that the folder exists and is writable");
}

} // namespace

int runGenerate(const std::vector<std::string>& args, Streams streams)
{
    try {
        const CommandLine commandLine(args,
                                      {"output", "truth", "seed", "linux-hosts", "windows-hosts", "minutes", "start",
                                       "rate", "events", "exploits"},
                                      {"no-near-misses", "help"});
        if (commandLine.has("help")) {
            streams.out << generateUsage;
            return ExitSuccess;
        }
        if (!commandLine.has("output"))
            throw UsageError("missing --output FILE");
        if (!commandLine.positionals().empty())
            throw UsageError("unexpected argument '" + commandLine.positionals().front() + "'");
        const scenario::Options options = scenarioOptions(commandLine);
        const std::string truthPath = commandLine.value("truth");
        if (!truthPath.empty() && isSameFile(truthPath, commandLine.value("output")))
            throw UsageError("--truth and --output name the same file " + truthPath + "; choose another --truth path");

        nlohmann::json truth;
        const auto summary =
            writeDump(options, commandLine.value("output"), streams.out, truthPath.empty() ? nullptr : &truth);
        if (!truthPath.empty())
            writeTruth(truthPath, truth);
        streams.err << "generated " << countText(summary.events, "event", "events") << ", "
                    << countText(summary.connections, "SSH connection", "SSH connections") << ", "
                    << countText(summary.expectedRuleMatches, "expected rule match", "expected rule matches") << '\n';
        return ExitSuccess;
    } catch (const UsageError& error) {
        streams.err << "spoor-cli generate: " << error.what() << "\n\n" << generateUsage;
        return ExitUsage;
    } catch (const std::invalid_argument& error) {
        streams.err << "spoor-cli generate: " << error.what() << "\n\n" << generateUsage;
        return ExitUsage;
    } catch (const std::exception& error) {
        streams.err << "spoor-cli generate: " << error.what() << '\n';
        return ExitInputFailed;
    }
}

} // namespace spoor::cli
