#include "scenario/cron_job.h"

namespace spoor::scenario {

namespace {

constexpr ecs::TimestampNs nanosPerMinute = 60'000'000'000;

int minuteOfHour(ecs::TimestampNs minute)
{
    return static_cast<int>(minute / nanosPerMinute % 60);
}

const CommandSpec& sysstatJob()
{
    static const CommandSpec job{
        "command -v debian-sa1 > /dev/null && debian-sa1 1 1", {{"debian-sa1", "1", "1"}}, 0.01, 0.08};
    return job;
}

const CommandSpec& hourlyJob()
{
    static const CommandSpec job{
        "cd / && run-parts --report /etc/cron.hourly", {{"run-parts", "--report", "/etc/cron.hourly"}}, 0.005, 0.05};
    return job;
}

void runJob(EventBuilder& builder, ecs::TimestampNs time, const CommandSpec& job)
{
    Random& random = builder.random();
    const ProcessPtr& cron = builder.host().cron;
    const ProcessPtr child = builder.fork(cron, time, rootUser);
    const auto execDelay = static_cast<ecs::TimestampNs>(random.between(300, 600) * 1e3);
    const ProcessPtr shell = builder.spawn(child, child->start + 1'000'000, execDelay, rootUser,
                                           pathImage("/usr/bin/dash", {"/bin/sh", "-c", std::string(job.text)}));
    ecs::TimestampNs end = builder.runCommand(shell, shell->start + 2'000'000, job);
    builder.end(shell, end += 1'000'000, 0);
    builder.end(child, end + 1'000'000, 0);
}

} // namespace

ecs::TimestampNs nextCronMinute(ecs::TimestampNs after)
{
    ecs::TimestampNs minute = (after / nanosPerMinute + 1) * nanosPerMinute;
    while (minuteOfHour(minute) % 10 != 5 && minuteOfHour(minute) != 17) {
        minute += nanosPerMinute;
    }
    return minute;
}

int runCronJobs(EventBuilder& builder, ecs::TimestampNs minute)
{
    Random& random = builder.random();
    int jobs = 0;
    const auto jitter = [&random] { return static_cast<ecs::TimestampNs>(random.between(2, 60) * 1e6); };
    if (minuteOfHour(minute) % 10 == 5) {
        runJob(builder, minute + jitter(), sysstatJob());
        ++jobs;
    }
    if (minuteOfHour(minute) == 17) {
        runJob(builder, minute + jitter(), hourlyJob());
        ++jobs;
    }
    return jobs;
}

} // namespace spoor::scenario
