#pragma once

#include "store/statement.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ingest {

struct EventRow;

// The keys that make two events duplicates: the same _index and _id, the same event.id on the same host.id,
// or the same document hash (events.doc_hash).
enum class DuplicateKind { Hit, Event, Document };

// Finds duplicate events through the table event_keys, which maps a 64-bit hash of each key of an event to the
// event's id: its _index and _id when it has an _id, and its event.id and host.id, else its document hash. On
// generated Elastic Defend events the table takes 20 bytes an event, where the unique indexes on the text
// columns that it replaces took 110, so that it fits in SQLite's page cache for a load of a few million events.
// A hash found in the table is compared with the key of the event it maps to, so two different keys with the
// same hash are both kept: the second takes the next free integer (open addressing).
class EventKeys
{
public:
    // Maps the key of one kind, encoded as bytes, to its 64-bit table key. Tests replace it to force collisions.
    using HashFunction = std::function<std::uint64_t(DuplicateKind, std::string_view)>;

    // Creates event_keys when the case has none, filling it from the events already stored, and drops the
    // unique indexes that earlier builds used instead.
    explicit EventKeys(store::Database& db, HashFunction hash = {});

    // Stores the keys of `row` for the event `eventId` in the current transaction. Returns false, storing no
    // key, when an event already stored has one of them.
    bool claim(const EventRow& row, std::int64_t eventId);

private:
    bool createTable();
    void fillFromEvents();
    bool claimKey(DuplicateKind kind, std::uint64_t key, const EventRow& row, std::int64_t eventId);
    bool isSameKey(std::int64_t storedEvent, DuplicateKind kind, const EventRow& row);
    void releaseClaimed();

    store::Database& db_;
    HashFunction hash_;
    std::string keyBytes_;              // reused buffer for the key being hashed
    std::vector<std::int64_t> claimed_; // the table keys stored for the event being claimed
    store::Statement insert_;
    store::Statement owner_;
    store::Statement remove_;
    store::Statement stored_;
};

} // namespace spoor::ingest
