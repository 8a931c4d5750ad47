#pragma once

#include "analysis/sshd_connections.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// Readers of the parts of every sshd connection of a host, each one set-based query (or one pass over the
// document blocks), so that a host with many connections takes a few queries instead of a few per connection.

// A process below a monitor, with what the disconnect lookup needs.
struct SshdDescendant
{
    SshdChild child;
    std::string entityKey;
    bool inferred = false;
    bool isExec = false;
};

// Returns the processes below each of the given processes.id values, keyed by that id, each list ordered by
// start time, then id. SshdChild::depth counts pid changes on the way down.
std::unordered_map<std::int64_t, std::vector<SshdDescendant>> loadDescendants(const store::Database& db,
                                                                              const std::vector<std::int64_t>& roots);

// The disconnect_received events of one host, read in one query and attributed to processes in memory.
class HostDisconnects
{
public:
    HostDisconnects(const store::Database& db, const std::optional<std::string>& hostId);

    // Returns the first disconnect of a process. With an entity id that is the earliest event with that id (events
    // without a time first, then by id). For an inferred generation it is the earliest event of its pid from its
    // start until a grace period after its end. Returns nullopt without a match or, when inferred, without a pid.
    std::optional<SshdNetworkEvent> find(const std::string& entityKey, bool inferred, std::optional<std::int64_t> pid,
                                         std::optional<std::int64_t> startNs, std::optional<std::int64_t> endNs) const;

private:
    struct Disconnect
    {
        std::int64_t eventId = 0;
        std::optional<std::int64_t> timeNs;
        std::optional<std::int64_t> pid;
    };

    std::unordered_map<std::string, Disconnect> firstByEntity_;
    std::unordered_map<std::int64_t, std::vector<Disconnect>> byPid_; // with a time only, by time and id
};

// Sets source.ip and source.port of each event from its original document. Reads the documents in event id
// order, so that each document block is decompressed once. Throws store::StoreError.
void readSourceAddresses(const store::Database& db, const std::vector<SshdNetworkEvent*>& events);

} // namespace spoor::analysis
