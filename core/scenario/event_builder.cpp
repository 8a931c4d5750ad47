#include "scenario/event_builder.h"

#include <utility>

namespace spoor::scenario {

GeneratedEvent& EventBuilder::emit(Action action, const ProcessPtr& process, ecs::TimestampNs time)
{
    GeneratedEvent& event = out_.emplace_back();
    event.time = time;
    event.idHigh = random_.next();
    event.idLow = random_.next();
    event.process = process;
    event.host = static_cast<std::uint32_t>(host_.index);
    event.action = action;
    return event;
}

StepEvent EventBuilder::lastStep() const
{
    const GeneratedEvent& event = out_.back();
    return StepEvent{event.time, event.idHigh, event.idLow, event.process, event.exitCode};
}

ProcessPtr EventBuilder::fork(const ProcessPtr& parent, ecs::TimestampNs time, User user)
{
    ProcessPtr child = makeProcess(host_.agentId, host_.allocatePid(random_), parent->image, time, user, parent);
    emit(Action::Fork, child, time);
    return child;
}

ProcessPtr EventBuilder::exec(const ProcessPtr& forked, ecs::TimestampNs time, Image image)
{
    const bool fromMonitor = trace_.monitor && forked->parent == trace_.monitor;
    const bool sshdItself = image.executable == "/usr/sbin/sshd";
    ProcessPtr generation =
        makeProcess(host_.agentId, forked->pid, std::move(image), time, forked->user, forked->parent);
    emit(Action::Exec, generation, time);
    if (fromMonitor && !sshdItself && !trace_.childExec) {
        trace_.childExec = lastStep();
    }
    return generation;
}

void EventBuilder::end(const ProcessPtr& process, ecs::TimestampNs time, int exitCode)
{
    emit(Action::End, process, time).exitCode = exitCode;
    if (process == trace_.monitor) {
        trace_.monitorEnd = lastStep();
    }
}

void EventBuilder::accept(const ProcessPtr& listener, ecs::TimestampNs time, std::shared_ptr<const Peer> peer)
{
    emit(Action::ConnectionAccepted, listener, time).peer = std::move(peer);
}

void EventBuilder::disconnect(const ProcessPtr& process, ecs::TimestampNs time, std::shared_ptr<const Peer> peer)
{
    emit(Action::DisconnectReceived, process, time).peer = std::move(peer);
    if (process == trace_.monitor) {
        trace_.disconnect = lastStep();
    }
}

ProcessPtr EventBuilder::spawn(const ProcessPtr& parent, ecs::TimestampNs time, ecs::TimestampNs execDelay, User user,
                               Image image)
{
    const ProcessPtr forked = fork(parent, time, user);
    return exec(forked, time + execDelay, std::move(image));
}

ecs::TimestampNs EventBuilder::runCommand(const ProcessPtr& shell, ecs::TimestampNs time, const CommandSpec& command)
{
    const auto duration =
        static_cast<ecs::TimestampNs>(random_.logUniform(command.minSeconds, command.maxSeconds) * 1e9);
    std::vector<ProcessPtr> stages;
    for (const auto& argv : command.programs) {
        const auto execDelay = static_cast<ecs::TimestampNs>(random_.between(250, 700) * 1e3);
        stages.push_back(spawn(shell, time, execDelay, shell->user,
                               programImage(std::vector<std::string>(argv.begin(), argv.end()))));
        time += static_cast<ecs::TimestampNs>(random_.between(100, 300) * 1e3);
    }
    ecs::TimestampNs finish = stages.back()->start + duration;
    for (const ProcessPtr& stage : stages) {
        end(stage, finish, stage == stages.back() ? command.exitCode : 0);
        finish += static_cast<ecs::TimestampNs>(random_.between(50, 200) * 1e3);
    }
    return finish;
}

void EventBuilder::traceMonitor(const ProcessPtr& monitor)
{
    trace_.monitor = monitor;
    trace_.monitorExec = lastStep();
}

} // namespace spoor::scenario
