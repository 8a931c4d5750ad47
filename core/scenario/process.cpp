#include "scenario/process.h"

#include "scenario/json_text.h"

#include <array>
#include <utility>

namespace spoor::scenario {

namespace {

// Seconds from 1601-01-01 to 1970-01-01.
constexpr std::int64_t fileTimeEpochOffsetSeconds = 11'644'473'600;
constexpr std::int64_t nanosPerSecond = 1'000'000'000;

struct ProgramPath
{
    std::string_view name;
    std::string_view executable;
};

constexpr std::array programPaths{
    ProgramPath{"sh", "/usr/bin/dash"},
    ProgramPath{"bash", "/usr/bin/bash"},
    ProgramPath{"-bash", "/usr/bin/bash"},
    ProgramPath{"env", "/usr/bin/env"},
    ProgramPath{"run-parts", "/usr/bin/run-parts"},
    ProgramPath{"unix_chkpwd", "/usr/sbin/unix_chkpwd"},
    ProgramPath{"debian-sa1", "/usr/lib/sysstat/debian-sa1"},
    ProgramPath{"sa1", "/usr/lib/sysstat/sa1"},
    ProgramPath{"sadc", "/usr/lib/sysstat/sadc"},
    ProgramPath{"logrotate", "/usr/sbin/logrotate"},
};

// The process.name Elastic Defend reports: the executable's base name (dash for sh, bash for -bash).
std::string baseName(std::string_view path)
{
    const auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

void appendBase64(std::string& out, std::string_view bytes)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned value = static_cast<unsigned char>(bytes[i]) << 16 |
                               static_cast<unsigned char>(bytes[i + 1]) << 8 | static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[value >> 18 & 63];
        out += alphabet[value >> 12 & 63];
        out += alphabet[value >> 6 & 63];
        out += alphabet[value & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0) {
        return;
    }
    unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) {
        value |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    out += alphabet[value >> 18 & 63];
    out += alphabet[value >> 12 & 63];
    out += rest == 2 ? alphabet[value >> 6 & 63] : '=';
    out += '=';
}

std::string renderMembers(const Process& process)
{
    static thread_local TimestampFormatter formatter;
    std::string json;
    json.reserve(256);
    json += "\"pid\":";
    json += std::to_string(process.pid);
    json += ",\"entity_id\":\"";
    json += process.entityId;
    json += "\",\"name\":";
    appendJsonString(json, process.image.name);
    json += ",\"executable\":";
    appendJsonString(json, process.image.executable);
    json += ",\"args\":[";
    std::string commandLine;
    for (std::size_t i = 0; i < process.image.args.size(); ++i) {
        if (i > 0) {
            json += ',';
            commandLine += ' ';
        }
        appendJsonString(json, process.image.args[i]);
        commandLine += process.image.args[i];
    }
    json += "],\"args_count\":";
    json += std::to_string(process.image.args.size());
    json += ",\"command_line\":";
    appendJsonString(json, commandLine);
    json += ",\"start\":";
    formatter.appendQuoted(json, process.start, 7);
    return json;
}

} // namespace

std::string makeEntityId(std::string_view agentId, int pid, ecs::TimestampNs start)
{
    const std::int64_t seconds = start / nanosPerSecond + fileTimeEpochOffsetSeconds;
    std::string nanos = std::to_string(start % nanosPerSecond);
    nanos.insert(0, 9 - nanos.size(), '0');
    std::string plain;
    plain.reserve(agentId.size() + 40);
    plain += agentId;
    plain += '-';
    plain += std::to_string(pid);
    plain += '-';
    plain += std::to_string(seconds);
    plain += '.';
    plain += nanos;
    std::string encoded;
    encoded.reserve(plain.size() * 4 / 3 + 4);
    appendBase64(encoded, plain);
    return encoded;
}

ProcessPtr makeProcess(std::string_view agentId, int pid, Image image, ecs::TimestampNs start, User user,
                       ProcessPtr parent)
{
    auto process = std::make_shared<Process>();
    process->pid = pid;
    process->entityId = makeEntityId(agentId, pid, start);
    process->image = std::move(image);
    process->start = start;
    process->user = user;
    process->parent = std::move(parent);
    process->jsonMembers = renderMembers(*process);
    return process;
}

Image programImage(std::vector<std::string> args)
{
    const std::string_view program = args.front();
    if (program.starts_with('/')) {
        return pathImage(std::string(program), std::move(args));
    }
    for (const ProgramPath& known : programPaths) {
        if (known.name == program) {
            return Image{baseName(known.executable), std::string(known.executable), std::move(args)};
        }
    }
    return Image{std::string(program), "/usr/bin/" + std::string(program), std::move(args)};
}

Image systemShellImage(std::string command)
{
    return Image{"dash", "/usr/bin/dash", {"sh", "-c", std::move(command)}};
}

Image pathImage(std::string executable, std::vector<std::string> args)
{
    std::string name = baseName(executable);
    return Image{std::move(name), std::move(executable), std::move(args)};
}

} // namespace spoor::scenario
