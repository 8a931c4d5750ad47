#pragma once

#include "analysis/sshd_connections.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// A listener's connection_accepted event.
struct AcceptEvent
{
    std::int64_t eventId = 0;
    std::optional<std::int64_t> pid;
    std::optional<std::string> entityId;
    std::optional<std::int64_t> timeNs;
};

// A monitor while its accept is being matched. forkNs is when the listener forked it (the exec time when the
// fork is not in the dump).
struct MonitorForAccept
{
    SshdConnection connection;
    bool inferred = false;
    std::optional<std::int64_t> forkNs;
    std::optional<std::int64_t> acceptEventId;
};

// Loads the connection_accepted events of a host in time order.
std::vector<AcceptEvent> loadAccepts(const store::Database& db, const std::optional<std::string>& hostId);

// Ties each monitor to the accept of its listener when exactly one accept by that listener pid falls after the
// previous monitor's fork and at most one second before this monitor's fork; otherwise leaves it unset,
// because concurrent connections make the pairing a guess.
void matchAccepts(std::vector<MonitorForAccept>& monitors, const std::vector<AcceptEvent>& accepts);

// Builds the Listener entries of a host: every process that reported accepts, and every parent of a monitor.
std::vector<SshdConnection> summarizeListeners(const store::Database& db, const std::optional<std::string>& hostId,
                                               const std::vector<AcceptEvent>& accepts,
                                               const std::vector<MonitorForAccept>& monitors);

} // namespace spoor::analysis
