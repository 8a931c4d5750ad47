#pragma once

#include "scenario/command_catalog.h"
#include "scenario/generated_event.h"
#include "scenario/host.h"
#include "scenario/random.h"

#include <optional>
#include <vector>

namespace spoor::scenario {

// An event that may fill one step of the XZ rule.
struct StepEvent
{
    ecs::TimestampNs time = 0;
    std::uint64_t idHigh = 0;
    std::uint64_t idLow = 0;
    ProcessPtr process;
    int exitCode = 0;
};

// The candidates for the four steps of the 2024-04 XZ rule within one connection, joined on the monitor:
// its exec, the first exec of a direct child other than /usr/sbin/sshd, its end and its disconnect_received.
struct RuleTrace
{
    ProcessPtr monitor;
    std::optional<StepEvent> monitorExec;
    std::optional<StepEvent> childExec;
    std::optional<StepEvent> monitorEnd;
    std::optional<StepEvent> disconnect;
};

// Emits the events of one activity on one host: every spawned program is a fork (new pid, the parent's image)
// followed by an exec (same pid, new entity_id), and ends with an exit code.
class EventBuilder
{
public:
    EventBuilder(Host& host, Random& random, std::vector<GeneratedEvent>& out) : host_(host), random_(random), out_(out)
    {}

    ProcessPtr fork(const ProcessPtr& parent, ecs::TimestampNs time, User user);
    ProcessPtr exec(const ProcessPtr& forked, ecs::TimestampNs time, Image image);
    void end(const ProcessPtr& process, ecs::TimestampNs time, int exitCode);
    void accept(const ProcessPtr& listener, ecs::TimestampNs time, std::shared_ptr<const Peer> peer);
    void disconnect(const ProcessPtr& process, ecs::TimestampNs time, std::shared_ptr<const Peer> peer);
    // Fork then exec after `execDelay`; returns the exec'd generation.
    ProcessPtr spawn(const ProcessPtr& parent, ecs::TimestampNs time, ecs::TimestampNs execDelay, User user,
                     Image image);

    // Runs the programs of `command` as children of `shell` from `time`; returns when the last one has ended.
    ecs::TimestampNs runCommand(const ProcessPtr& shell, ecs::TimestampNs time, const CommandSpec& command);

    // Records the monitor's exec (the last event emitted) and from then on the monitor's rule step candidates.
    void traceMonitor(const ProcessPtr& monitor);
    const RuleTrace& trace() const { return trace_; }

    Host& host() { return host_; }
    Random& random() { return random_; }

private:
    GeneratedEvent& emit(Action action, const ProcessPtr& process, ecs::TimestampNs time);
    StepEvent lastStep() const;

    Host& host_;
    Random& random_;
    std::vector<GeneratedEvent>& out_;
    RuleTrace trace_;
};

} // namespace spoor::scenario
