#pragma once

#include "scenario/event_builder.h"
#include "scenario/host.h"

namespace spoor::scenario {

// Whether the 2024-04-01 XZ rule matches the traced connection:
//   sequence by host.id, user.id with maxspan=1s
//     [exec of sshd with args -D and -R] by process.pid, process.entity_id
//     [exec whose parent is sshd, executable not /usr/sbin/sshd] by process.parent.pid, process.parent.entity_id
//     [end of sshd with exit_code != 0] by process.pid, process.entity_id
//     [disconnect_received by sshd] by process.pid, process.entity_id
// on host.os.type linux, with event.ingested as the timestamp (maxspan inclusive). All four steps run as root,
// so the user.id key is equal by construction.
bool matchesXzRule(const Host& host, const RuleTrace& trace);

} // namespace spoor::scenario
