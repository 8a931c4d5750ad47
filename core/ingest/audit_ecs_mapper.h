#pragma once

#include "ingest/audit_event.h"

#include <cstdint>
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
    // `dataset` is written to event.dataset ("auditd.log"). `fallbackHost` names the host of events
    // without a node= prefix, usually from the file name.
    AuditEcsMapper(std::string dataset, std::string fallbackHost);

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

    ProcessState* find(const std::string& host, std::int64_t pid);
    ProcessState& findOrCreate(Context& context, std::int64_t pid);
    ProcessState stateFromEvent(const Context& context, std::int64_t pid) const;
    void remember(const std::string& host, std::int64_t pid, ProcessState state);
    std::string entityId(const std::string& host, std::int64_t pid, const AuditEvent& event) const;

    std::string dataset_;
    std::string fallbackHost_;
    // NOTE: a process that never ends in the input stays here until the input ends, so the map grows
    // to one entry per pid and host seen.
    std::unordered_map<std::string, ProcessState> processes_;
};

} // namespace spoor::ingest
