#pragma once

#include <QString>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

class JobContext;

// The outcome of checking a filter's text as it is typed: parsed and analysed, never run.
struct FilterValidation
{
    enum class State { Empty, Valid, Invalid };
    State state = State::Empty;
    QString message; // Invalid: the parser's or analyser's message, without the position
    int line = 0;    // Invalid: 1-based line and column in the filter's own text
    int column = 0;
    int position = -1;          // Invalid: offset of the error in the QString (UTF-16), clamped to the text
    bool bareCondition = false; // Valid: the text was read as `any where TEXT`
};

// Returns the query that a filter's text stands for: the text itself when it is an EQL query (a
// `CATEGORY where ...` event query, a sequence or a sample), otherwise `any where TEXT`.
std::string filterQueryText(const QString& filter, bool* bareCondition = nullptr);

// Parses and analyses a filter with the built-in ECS field types. An error in a bare condition is
// reported at its position in the text as typed, not in the `any where` wrapper.
FilterValidation validateFilter(const QString& filter);

// The event ids a filter keeps, sorted ascending and unique. Shared read-only between the views.
using EventIdSet = std::shared_ptr<const std::vector<std::int64_t>>;

bool containsEvent(const EventIdSet& events, std::int64_t eventId);

struct FilterResult
{
    QString filter;                      // the text as typed
    QString label;                       // what the views show for it
    EventIdSet events;                   // null when cancelled
    std::vector<std::int64_t> processes; // processes.id of the events' processes, sorted, unique
    std::uint64_t candidatesRead = 0;    // events read after the SQL push-down
    bool cancelled = false;
};

// Runs a filter over every event of a case through the given connection, on the calling thread. The
// push-down condition selects candidates in time order and the query runs over them. The events of its
// matches are kept, which for a sequence or sample is every step of every match. Reports progress to the context and
// stops when it is cancelled. Throws eql::EqlError for an invalid filter, store::StoreError when the case cannot be
// read.
FilterResult runEventFilter(store::Database& db, const QString& filter, JobContext& context);

// Opens the case read-only and runs runEventFilter() with that connection.
FilterResult runEventFilterOnCase(const QString& casePath, const QString& filter, JobContext& context);

// The join of events to their processes that processesOfEvents() runs for many events. The unary + keeps SQLite
// from looking processes up by host (processes_by_host_pid), which it chose on a case without statistics. That
// plan read every process of the host for each event, so a filter keeping 255,000 of a million events never ended.
inline constexpr const char* eventProcessJoinSql = "SELECT e.id, p.id FROM events e JOIN processes p"
                                                   " ON p.entity_key = e.entity_id AND +p.host_id IS e.host_id"
                                                   " WHERE e.entity_id IS NOT NULL";

// Returns the processes.id of the processes the events belong to (by process.entity_id, else host and
// pid), sorted and unique. Checks the cancel flag every few thousand events and returns early when set.
std::vector<std::int64_t> processesOfEvents(store::Database& db, const std::vector<std::int64_t>& events,
                                            const std::atomic<bool>* cancel = nullptr);

} // namespace spoor::ui
