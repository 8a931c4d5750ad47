#pragma once

#include "eql/ast.h"
#include "eql/field_mappings.h"

#include <memory>
#include <string>
#include <vector>

namespace spoor::eql {

// A parsed query after analysis: functions resolved, constants folded, patterns compiled, and the full join
// key of every stage (query-level keys first, then the stage's own keys).
struct AnalysedQuery
{
    QueryAst ast;
    std::vector<std::vector<ExprPtr>> stageKeys;
    std::vector<ExprPtr> untilKeys;
    std::vector<std::string> fieldNames; // document fields read (alias targets), sorted, unique
    std::shared_ptr<const FieldMappings> mappings;
};

// Checks and prepares a parsed query. Throws EqlError at the offending expression for an unknown function,
// a wrong number of arguments, an argument or operand of the wrong type, a pattern that is not a constant
// string or does not compile, a comparison between two fields, stages with different numbers of join
// keys, and missing events without maxspan or without a positive stage. Field types come from `mappings`
// (none when null): comparing a field with a constant of another type, a string function on a number and
// cidrMatch on a field that is not an ip are errors, as in Elasticsearch.
AnalysedQuery analyse(QueryAst ast, std::shared_ptr<const FieldMappings> mappings = nullptr);

// Renders an expression as EQL text, for messages.
std::string toSource(const Expr& expr);

} // namespace spoor::eql
