#pragma once

#include "ecs/value.h"
#include "eql/ast.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::eql {

struct AnalysedQuery;

// A boolean SQL expression over the columns of the case file's events table. Values appear only as '?'
// placeholders. `params` contains their values in placeholder order, each a string or an integer.
struct SqlCondition
{
    std::string sql;
    std::vector<ecs::Value> params;
};

// The push-down planner derives SQL conditions on the hot columns of the events table that every event
// matching a query satisfies. A condition is a superset filter: it may accept events the query rejects,
// so the executor still evaluates the whole query on each candidate. std::nullopt stands for TRUE, a
// condition that nothing could be pushed for.
//
// Pushed: the stage's event category, and `==`, `in`, `in~`, `:`, `like` and `like~` between a field that
// has a column and constants. `!=` is pushed on columns that hold a single value, where it rejects the events
// whose column equals the constant. `and` keeps its pushable operands, and `or` is pushed only when both
// operands are. `not`, ranges, regex, functions and comparisons with null are never pushed. A
// string constant that Spoor could compare as a number, a date or a boolean is not pushed either, because
// its matches need not equal the column text.
//
// A field is looked up by the document field it reads (the target of an alias), and pushed only when its
// mapped type is the column's: keyword for text columns, long for integer columns, or no mapping at all.
std::optional<SqlCondition> pushDownCondition(const Expr& expr);

// Returns the condition for one stage: its category (unless the stage is `any`) and its condition.
// `categoryField` is the executor's event category field; the category is pushed only when it is
// "event.category", the field the category column copies.
std::optional<SqlCondition> pushDownStage(const EventFilter& filter, std::string_view categoryField);

// Returns the union of the stage conditions over every stage of the query, its missing-event stages and
// its `until` stage: the candidate events of a run. std::nullopt when one stage has no condition.
std::optional<SqlCondition> pushDownQuery(const AnalysedQuery& query,
                                          std::string_view categoryField = "event.category");

// A hot column of the events table: the column `name` copies the document field `field`. `elements` columns
// join the texts of every array element with ','; `integer` columns hold a single integer.
struct HotColumn
{
    std::string_view field;
    std::string_view name;
    bool elements = false;
    bool integer = false;
};

// Returns the hot column that copies a document field, or nullopt when the field has none.
std::optional<HotColumn> hotColumnFor(std::string_view field);

} // namespace spoor::eql
