#include "scenario/rule_match.h"

#include <algorithm>

namespace spoor::scenario {

namespace {

constexpr ecs::TimestampNs nanosPerSecond = 1'000'000'000;

bool hasArg(const Process& process, std::string_view arg)
{
    const auto& args = process.image.args;
    return std::find(args.begin(), args.end(), arg) != args.end();
}

// event.ingested in whole seconds; the host's constant lag cancels out of every difference.
ecs::TimestampNs ingestSecond(const StepEvent& step)
{
    return step.time / nanosPerSecond;
}

} // namespace

bool matchesXzRule(const Host& host, const RuleTrace& trace)
{
    if (host.windows || !trace.monitorExec || !trace.childExec || !trace.monitorEnd || !trace.disconnect) {
        return false;
    }
    const Process& monitor = *trace.monitor;
    const bool step1 = monitor.image.name == "sshd" && hasArg(monitor, "-D") && hasArg(monitor, "-R");
    const Process& child = *trace.childExec->process;
    const bool step2 = child.parent && child.parent->image.name == "sshd" && child.image.executable != "/usr/sbin/sshd";
    const bool step3 = trace.monitorEnd->exitCode != 0;
    const bool step4 = trace.disconnect->process == trace.monitor;
    // Events of one host are written in time order and numbered in that order, so (ingested, @timestamp,
    // sequence) order is time order.
    const bool ordered = trace.monitorExec->time < trace.childExec->time &&
                         trace.childExec->time < trace.monitorEnd->time &&
                         trace.monitorEnd->time < trace.disconnect->time;
    const bool withinSpan = ingestSecond(*trace.disconnect) - ingestSecond(*trace.monitorExec) <= 1;
    return step1 && step2 && step3 && step4 && ordered && withinSpan;
}

} // namespace spoor::scenario
