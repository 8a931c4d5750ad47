#pragma once

#include "eql/pushdown.h"
#include "scan/event_order.h"
#include "scan/sql_interrupt.h"
#include "store/document_store.h"
#include "store/statement.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spoor::store {
class Database;
}

namespace spoor::scan {

// Decoded document blocks that a reader keeps, about 16 MB. In event.ingested order, the generated events lie up
// to 4 s from their import order, which is 12 blocks of a dump of a million events over 30 minutes.
constexpr std::size_t cachedBlocks = 64;

// Binds push-down parameters from `firstIndex` on. Returns the index after the last one bound.
int bindParams(store::Statement& statement, const std::vector<ecs::Value>& params, int firstIndex = 1);

// Reads the events of a rule run from the case in the run's event order: every event, or only those that
// satisfy a push-down condition. While a reader lives, a cancel flag that becomes true interrupts the
// running statement too, so a long sort before the first row does not delay the cancel.
class CandidateReader
{
public:
    // `condition` is bound as parameters; std::nullopt reads every event. `cancel` may be null.
    CandidateReader(store::Database& db, const EventOrder& order, const std::optional<eql::SqlCondition>& condition,
                    const std::atomic<bool>* cancel);
    CandidateReader(const CandidateReader&) = delete;
    CandidateReader& operator=(const CandidateReader&) = delete;

    // Advances to the next event. Returns false after the last one and when the cancel flag interrupted
    // the statement (then cancelled() is true). Throws store::StoreError on other failures.
    bool next();
    bool cancelled() const { return cancelled_; }

    std::int64_t id() const { return select_.int64(0); }
    std::int64_t orderTimeNs() const { return select_.int64(1); } // the time the events are ordered by
    bool lacksTimestampField() const { return select_.int64(2) != 0; }
    std::string_view dataset() const { return select_.textView(3); } // empty when the event has none
    // The original document, valid until the next call. Throws store::StoreError when its block is damaged.
    std::string_view document();

    // The SELECT statement, for tests and benchmarks.
    static std::string selectSql(const EventOrder& order, const std::optional<eql::SqlCondition>& condition);

private:
    store::Statement select_;
    store::DocumentStore documents_;
    SqlInterrupt interrupt_;
    const std::atomic<bool>* cancel_;
    bool cancelled_ = false;
};

} // namespace spoor::scan
