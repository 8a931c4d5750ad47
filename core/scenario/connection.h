#pragma once

#include "scenario/event_builder.h"

#include <string>
#include <string_view>

namespace spoor::scenario {

enum class ConnectionKind {
    InteractiveLogin,
    RemoteCommand,
    RemoteCommandSlow,
    Sftp,
    FailedLogin,
    Keyscan,
    ChkpwdAbort,
    XzExploit,
    XzExploitSleep,
    XzExploitNetchild,
    XzExploitNewOpenssh,
    // The process shape of xz_exploit on a host whose host.os.type is windows.
    WindowsLookalike,
};

std::string_view kindName(ConnectionKind kind);
// True for the XZ backdoor exploitations, including those the 2024-04 rule misses.
bool isExploitation(ConnectionKind kind);
// Draws the kind of a benign connection, weighted like the traffic of a small web farm.
ConnectionKind drawBenignKind(Random& random);

struct ConnectionResult
{
    ProcessPtr monitor;
    // The shell command an exploitation ran through system(); empty for benign kinds.
    std::string command;
};

// Emits one SSH connection accepted at `start` by the host's listener: the monitor (`sshd -D -R`), its
// pre-authentication child and what the kind does, ending with the monitor's exit 255 and
// disconnect_received. The builder's trace() contains the monitor's rule step candidates afterwards.
ConnectionResult buildConnection(ConnectionKind kind, EventBuilder& builder, ecs::TimestampNs start);

} // namespace spoor::scenario
