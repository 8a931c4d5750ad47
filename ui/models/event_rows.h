#pragma once

#include "models/event_filter.h"

#include <QString>
#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// The hot columns of one event, as the event table shows them.
struct EventRow
{
    std::int64_t id = 0;
    std::optional<std::int64_t> timestampNs;
    QString host;
    QString user;
    QString action;
    QString category; // event.category elements joined with ','
    std::optional<std::int64_t> pid;
    QString processName;
    QString commandLine;
    std::optional<std::int64_t> exitCode;
    QString entityId;
    QString source; // file name of the source
    std::optional<std::int64_t> line;
};

// The orders that an index of the events table serves without sorting.
enum class EventOrderKey {
    Time,   // @timestamp (missing first), then import order
    Host,   // host.id (missing first), then @timestamp, then import order
    Entity, // process.entity_id (missing first), then import order
    Source  // source file (in import order), then line
};

// Returns the ids of the case's events in an order, ascending or descending, keeping only those in
// `filter` unless it is null. Returns std::nullopt when `cancel` became true. Throws store::StoreError.
std::optional<std::vector<std::int64_t>> loadEventOrder(const store::Database& db, EventOrderKey key, bool descending,
                                                        const EventIdSet& filter, const std::atomic<bool>* cancel);

// Returns the rows of the given events in the order of `ids`; an id the case lacks gives a row with id 0.
// Throws store::StoreError.
std::vector<EventRow> loadEventRows(const store::Database& db, const std::vector<std::int64_t>& ids);

} // namespace spoor::ui
