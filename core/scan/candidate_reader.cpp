#include "scan/candidate_reader.h"

#include "store/database.h"

#include <sqlite3.h>

namespace spoor::scan {

namespace {

// SQLite calls the handler every this many virtual machine instructions; a few thousand instructions take
// well under a millisecond (an estimate, at tens of nanoseconds per instruction).
constexpr int progressInterval = 4096;

int interruptWhenCancelled(void* cancel)
{
    return static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

void bindParams(store::Statement& statement, const std::vector<ecs::Value>& params)
{
    int index = 1;
    for (const auto& param : params) {
        if (param.isInt())
            statement.bind(index++, param.asInt());
        else
            statement.bind(index++, param.asString());
    }
}

} // namespace

CandidateReader::CandidateReader(store::Database& db, const EventOrder& order,
                                 const std::optional<eql::SqlCondition>& condition, const std::atomic<bool>* cancel)
    : db_(db), select_(db.prepare(selectSql(order, condition))), documents_(db), cancel_(cancel)
{
    if (condition)
        bindParams(select_, condition->params);
    // NOTE: this replaces any progress handler installed on the connection, and the destructor removes it.
    if (cancel) {
        void* flag = const_cast<std::atomic<bool>*>(cancel);
        sqlite3_progress_handler(db_.handle(), progressInterval, interruptWhenCancelled, flag);
    }
}

CandidateReader::~CandidateReader()
{
    sqlite3_progress_handler(db_.handle(), 0, nullptr, nullptr);
}

std::string_view CandidateReader::document()
{
    return documents_.document(select_.int64(4), select_.int64(5));
}

bool CandidateReader::next()
{
    try {
        return select_.step();
    } catch (const store::StoreError& error) {
        if (error.sqliteCode() != SQLITE_INTERRUPT || !cancel_ || !cancel_->load())
            throw;
        cancelled_ = true;
        return false;
    }
}

std::string CandidateReader::selectSql(const EventOrder& order, const std::optional<eql::SqlCondition>& condition)
{
    std::string sql =
        "SELECT id, " + order.sqlTimeExpression + ", ingested_ns IS NULL, coalesce(dataset, ''), doc_block, doc_slot"
        " FROM events";
    if (condition)
        sql += " WHERE " + condition->sql;
    return sql + " ORDER BY " + order.sqlOrderBy;
}

} // namespace spoor::scan
