#include "scan/sequence_candidates.h"

#include "scan/candidate_reader.h"
#include "scan/index_filter.h"
#include "scan/sql_interrupt.h"
#include "store/database.h"
#include "store/statement.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>

namespace spoor::scan {

namespace {

// Columns of the SELECT before the stage flags; the key columns follow the flags.
enum Column { Id, OrderTime, Dataset, DocBlock, DocSlot, Timestamp, Sequence, FirstFlag };

// The position of a row in the run's event order, as EventOrder::sqlOrderBy sorts it: by the order time, then
// @timestamp (NULL before any value in both), then event.sequence with NULL last, then import order. For
// @timestamp the first two keys are the same column.
struct OrderKey
{
    std::int64_t timeNs;
    std::int64_t timestampNs;
    std::int64_t sequence;
    std::int64_t id;
    bool hasTime;
    bool hasTimestamp;
    bool lacksSequence;

    auto tie() const { return std::tie(hasTime, timeNs, hasTimestamp, timestampNs, lacksSequence, sequence, id); }
    bool operator<(const OrderKey& other) const { return tie() < other.tie(); }
};

OrderKey orderKey(const store::Statement& select)
{
    return {select.int64(OrderTime),   select.int64(Timestamp),   select.int64(Sequence), select.int64(Id),
            !select.isNull(OrderTime), !select.isNull(Timestamp), select.isNull(Sequence)};
}

// The key columns of every key set, in plan order; a column used by two sets is selected twice.
std::vector<eql::HotColumn> keyColumnsOf(const PruningPlan& plan)
{
    std::vector<eql::HotColumn> columns;
    for (const auto& set : plan.keySets)
        columns.insert(columns.end(), set.begin(), set.end());
    return columns;
}

constexpr KeyHash fnvOffset = 14695981039346656037ull;
constexpr KeyHash fnvPrime = 1099511628211ull;

KeyHash mixBytes(KeyHash hash, std::string_view bytes)
{
    for (const char c : bytes)
        hash = (hash ^ static_cast<unsigned char>(c)) * fnvPrime;
    return hash;
}

using DecimalBuffer = std::array<char, 24>;

std::string_view decimal(std::int64_t number, DecimalBuffer& buffer)
{
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number).ptr;
    return {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
}

// Hashes one key set's columns of the current row: the text of each value (an integer column's in decimal),
// each followed by its length so that ("ab", "c") and ("a", "bc") differ. A NULL column gives unknownKey.
KeyHash keyHash(const store::Statement& select, int firstColumn, const std::vector<eql::HotColumn>& columns)
{
    KeyHash hash = fnvOffset;
    DecimalBuffer value;
    DecimalBuffer length;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const int column = firstColumn + static_cast<int>(i);
        if (select.isNull(column))
            return unknownKey;
        const std::string_view text =
            columns[i].integer ? decimal(select.int64(column), value) : select.textView(column);
        hash = mixBytes(mixBytes(hash, text), decimal(static_cast<std::int64_t>(text.size()), length));
    }
    return hash == unknownKey ? unknownKey + 1 : hash;
}

std::uint32_t stageFlags(const store::Statement& select, std::size_t stageCount)
{
    std::uint32_t stages = 0;
    for (std::size_t p = 0; p < stageCount; ++p) {
        if (select.int64(FirstFlag + static_cast<int>(p)) != 0)
            stages |= 1u << p;
    }
    return stages;
}

struct Row
{
    OrderKey key;
    SequenceCandidate candidate;
    CandidateDocument document;
};

void sortInto(std::vector<Row>& rows, SequenceCandidates& out)
{
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
    out.candidates.reserve(rows.size());
    out.documents.reserve(rows.size());
    for (const Row& row : rows) {
        out.candidates.push_back(row.candidate);
        out.documents.push_back(row.document);
    }
}

std::int64_t lastEventId(store::Database& db)
{
    auto select = db.prepare("SELECT max(id) FROM events");
    select.step();
    return select.int64(0);
}

} // namespace

std::string sequenceCandidatesSql(const EventOrder& order, const PruningPlan& plan)
{
    std::string sql = "SELECT id, " + order.sqlTimeExpression +
                      ", coalesce(dataset, ''), doc_block, doc_slot, timestamp_ns, sequence";
    // As a value, SQLite computes every operand of AND and OR; as the condition of CASE WHEN it stops at the
    // first false operand, as in WHERE, which took a third of the time in the sqlite3 shell (3.40).
    for (const auto& condition : plan.stageConditions)
        sql += ", CASE WHEN " + condition.sql + " THEN 1 ELSE 0 END";
    for (const auto& column : keyColumnsOf(plan))
        sql += ", " + std::string(column.name);
    sql += " FROM events WHERE ";
    for (std::size_t p = 0; p < plan.stageConditions.size(); ++p)
        sql += (p > 0 ? " OR " : "") + plan.stageConditions[p].sql;
    return sql;
}

SequenceCandidates readSequenceCandidates(store::Database& db, const EventOrder& order, const PruningPlan& plan,
                                          const IndexFilter& filter, const std::atomic<bool>* cancel,
                                          const std::function<void(std::uint64_t, double)>& progress)
{
    auto select = db.prepare(sequenceCandidatesSql(order, plan));
    int index = 1;
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& condition : plan.stageConditions)
            index = bindParams(select, condition.params, index);
    }
    const double idRange = std::max<double>(1.0, static_cast<double>(lastEventId(db)));

    const std::size_t stageCount = plan.stageConditions.size();
    const int firstKeyColumn = FirstFlag + static_cast<int>(stageCount);
    SequenceCandidates out;
    std::vector<Row> rows;
    const SqlInterrupt interrupt(db, cancel);
    try {
        while (select.step()) {
            if ((out.rowsRead & 1023) == 0) {
                if (cancel && cancel->load()) {
                    out.cancelled = true;
                    return out;
                }
                if (progress)
                    progress(out.rowsRead, static_cast<double>(select.int64(Id)) / idRange);
            }
            ++out.rowsRead;
            if (!filter.covers(select.textView(Dataset))) {
                ++out.skippedByIndex;
                continue;
            }
            Row row{orderKey(select), {}, {}};
            row.candidate = {select.int64(OrderTime), stageFlags(select, stageCount), out.keyHashes.size()};
            row.document = {select.int64(Id), select.int64(DocBlock), select.int64(DocSlot)};
            int column = firstKeyColumn;
            for (const auto& set : plan.keySets) {
                out.keyHashes.push_back(keyHash(select, column, set));
                column += static_cast<int>(set.size());
            }
            rows.push_back(row);
        }
    } catch (const store::StoreError& error) {
        if (!isCancelInterrupt(error, cancel))
            throw;
        out.cancelled = true;
        return out;
    }
    sortInto(rows, out);
    return out;
}

} // namespace spoor::scan
