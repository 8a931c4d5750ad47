#pragma once

#include "scenario/process.h"
#include "scenario/random.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spoor::scenario {

// One monitored machine with its Elastic agent, its long-running processes and its pid counter.
struct Host
{
    std::size_t index = 0;
    std::string name;
    std::string id;
    std::string agentId;
    bool windows = false;
    // Debian's pam_motd runs the update-motd.d scripts as a direct child of the monitor on every login.
    // Every third Linux host goes without it, as RHEL does, and runs OpenSSH 9.8 or later.
    bool pamMotd = false;
    // OpenSSH 9.8 and later run the per-connection monitor as /usr/lib/openssh/sshd-session.
    bool sshdSession = false;
    User sshdUser;
    std::string address;
    // event.ingested is the second of @timestamp plus this lag.
    int ingestLagSeconds = 0;
    std::uint64_t nextSequence = 0;
    int nextPid = 0;
    ProcessPtr systemd;
    ProcessPtr listener;
    ProcessPtr cron;
    // Pre-rendered "agent" and "host" members, the same in every document of the host.
    std::string agentJson;
    std::string hostJson;

    // Returns a fresh pid, skipping a few as other processes on a real machine would take them.
    int allocatePid(Random& random);
    // The monitor's image: "/usr/sbin/sshd -D -R" or "/usr/lib/openssh/sshd-session -D -R".
    Image monitorImage() const;
};

// Makes Linux hosts web-00, web-01, ... then Windows hosts win-01, ..., with systemd, the sshd listener and
// cron started three days before `start`.
std::vector<Host> makeHosts(int linuxHosts, int windowsHosts, Random& random, ecs::TimestampNs start);

} // namespace spoor::scenario
