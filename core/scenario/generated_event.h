#pragma once

#include "scenario/process.h"

#include <cstdint>
#include <memory>
#include <string>

namespace spoor::scenario {

enum class Action : std::uint8_t { AlreadyRunning, Fork, Exec, End, ConnectionAccepted, DisconnectReceived };

// The client side of an SSH connection, shared by its two network events.
struct Peer
{
    std::string address;
    int port = 0;
};

// One event waiting to be written. event.sequence and event.ingested are added when it is written.
struct GeneratedEvent
{
    ecs::TimestampNs time = 0;
    std::uint64_t idHigh = 0;
    std::uint64_t idLow = 0;
    ProcessPtr process;
    std::shared_ptr<const Peer> peer;
    std::uint32_t host = 0;
    int exitCode = 0;
    Action action = Action::AlreadyRunning;
};

} // namespace spoor::scenario
