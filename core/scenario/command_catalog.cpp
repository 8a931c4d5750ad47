#include "scenario/command_catalog.h"

namespace spoor::scenario {

std::span<const CommandSpec> interactiveCommands()
{
    static const std::vector<CommandSpec> commands{
        {"ls -la", {{"ls", "--color=auto", "-la"}}, 0.002, 0.2},
        {"cat /etc/os-release", {{"cat", "/etc/os-release"}}, 0.001, 0.05},
        {"ps aux", {{"ps", "aux"}}, 0.02, 0.3},
        {"ps aux | grep nginx", {{"ps", "aux"}, {"grep", "--color=auto", "nginx"}}, 0.02, 0.3},
        {"df -h", {{"df", "-h"}}, 0.002, 0.03},
        {"free -m", {{"free", "-m"}}, 0.001, 0.01},
        {"tail -n 100 /var/log/nginx/error.log", {{"tail", "-n", "100", "/var/log/nginx/error.log"}}, 0.001, 0.02},
        {"journalctl -u nginx --since today", {{"journalctl", "-u", "nginx", "--since", "today"}}, 0.3, 8.0},
        {"vim /etc/nginx/sites-enabled/default", {{"vim", "/etc/nginx/sites-enabled/default"}}, 8.0, 120.0},
        {"top", {{"top"}}, 5.0, 60.0},
        {"w", {{"w"}}, 0.002, 0.02},
        {"grep -r TODO /srv/app/config", {{"grep", "--color=auto", "-r", "TODO", "/srv/app/config"}}, 0.005, 0.1, 1},
        {"ls /srv/app/releases/old", {{"ls", "--color=auto", "/srv/app/releases/old"}}, 0.001, 0.01, 2},
        {"systemctl is-active nginx", {{"systemctl", "is-active", "nginx"}}, 0.005, 0.05},
    };
    return commands;
}

std::span<const CommandSpec> quickRemoteCommands()
{
    static const std::vector<CommandSpec> commands{
        {"df -h /", {{"df", "-h", "/"}}, 0.002, 0.03},
        {"hostname", {{"hostname"}}, 0.001, 0.01},
        {"uptime", {{"uptime"}}, 0.001, 0.02},
        {"cat /proc/loadavg", {{"cat", "/proc/loadavg"}}, 0.001, 0.01},
        {"systemctl is-active nginx", {{"systemctl", "is-active", "nginx"}}, 0.005, 0.05},
        {"free -m", {{"free", "-m"}}, 0.001, 0.01},
        {"ss -tln | grep -c :443", {{"ss", "-tln"}, {"grep", "-c", ":443"}}, 0.003, 0.03},
        {"test -f /var/run/reboot-required", {{"test", "-f", "/var/run/reboot-required"}}, 0.001, 0.005, 1},
    };
    return commands;
}

std::span<const CommandSpec> slowRemoteCommands()
{
    static const std::vector<CommandSpec> commands{
        {"tar -czf /var/backups/www.tgz /var/www", {{"tar", "-czf", "/var/backups/www.tgz", "/var/www"}}, 2.0, 25.0},
        {"find /var/log -name '*.gz' -mtime +30 -delete",
         {{"find", "/var/log", "-name", "*.gz", "-mtime", "+30", "-delete"}},
         1.2,
         6.0},
        {"journalctl --vacuum-time=14d", {{"journalctl", "--vacuum-time=14d"}}, 1.1, 4.0},
        {"sha256sum /srv/app/releases/current.tar", {{"sha256sum", "/srv/app/releases/current.tar"}}, 1.5, 9.0},
    };
    return commands;
}

std::span<const CommandSpec> exploitCommands()
{
    static const std::vector<CommandSpec> commands{
        {"id > /tmp/.xz", {{"id"}}, 0.001, 0.01},
        {"id", {{"id"}}, 0.001, 0.01},
        {"uname -a > /dev/shm/.u", {{"uname", "-a"}}, 0.001, 0.02},
        {"cat /etc/shadow > /dev/shm/.s", {{"cat", "/etc/shadow"}}, 0.001, 0.01},
        {"whoami", {{"whoami"}}, 0.001, 0.01},
    };
    return commands;
}

const CommandSpec& sleepCommand()
{
    static const CommandSpec command{"sleep 30", {{"sleep", "30"}}, 30.0, 30.003};
    return command;
}

} // namespace spoor::scenario
