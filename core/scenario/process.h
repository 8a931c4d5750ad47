#pragma once

#include "ecs/timestamp.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::scenario {

struct User
{
    std::string_view id;
    std::string_view name;
};

inline constexpr User rootUser{"0", "root"};

// The program a process runs: the fields an exec replaces.
struct Image
{
    std::string name;
    std::string executable;
    std::vector<std::string> args;
};

// One process generation: a pid between two of its execs, with its own entity_id. Immutable once made, so
// events share it as `process` and as `process.parent`.
struct Process
{
    int pid = 0;
    std::string entityId;
    Image image;
    ecs::TimestampNs start = 0;
    User user;
    std::shared_ptr<const Process> parent;
    // Pre-rendered JSON members "pid" to "start" of the process block, reused by every event that shows it.
    std::string jsonMembers;
};

using ProcessPtr = std::shared_ptr<const Process>;

ProcessPtr makeProcess(std::string_view agentId, int pid, Image image, ecs::TimestampNs start, User user,
                       ProcessPtr parent);

// Elastic Defend's Linux entity_id: base64 of "<agent.id>-<pid>-<start>", the start written as seconds since
// 1601-01-01 (the Windows FILETIME epoch), '.', and 9 digits of nanoseconds.
std::string makeEntityId(std::string_view agentId, int pid, ecs::TimestampNs start);

// The image of a program run by argv, its executable found in a table of Debian paths (/usr/bin/ when the
// program is not listed).
Image programImage(std::vector<std::string> args);
// `sh -c command` run by /usr/bin/dash, Debian's /bin/sh, with argv[0] "sh" as system() passes it.
Image systemShellImage(std::string command);
// The image of an OpenSSH binary or dash shell given with its full path in argv[0].
Image pathImage(std::string executable, std::vector<std::string> args);

} // namespace spoor::scenario
