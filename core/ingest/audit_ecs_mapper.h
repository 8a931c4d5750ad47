#pragma once

#include "ingest/audit_event.h"

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

namespace spoor::ingest {

// Maps the audit events of one input, in input order, to ECS documents. It follows each process from
// event to event, so that it can give every process generation a derived process.entity_id (host, pid
// and the event that first showed it) and fill process.parent.* from what earlier events showed.
class AuditEcsMapper
{
public:
    // The number of process generations kept by default: at an estimated 400 bytes each, about 40 MB.
    static constexpr std::size_t defaultMaxProcesses = 100'000;

    // `dataset` is written to event.dataset ("auditd.log"). `fallbackHost` names the host of events
    // without a node= prefix, usually from the file name. `maxProcesses` bounds the processes kept for
    // later events: beyond it, the one whose pid appeared least recently is forgotten.
    AuditEcsMapper(std::string dataset, std::string fallbackHost, std::size_t maxProcesses = defaultMaxProcesses);

    // Returns the ECS document of the event, as JSON text.
    std::string map(const AuditEvent& event);

private:
    // The facts that earlier events gave about one process generation.
    struct ProcessState
    {
        std::string entityId;
        std::int64_t startMs = 0;
        std::string executable;
        std::string name;
        std::vector<std::string> args;
        bool argsFromExec = false; // args come from an execve, not from a PROCTITLE
    };

    struct Context;

    void mapSyscall(Context& context);
    void mapExec(Context& context);
    void mapFork(Context& context, std::int64_t childPid);
    void mapEnd(Context& context);
    void mapOtherSyscall(Context& context);
    void mapUserMessage(Context& context);
    void addNetwork(Context& context, std::string_view syscall);
    void addParent(Context& context, std::int64_t parentPid);

    // A process generation and its place in `recentlyUsed_`.
    struct ProcessEntry
    {
        ProcessState state;
        std::list<std::string>::iterator recent;
    };

    ProcessState* find(const std::string& host, std::int64_t pid);
    ProcessState& findOrCreate(Context& context, std::int64_t pid);
    ProcessState stateFromEvent(const Context& context, std::int64_t pid) const;
    void remember(const std::string& host, std::int64_t pid, ProcessState state);
    void forget(const std::string& host, std::int64_t pid);
    std::string entityId(const std::string& host, std::int64_t pid, const AuditEvent& event) const;

    std::string dataset_;
    std::string fallbackHost_;
    std::size_t maxProcesses_;
    // Keyed by host + '|' + pid. Only exit_group ends a process, so without audited exits every pid seen
    // stays until `maxProcesses_` pushes out the least recently used.
    // NOTE: a forgotten process that appears again gets a new derived entity id, as if it had started then.
    std::unordered_map<std::string, ProcessEntry> processes_;
    std::list<std::string> recentlyUsed_; // keys of `processes_`, the most recently used first
};

} // namespace spoor::ingest
