#include "scan/candidate_reader.h"

#include "store/database.h"

namespace spoor::scan {

int bindParams(store::Statement& statement, const std::vector<ecs::Value>& params, int firstIndex)
{
    int index = firstIndex;
    for (const auto& param : params) {
        if (param.isInt())
            statement.bind(index++, param.asInt());
        else
            statement.bind(index++, param.asString());
    }
    return index;
}

CandidateReader::CandidateReader(store::Database& db, const EventOrder& order,
                                 const std::optional<eql::SqlCondition>& condition, const std::atomic<bool>* cancel)
    : select_(db.prepare(selectSql(order, condition))), documents_(db, cachedBlocks), interrupt_(db, cancel),
      cancel_(cancel)
{
    if (condition)
        bindParams(select_, condition->params);
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
        if (!isCancelInterrupt(error, cancel_))
            throw;
        cancelled_ = true;
        return false;
    }
}

std::string CandidateReader::selectSql(const EventOrder& order, const std::optional<eql::SqlCondition>& condition)
{
    std::string sql = "SELECT id, " + order.sqlTimeExpression +
                      ", ingested_ns IS NULL, coalesce(dataset, ''), doc_block, doc_slot"
                      " FROM events";
    if (condition)
        sql += " WHERE " + condition->sql;
    return sql + " ORDER BY " + order.sqlOrderBy;
}

} // namespace spoor::scan
