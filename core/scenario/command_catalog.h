#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace spoor::scenario {

// A shell command line and the programs the shell runs for it (one per pipeline stage, builtins and
// redirections left out), with how long it takes and how it exits.
struct CommandSpec
{
    std::string_view text;
    std::vector<std::vector<std::string_view>> programs;
    double minSeconds = 0.002;
    double maxSeconds = 0.05;
    int exitCode = 0;
};

// Commands typed at an interactive bash prompt.
std::span<const CommandSpec> interactiveCommands();
// Commands automation runs with `ssh host CMD`, finishing within a fraction of a second.
std::span<const CommandSpec> quickRemoteCommands();
// Commands automation runs that take seconds.
std::span<const CommandSpec> slowRemoteCommands();
// Commands an attacker runs through the backdoor, finishing within milliseconds.
std::span<const CommandSpec> exploitCommands();
// The exploitation command that keeps the monitor alive for 30 s.
const CommandSpec& sleepCommand();

} // namespace spoor::scenario
