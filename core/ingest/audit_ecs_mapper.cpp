#include "ingest/audit_ecs_mapper.h"

#include "ecs/timestamp.h"
#include "ingest/audit_syscalls.h"
#include "ingest/audit_values.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace spoor::ingest {

namespace {

// std::map-based, so references to members stay valid while others are added.
using Json = nlohmann::json;

// The value auditd writes for an unset login uid or session (the kernel's (u32)-1).
constexpr std::string_view unsetId = "4294967295";
constexpr std::uint64_t cloneThreadFlag = 0x00010000; // CLONE_THREAD in linux/sched.h
constexpr std::size_t maxCommLength = 15;             // TASK_COMM_LEN - 1

// Records that only add detail to an event (its paths, its arguments) and never name what it is.
bool isAuxiliaryRecord(std::string_view type)
{
    static constexpr std::array<std::string_view, 12> types = {
        "SYSCALL",    "EXECVE", "CWD",     "PATH", "PROCTITLE", "SOCKADDR",
        "BPRM_FCAPS", "EOE",    "FD_PAIR", "MMAP", "OBJ_PID",   "PARENT_INFO"}; // PARENT_INFO is laurel's addition
    for (const auto auxiliary : types) {
        if (type == auxiliary)
            return true;
    }
    return false;
}

std::string lowercase(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

// The record that names the event: the first one that is not auxiliary, else the SYSCALL.
const AuditRecord& primaryRecord(const AuditEvent& event)
{
    for (const auto& record : event.records) {
        if (!isAuxiliaryRecord(record.type))
            return record;
    }
    const AuditRecord* syscall = event.first("SYSCALL");
    return syscall ? *syscall : event.records.front();
}

bool isPresent(const std::string* value)
{
    return value && !value->empty() && *value != "(null)" && *value != "?" && *value != unsetId;
}

std::string_view baseName(std::string_view path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// comm is the executable's name cut to 15 bytes; the path's last part gives the whole name back.
std::string processName(const std::string* comm, const std::string* exe)
{
    const std::string_view base = isPresent(exe) ? baseName(*exe) : std::string_view();
    if (!isPresent(comm))
        return std::string(base);
    if (comm->size() == maxCommLength && base.starts_with(*comm))
        return std::string(base);
    return *comm;
}

std::optional<std::int64_t> numberField(const AuditRecord& record, std::string_view key)
{
    const std::string* value = record.find(key);
    return value ? parseDecimalNumber(*value) : std::nullopt;
}

void setIfPresent(Json& target, const char* key, const std::string* value)
{
    if (isPresent(value))
        target[key] = *value;
}

void addArguments(Json& process, const std::vector<std::string>& args)
{
    if (args.empty())
        return;
    process["args"] = args;
    process["args_count"] = args.size();
    process["command_line"] = joinArguments(args);
}

// Fills user.*, user.effective.*, user.audit.* and group.* from the ids of a SYSCALL or LOGIN record
// and the names an ENRICHED log adds. user.id is the real uid, as ECS and Auditbeat define it; the
// login uid (auid), which survives su and sudo, is user.audit.id.
void addUsers(Json& doc, const AuditRecord& record)
{
    Json user = Json::object();
    setIfPresent(user, "id", record.find("uid"));
    setIfPresent(user, "name", record.findInterpreted("UID"));
    Json effective = Json::object();
    setIfPresent(effective, "id", record.find("euid"));
    setIfPresent(effective, "name", record.findInterpreted("EUID"));
    Json audit = Json::object();
    setIfPresent(audit, "id", record.find("auid"));
    setIfPresent(audit, "name", record.findInterpreted("AUID"));
    if (!effective.empty())
        user["effective"] = std::move(effective);
    if (!audit.empty())
        user["audit"] = std::move(audit);
    if (!user.empty())
        doc["user"] = std::move(user);
    Json group = Json::object();
    setIfPresent(group, "id", record.find("gid"));
    setIfPresent(group, "name", record.findInterpreted("GID"));
    if (!group.empty())
        doc["group"] = std::move(group);
}

void setOutcome(Json& event, const std::string* result)
{
    if (!result)
        return;
    if (*result == "yes" || *result == "success" || *result == "1")
        event["outcome"] = "success";
    else if (*result == "no" || *result == "failed" || *result == "0")
        event["outcome"] = "failure";
}

struct UserMessageMapping
{
    std::string_view type;
    std::string_view action; // Auditbeat's names for these messages
    std::string_view category;
    std::string_view eventType;
};

// USER_CMD gets no category: "process" with "start" would read as an exec of its own.
constexpr std::array<UserMessageMapping, 9> userMessages{{
    {"USER_LOGIN", "logged-in", "authentication", "start"},
    {"USER_LOGOUT", "logged-out", "authentication", "end"},
    {"USER_AUTH", "authenticated", "authentication", "info"},
    {"USER_ACCT", "was-authorized", "authentication", "info"},
    {"USER_START", "started-session", "session", "start"},
    {"USER_END", "ended-session", "session", "end"},
    {"CRED_ACQ", "acquired-credentials", "authentication", "info"},
    {"CRED_DISP", "disposed-credentials", "authentication", "info"},
    {"USER_CMD", "ran-command", "", ""},
}};

// clone() with CLONE_THREAD in its flags (a0 on x86_64 and aarch64) starts a thread, not a process.
// clone3() passes its flags in a structure that audit does not record, so it always counts as a process.
bool createsProcess(const AuditRecord& syscall, std::string_view name)
{
    if (name == "fork" || name == "vfork" || name == "clone3")
        return true;
    if (name != "clone")
        return false;
    const std::string* flags = syscall.find("a0");
    const auto value = flags ? parseHexNumber(*flags) : std::nullopt;
    return !value || (*value & cloneThreadFlag) == 0;
}

bool isBigEndianArch(std::string_view arch)
{
    return arch == "ppc64" || arch == "s390x" || arch == "mips";
}

} // namespace

struct AuditEcsMapper::Context
{
    explicit Context(const AuditEvent& audited) : event(audited) {}

    const AuditEvent& event;
    Json doc = Json::object();
    std::string host;
    const AuditRecord* syscall = nullptr;
    std::string arch;
    std::string syscallName;
    std::vector<std::string> derived;
};

AuditEcsMapper::AuditEcsMapper(std::string dataset, std::string fallbackHost, std::size_t maxProcesses)
    : dataset_(std::move(dataset)), fallbackHost_(std::move(fallbackHost)),
      maxProcesses_(std::max<std::size_t>(maxProcesses, 1))
{}

std::string AuditEcsMapper::entityId(const std::string& host, std::int64_t pid, const AuditEvent& event) const
{
    return host + "|" + std::to_string(pid) + "|" + event.stamp;
}

namespace {

std::string processKey(const std::string& host, std::int64_t pid)
{
    return host + "|" + std::to_string(pid);
}

} // namespace

// Returns the process, marked as the most recently used, or nullptr.
AuditEcsMapper::ProcessState* AuditEcsMapper::find(const std::string& host, std::int64_t pid)
{
    const auto found = processes_.find(processKey(host, pid));
    if (found == processes_.end())
        return nullptr;
    recentlyUsed_.splice(recentlyUsed_.begin(), recentlyUsed_, found->second.recent);
    return &found->second.state;
}

void AuditEcsMapper::remember(const std::string& host, std::int64_t pid, ProcessState state)
{
    const std::string key = processKey(host, pid);
    auto [found, added] = processes_.try_emplace(key);
    ProcessEntry& entry = found->second;
    if (added) {
        recentlyUsed_.push_front(key);
        entry.recent = recentlyUsed_.begin();
    } else {
        recentlyUsed_.splice(recentlyUsed_.begin(), recentlyUsed_, entry.recent);
    }
    // Records reach the log when a system call returns, so a child's execve may come before the clone
    // that created it. A generation never replaces one that started later.
    if (added || entry.state.startMs <= state.startMs)
        entry.state = std::move(state);
    while (processes_.size() > maxProcesses_) {
        processes_.erase(recentlyUsed_.back());
        recentlyUsed_.pop_back();
    }
}

void AuditEcsMapper::forget(const std::string& host, std::int64_t pid)
{
    const auto found = processes_.find(processKey(host, pid));
    if (found == processes_.end())
        return;
    recentlyUsed_.erase(found->second.recent);
    processes_.erase(found);
}

AuditEcsMapper::ProcessState AuditEcsMapper::stateFromEvent(const Context& context, std::int64_t pid) const
{
    ProcessState state;
    state.entityId = entityId(context.host, pid, context.event);
    state.startMs = context.event.timestampMs;
    if (context.syscall) {
        const std::string* exe = context.syscall->find("exe");
        if (isPresent(exe))
            state.executable = *exe;
        state.name = processName(context.syscall->find("comm"), exe);
    }
    if (const AuditRecord* proctitle = context.event.first("PROCTITLE")) {
        if (const std::string* title = proctitle->find("proctitle"))
            state.args = splitProctitle(*title);
    }
    return state;
}

AuditEcsMapper::ProcessState& AuditEcsMapper::findOrCreate(Context& context, std::int64_t pid)
{
    if (ProcessState* known = find(context.host, pid))
        return *known;
    remember(context.host, pid, stateFromEvent(context, pid));
    return *find(context.host, pid);
}

void AuditEcsMapper::addParent(Context& context, std::int64_t parentPid)
{
    Json& parent = context.doc["process"]["parent"];
    parent["pid"] = parentPid;
    const ProcessState* known = find(context.host, parentPid);
    if (!known) {
        // laurel records what it knew of the parent when the event happened.
        if (const AuditRecord* info = context.event.first("PARENT_INFO")) {
            setIfPresent(parent, "executable", info->find("exe"));
            setIfPresent(parent, "name", info->find("comm"));
        }
        return;
    }
    parent["entity_id"] = known->entityId;
    context.derived.emplace_back("process.parent.entity_id");
    if (!known->name.empty()) {
        parent["name"] = known->name;
        context.derived.emplace_back("process.parent.name");
    }
    if (!known->executable.empty()) {
        parent["executable"] = known->executable;
        context.derived.emplace_back("process.parent.executable");
    }
    if (!known->args.empty()) {
        addArguments(parent, known->args);
        context.derived.emplace_back("process.parent.args");
        context.derived.emplace_back("process.parent.command_line");
    }
}

namespace {

void writeProcess(Json& process, std::int64_t pid, const std::string& entityId, const std::string& executable,
                  const std::string& name)
{
    process["pid"] = pid;
    process["entity_id"] = entityId;
    if (!executable.empty())
        process["executable"] = executable;
    if (!name.empty())
        process["name"] = name;
}

void writeCategory(Json& event, std::string_view action, std::string_view category, std::string_view type)
{
    event["action"] = action;
    if (!category.empty())
        event["category"] = Json::array({category});
    if (!type.empty())
        event["type"] = Json::array({type});
}

void addWorkingDirectoryAndTitle(Json& process, const AuditEvent& event)
{
    if (const AuditRecord* cwd = event.first("CWD"))
        setIfPresent(process, "working_directory", cwd->find("cwd"));
    if (const AuditRecord* proctitle = event.first("PROCTITLE")) {
        if (const std::string* title = proctitle->find("proctitle"))
            process["title"] = joinArguments(splitProctitle(*title));
    }
}

} // namespace

void AuditEcsMapper::mapExec(Context& context)
{
    const AuditRecord& syscall = *context.syscall;
    const std::int64_t pid = numberField(syscall, "pid").value_or(0);
    ProcessState state = stateFromEvent(context, pid);
    if (auto arguments = execveArguments(context.event)) {
        state.args = std::move(*arguments);
        state.argsFromExec = true;
    }
    Json& process = context.doc["process"];
    writeProcess(process, pid, state.entityId, state.executable, state.name);
    addArguments(process, state.args);
    addWorkingDirectoryAndTitle(process, context.event);
    remember(context.host, pid, std::move(state));
    if (auto parentPid = numberField(syscall, "ppid"))
        addParent(context, *parentPid);
    writeCategory(context.doc["event"], "exec", "process", "start");
}

void AuditEcsMapper::mapFork(Context& context, std::int64_t childPid)
{
    const std::int64_t pid = numberField(*context.syscall, "pid").value_or(0);
    const ProcessState forker = findOrCreate(context, pid);
    ProcessState child = forker;
    child.entityId = entityId(context.host, childPid, context.event);
    child.startMs = context.event.timestampMs;

    Json& process = context.doc["process"];
    writeProcess(process, childPid, child.entityId, child.executable, child.name);
    addArguments(process, child.args);
    addWorkingDirectoryAndTitle(process, context.event);
    Json& parent = process["parent"];
    writeProcess(parent, pid, forker.entityId, forker.executable, forker.name);
    addArguments(parent, forker.args);
    context.derived.emplace_back("process.parent.entity_id");
    remember(context.host, childPid, std::move(child));
    writeCategory(context.doc["event"], "fork", "process", "start");
}

void AuditEcsMapper::mapEnd(Context& context)
{
    const AuditRecord& syscall = *context.syscall;
    const std::int64_t pid = numberField(syscall, "pid").value_or(0);
    const ProcessState state = findOrCreate(context, pid);
    Json& process = context.doc["process"];
    writeProcess(process, pid, state.entityId, state.executable, state.name);
    addArguments(process, state.args);
    // exit_group(status) leaves status & 0xff to the parent's wait(), so a0=ffffffffffffffff is 255.
    if (const std::string* status = syscall.find("a0")) {
        if (auto value = parseHexNumber(*status))
            process["exit_code"] = static_cast<std::int64_t>(*value & 0xff);
    }
    addWorkingDirectoryAndTitle(process, context.event);
    if (auto parentPid = numberField(syscall, "ppid"))
        addParent(context, *parentPid);
    forget(context.host, pid);
    writeCategory(context.doc["event"], "end", "process", "end");
}

void AuditEcsMapper::mapOtherSyscall(Context& context)
{
    const AuditRecord& syscall = *context.syscall;
    const std::int64_t pid = numberField(syscall, "pid").value_or(0);
    const ProcessState state = findOrCreate(context, pid);
    const std::string* exe = syscall.find("exe");
    Json& process = context.doc["process"];
    writeProcess(process, pid, state.entityId, isPresent(exe) ? *exe : state.executable,
                 processName(syscall.find("comm"), exe));
    addArguments(process, state.args);
    addWorkingDirectoryAndTitle(process, context.event);
    if (auto parentPid = numberField(syscall, "ppid"))
        addParent(context, *parentPid);

    const AuditRecord& primary = primaryRecord(context.event);
    const std::string action = primary.type == "SYSCALL" ? context.syscallName : lowercase(primary.type);
    context.doc["event"]["action"] = action;
    if (context.syscallName == "connect" || context.syscallName == "accept" || context.syscallName == "accept4")
        addNetwork(context, context.syscallName);
}

void AuditEcsMapper::addNetwork(Context& context, std::string_view syscall)
{
    const AuditRecord* record = context.event.first("SOCKADDR");
    const std::string* saddr = record ? record->find("saddr") : nullptr;
    const auto bytes = saddr ? decodeHex(*saddr) : std::nullopt;
    const auto address = bytes ? decodeSockaddr(*bytes, isBigEndianArch(context.arch)) : std::nullopt;
    if (!address)
        return;
    Json& data = context.doc["auditd"]["data"]["socket"];
    data["family"] = address->family;
    if (address->family == "unix") {
        data["path"] = address->path;
        return;
    }
    if (address->ip.empty())
        return;
    const bool accepted = syscall != "connect";
    Json& peer = context.doc[accepted ? "source" : "destination"];
    peer["ip"] = address->ip;
    if (address->port)
        peer["port"] = *address->port;
    context.doc["network"]["type"] = address->family;
    context.doc["network"]["direction"] = accepted ? "ingress" : "egress";
    writeCategory(context.doc["event"], accepted ? "connection_accepted" : "connection_attempted", "network", "start");
}

void AuditEcsMapper::mapSyscall(Context& context)
{
    const AuditRecord& syscall = *context.syscall;
    const std::string* interpretedArch = syscall.findInterpreted("ARCH");
    if (interpretedArch)
        context.arch = *interpretedArch;
    else if (const std::string* arch = syscall.find("arch"))
        context.arch = std::string(auditArchName(*arch).value_or(*arch));
    const std::string* number = syscall.find("syscall");
    if (const std::string* interpreted = syscall.findInterpreted("SYSCALL"))
        context.syscallName = *interpreted;
    else if (auto parsed = number ? parseDecimalNumber(*number) : std::nullopt)
        context.syscallName = std::string(syscallName(context.arch, static_cast<int>(*parsed)).value_or(*number));
    else if (number)
        context.syscallName = *number; // an ausearch --interpret log writes the name itself

    Json& data = context.doc["auditd"]["data"];
    data["syscall"] = context.syscallName;
    if (!context.arch.empty())
        data["arch"] = context.arch;
    for (const char* key : {"exit", "a0", "a1", "a2", "a3", "tty"})
        setIfPresent(data, key, syscall.find(key));

    const std::string* success = syscall.find("success");
    const bool succeeded = success && *success == "yes";
    const std::string_view name = context.syscallName;
    const auto result = numberField(syscall, "exit");
    if (succeeded && (name == "execve" || name == "execveat")) {
        mapExec(context);
    } else if (succeeded && result && *result > 0 && createsProcess(syscall, name)) {
        mapFork(context, *result);
    } else if (name == "exit_group") {
        mapEnd(context);
    } else {
        // NOTE: exit(2) is mapped like any other call, not as the end of the process, because on Linux it
        // ends one thread, and audit records name the thread group's pid.
        mapOtherSyscall(context);
    }
}

void AuditEcsMapper::mapUserMessage(Context& context)
{
    const AuditRecord& record = primaryRecord(context.event);
    std::string_view action;
    for (const auto& mapping : userMessages) {
        if (mapping.type == record.type) {
            writeCategory(context.doc["event"], mapping.action, mapping.category, mapping.eventType);
            action = mapping.action;
        }
    }
    if (action.empty())
        context.doc["event"]["action"] = lowercase(record.type);

    if (auto pid = numberField(record, "pid")) {
        Json& process = context.doc["process"];
        process["pid"] = *pid;
        if (const ProcessState* known = find(context.host, *pid)) {
            process["entity_id"] = known->entityId;
            context.derived.emplace_back("process.entity_id");
        }
        const std::string* exe = record.find("exe");
        setIfPresent(process, "executable", exe);
        if (isPresent(exe))
            process["name"] = std::string(baseName(*exe));
    }
    // The account a PAM message is about replaces the ids of the process that wrote it (sshd runs as root).
    const std::string* account = record.find("acct");
    const std::string* accountId = record.find("id");
    if (isPresent(account) || isPresent(accountId)) {
        Json user = Json::object();
        setIfPresent(user, "name", account);
        setIfPresent(user, "id", accountId);
        if (context.doc.contains("user") && context.doc["user"].contains("audit"))
            user["audit"] = context.doc["user"]["audit"];
        context.doc["user"] = std::move(user);
    }
    if (const std::string* address = record.find("addr"); isPresent(address))
        context.doc["source"]["ip"] = *address;
    Json& data = context.doc["auditd"]["data"];
    for (const char* key : {"op", "terminal", "hostname", "grantors"})
        setIfPresent(data, key, record.find(key));
}

std::string AuditEcsMapper::map(const AuditEvent& event)
{
    Context context(event);
    context.host = event.node.empty() ? fallbackHost_ : event.node;
    context.syscall = event.first("SYSCALL");
    Json& doc = context.doc;
    doc["@timestamp"] = ecs::formatIsoTimestamp(event.timestampMs * 1'000'000, 3);
    Json& ecsEvent = doc["event"];
    ecsEvent["kind"] = "event";
    ecsEvent["module"] = "auditd";
    ecsEvent["dataset"] = dataset_;
    ecsEvent["sequence"] = event.serial;
    doc["host"] = {{"name", context.host}, {"id", context.host}, {"os", {{"type", "linux"}}}};

    const AuditRecord& primary = primaryRecord(event);
    Json& auditd = doc["auditd"];
    auditd["sequence"] = event.serial;
    auditd["message_type"] = lowercase(primary.type);
    const AuditRecord& identity = context.syscall ? *context.syscall : primary;
    setIfPresent(auditd, "session", identity.find("ses"));
    setOutcome(ecsEvent, context.syscall ? context.syscall->find("success") : primary.find("res"));

    if (context.syscall) {
        addUsers(doc, *context.syscall);
        mapSyscall(context);
        context.derived.insert(context.derived.begin(), "process.entity_id");
    } else {
        addUsers(doc, primary);
        mapUserMessage(context);
    }
    if (const std::string* key = identity.find("key"); isPresent(key))
        doc["tags"] = Json::array({*key});
    ecsEvent["original"] = event.original;
    doc["spoor"]["host_source"] = event.nodeFromSyslog ? "syslog" : event.node.empty() ? "file-name" : "node";
    if (!context.derived.empty())
        doc["spoor"]["derived"] = context.derived;
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace spoor::ingest
