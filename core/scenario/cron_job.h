#pragma once

#include "scenario/event_builder.h"

namespace spoor::scenario {

// Returns the first minute boundary after `after` at which Debian's stock crontab starts a job: sysstat's
// debian-sa1 at minutes 5, 15, ..., 55 and cron.hourly at minute 17.
ecs::TimestampNs nextCronMinute(ecs::TimestampNs after);

// Runs the jobs due at `minute` under the host's cron: cron forks a child, which forks `/bin/sh -c JOB`.
// Returns the number of jobs run.
int runCronJobs(EventBuilder& builder, ecs::TimestampNs minute);

} // namespace spoor::scenario
