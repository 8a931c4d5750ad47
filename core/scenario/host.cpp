#include "scenario/host.h"

#include "scenario/json_text.h"

#include <cstdio>

namespace spoor::scenario {

namespace {

constexpr ecs::TimestampNs bootBeforeStart = 3LL * 24 * 3600 * 1'000'000'000;
// Linux's default pid_max on 64-bit systems (/proc/sys/kernel/pid_max).
constexpr int pidMax = 4'194'304;
constexpr int firstRecycledPid = 1000;

std::string twoDigits(int number)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d", number);
    return buffer;
}

void renderJson(Host& host, std::string_view osType, std::string_view family, std::string_view osName,
                std::string_view kernel)
{
    host.agentJson = "\"agent\":{\"id\":\"" + host.agentId + "\",\"type\":\"endpoint\",\"version\":\"8.13.0\"}";
    std::string& json = host.hostJson;
    json = "\"host\":{\"id\":\"" + host.id + "\",\"name\":";
    appendJsonString(json, host.name);
    json += ",\"hostname\":";
    appendJsonString(json, host.name);
    json += ",\"os\":{\"type\":";
    appendJsonString(json, osType);
    json += ",\"family\":";
    appendJsonString(json, family);
    json += ",\"name\":";
    appendJsonString(json, osName);
    json += ",\"kernel\":";
    appendJsonString(json, kernel);
    json += "}}";
}

void startBaseProcesses(Host& host, Random& random, ecs::TimestampNs boot)
{
    host.systemd =
        makeProcess(host.agentId, 1, pathImage("/usr/lib/systemd/systemd", {"/sbin/init"}), boot, rootUser, nullptr);
    host.nextPid = static_cast<int>(random.integer(500, 3000));
    host.listener =
        makeProcess(host.agentId, host.allocatePid(random),
                    pathImage("/usr/sbin/sshd", {"sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"}), boot,
                    rootUser, host.systemd);
    host.cron = makeProcess(host.agentId, host.allocatePid(random),
                            pathImage("/usr/sbin/cron", {"/usr/sbin/cron", "-f"}), boot, rootUser, host.systemd);
}

} // namespace

int Host::allocatePid(Random& random)
{
    const int pid = nextPid;
    nextPid += static_cast<int>(random.integer(1, 6));
    if (nextPid >= pidMax) {
        nextPid = firstRecycledPid;
    }
    return pid;
}

Image Host::monitorImage() const
{
    if (sshdSession) {
        return pathImage("/usr/lib/openssh/sshd-session", {"/usr/lib/openssh/sshd-session", "-D", "-R"});
    }
    return pathImage("/usr/sbin/sshd", {"/usr/sbin/sshd", "-D", "-R"});
}

std::vector<Host> makeHosts(int linuxHosts, int windowsHosts, Random& random, ecs::TimestampNs start)
{
    std::vector<Host> hosts;
    const int total = linuxHosts + windowsHosts;
    hosts.reserve(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i) {
        Host host;
        host.index = static_cast<std::size_t>(i);
        host.windows = i >= linuxHosts;
        host.name = host.windows ? "win-" + twoDigits(i - linuxHosts + 1) : "web-" + twoDigits(i);
        host.id = random.uuid();
        host.agentId = random.uuid();
        const bool rhelLike = !host.windows && i % 3 == 2;
        host.pamMotd = !host.windows && !rhelLike;
        host.sshdSession = rhelLike;
        host.sshdUser = User{"102", "sshd"};
        host.address = "10.20.0." + std::to_string(10 + i);
        host.ingestLagSeconds = static_cast<int>(random.integer(1, 4));
        host.nextSequence = static_cast<std::uint64_t>(random.integer(10'000, 80'000));
        if (host.windows) {
            renderJson(host, "windows", "windows", "Windows Server 2022 Datacenter", "10.0.20348.2340");
        } else if (rhelLike) {
            renderJson(host, "linux", "debian", "Debian GNU/Linux", "6.12.12-amd64");
        } else {
            renderJson(host, "linux", "debian", "Debian GNU/Linux", "6.1.0-18-amd64");
        }
        startBaseProcesses(host, random, start - bootBeforeStart);
        hosts.push_back(std::move(host));
    }
    return hosts;
}

} // namespace spoor::scenario
