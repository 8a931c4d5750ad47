#include "ingest/event_keys.h"

#include "ingest/event_row.h"
#include "ingest/hash64.h"
#include "store/database.h"

#include <cstring>
#include <optional>
#include <string>

namespace spoor::ingest {

namespace {

// The table's integer keys arrive in random order, so the rowid B-tree is the cheapest index for them. It stores
// one 8-byte key and the event id per entry, without the second copy of the key that an index on a column needs.
constexpr const char* createTableSql = R"sql(
CREATE TABLE event_keys (
    key   INTEGER PRIMARY KEY,             -- 64-bit hash of one duplicate key of the event (EventKeys)
    event INTEGER NOT NULL                 -- events.id
);
)sql";

// Earlier builds found duplicates through these unique indexes on events.
constexpr const char* dropLegacyIndexes = R"sql(
DROP INDEX IF EXISTS ingest_unique_hit;
DROP INDEX IF EXISTS ingest_unique_event;
DROP INDEX IF EXISTS ingest_unique_event_id;
DROP INDEX IF EXISTS ingest_unique_doc_hash;
)sql";

std::uint64_t defaultHash(DuplicateKind, std::string_view bytes)
{
    return hash64(bytes);
}

void appendLength(std::string& out, std::size_t size)
{
    const auto length = static_cast<std::uint32_t>(size);
    char bytes[sizeof length];
    std::memcpy(bytes, &length, sizeof length);
    out.append(bytes, sizeof bytes);
}

// Encodes the key of one kind with its kind first, so that equal text of two kinds gives two keys, and a
// length before the first part, so that no two pairs of strings give the same bytes.
void encodeKey(std::string& out, DuplicateKind kind, std::string_view first, std::string_view second)
{
    out.clear();
    out += static_cast<char>(kind);
    appendLength(out, first.size());
    out += first;
    out += second;
}

std::string_view hashBytes(const std::int64_t& docHash)
{
    return {reinterpret_cast<const char*>(&docHash), sizeof docHash};
}

// The _index of a hit, or "" when it has none, so that a hit without _index matches one with an empty _index.
std::string_view indexOf(const EventRow& row)
{
    return row.docIndex ? std::string_view(*row.docIndex) : std::string_view();
}

} // namespace

EventKeys::EventKeys(store::Database& db, HashFunction hash) : db_(db), hash_(hash ? std::move(hash) : defaultHash)
{
    store::Transaction transaction(db_);
    const bool created = createTable();
    insert_ = db_.prepare("INSERT OR IGNORE INTO event_keys (key, event) VALUES (?1, ?2)");
    owner_ = db_.prepare("SELECT event FROM event_keys WHERE key = ?1");
    remove_ = db_.prepare("DELETE FROM event_keys WHERE key = ?1");
    stored_ = db_.prepare("SELECT doc_index, doc_id, event_id, host_id, doc_hash FROM events WHERE id = ?1");
    if (created)
        fillFromEvents();
    db_.exec(dropLegacyIndexes);
    transaction.commit();
}

// Returns true when the table was created.
bool EventKeys::createTable()
{
    auto exists = db_.prepare("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = "
                              "'event_keys')");
    exists.step();
    if (exists.int64(0) != 0)
        return false;
    db_.exec(createTableSql);
    return true;
}

// Stores the keys of the events of a case that earlier builds imported, or that contains no event yet.
void EventKeys::fillFromEvents()
{
    auto events = db_.prepare("SELECT id, doc_index, doc_id, event_id, host_id, doc_hash FROM events ORDER BY id");
    EventRow row;
    while (events.step()) {
        row.docIndex = events.optionalText(1);
        row.docId = events.optionalText(2);
        row.eventId = events.isNull(3) ? std::nullopt : std::optional(events.textView(3));
        row.hostId = events.isNull(4) ? std::nullopt : std::optional(events.textView(4));
        row.docHash = events.int64(5);
        // A second event with the key of an earlier one (inserted without this writer) keeps no key.
        claim(row, events.int64(0));
    }
}

bool EventKeys::claim(const EventRow& row, std::int64_t eventId)
{
    claimed_.clear();
    if (row.docId) {
        encodeKey(keyBytes_, DuplicateKind::Hit, indexOf(row), *row.docId);
        if (!claimKey(DuplicateKind::Hit, hash_(DuplicateKind::Hit, keyBytes_), row, eventId))
            return false;
    }
    // The hot columns are read from the document text, so byte-identical documents have the same event.id and
    // host.id, and the event key finds them without a key for the document hash.
    if (row.eventId && row.hostId) {
        encodeKey(keyBytes_, DuplicateKind::Event, *row.eventId, *row.hostId);
        return claimKey(DuplicateKind::Event, hash_(DuplicateKind::Event, keyBytes_), row, eventId);
    }
    encodeKey(keyBytes_, DuplicateKind::Document, hashBytes(row.docHash), {});
    return claimKey(DuplicateKind::Document, hash_(DuplicateKind::Document, keyBytes_), row, eventId);
}

// Stores `key`, or the first free integer after it, for the event. Returns false, after removing the keys this
// event already stored, when the event stored under one of those integers has the same key.
bool EventKeys::claimKey(DuplicateKind kind, std::uint64_t key, const EventRow& row, std::int64_t eventId)
{
    for (;; ++key) { // unsigned, so the probe wraps from the largest integer to the smallest
        const auto slot = static_cast<std::int64_t>(key);
        insert_.bind(1, slot).bind(2, eventId);
        insert_.run();
        if (db_.changes() > 0) {
            claimed_.push_back(slot);
            return true;
        }
        owner_.bind(1, slot);
        owner_.step();
        const std::int64_t owner = owner_.int64(0);
        owner_.reset();
        if (owner == eventId)
            continue; // another key of this event has the same hash
        if (isSameKey(owner, kind, row)) {
            releaseClaimed();
            return false;
        }
    }
}

// Returns true when the stored event has the same key of this kind as `row`. An event deleted since its key was
// stored has no key, so its integer is skipped rather than reused: reusing it could hide a duplicate stored
// further along the same probe sequence.
bool EventKeys::isSameKey(std::int64_t storedEvent, DuplicateKind kind, const EventRow& row)
{
    stored_.bind(1, storedEvent);
    if (!stored_.step()) {
        stored_.reset();
        return false;
    }
    bool same = false;
    switch (kind) {
    case DuplicateKind::Hit:
        same = !stored_.isNull(1) && stored_.textView(1) == *row.docId &&
               stored_.textView(0) == indexOf(row); // a NULL column reads as ""
        break;
    case DuplicateKind::Event:
        same = !stored_.isNull(2) && !stored_.isNull(3) && stored_.textView(2) == *row.eventId &&
               stored_.textView(3) == *row.hostId;
        break;
    case DuplicateKind::Document:
        // NOTE: two different documents with the same 64-bit doc_hash count as duplicates.
        same = stored_.int64(4) == row.docHash;
        break;
    }
    stored_.reset();
    return same;
}

void EventKeys::releaseClaimed()
{
    for (const std::int64_t slot : claimed_) {
        remove_.bind(1, slot);
        remove_.run();
    }
    claimed_.clear();
}

} // namespace spoor::ingest
