#include "eql/pushdown.h"

#include "eql/analyzer.h"
#include "eql/value_ops.h"

#include <array>

namespace spoor::eql {

namespace {

using ecs::Value;

// The rule by which the importer fills a hot column from its field.
enum class ColumnKind {
    Keyword,  // the text of a single value (a number or boolean as its text); NULL for several values
    Elements, // the texts of all elements joined with ','
    Integer,  // a single integer, also parsed from a string of digits; NULL for anything else
};

struct Column
{
    std::string_view field;
    std::string_view name;
    ColumnKind kind;
};

constexpr std::array<Column, 19> columns = {{
    {"event.category", "category", ColumnKind::Elements},
    {"event.type", "event_type", ColumnKind::Elements},
    {"event.action", "action", ColumnKind::Keyword},
    {"event.id", "event_id", ColumnKind::Keyword},
    {"event.sequence", "sequence", ColumnKind::Integer},
    {"host.id", "host_id", ColumnKind::Keyword},
    {"host.name", "host_name", ColumnKind::Keyword},
    {"host.os.type", "os_type", ColumnKind::Keyword},
    {"user.id", "user_id", ColumnKind::Keyword},
    {"user.name", "user_name", ColumnKind::Keyword},
    {"process.pid", "pid", ColumnKind::Integer},
    {"process.entity_id", "entity_id", ColumnKind::Keyword},
    {"process.name", "process_name", ColumnKind::Keyword},
    {"process.executable", "executable", ColumnKind::Keyword},
    {"process.command_line", "command_line", ColumnKind::Keyword},
    {"process.exit_code", "exit_code", ColumnKind::Integer},
    {"process.parent.pid", "parent_pid", ColumnKind::Integer},
    {"process.parent.entity_id", "parent_entity_id", ColumnKind::Keyword},
    {"process.parent.name", "parent_name", ColumnKind::Keyword},
}};

// A mapping may give a hot field another type, such as ip or version, which compare by value. So a field is
// pushed only with the type its column implies. The column is that of the document field read (an alias target).
bool hasColumnType(const Expr& field, const Column& column)
{
    if (!field.mapping)
        return true;
    return field.mapping->type == (column.kind == ColumnKind::Integer ? FieldType::Long : FieldType::Keyword);
}

const Column* columnOf(const Expr& expr)
{
    if (expr.kind != Expr::Kind::Field)
        return nullptr;
    for (const Column& column : columns) {
        if (column.field == expr.path)
            return hasColumnType(expr, column) ? &column : nullptr;
    }
    return nullptr;
}

// Covers every ISO-8601 date that compareScalars would compare as an instant.
bool looksLikeDate(const std::string& text)
{
    return text.size() >= 10 && text[4] == '-' && text[7] == '-';
}

// True for a string constant that an event value equals only when the value is the same string, so that a
// keyword column holding other text cannot match it. compareScalars compares strings that parse as numbers
// or dates by value, and "true"/"false" equal booleans. NUL bytes are left out because SQLite's text
// functions stop at them.
bool isPlainString(const Value& value)
{
    if (!value.isString())
        return false;
    const std::string& text = value.asString();
    return text.find('\0') == std::string::npos && !parseNumber(text) && !looksLikeDate(text) && text != "true" &&
           text != "false";
}

// Integers beyond 2^53 are left out: compareScalars compares an integer with a double as doubles, so
// neighbouring integers would equal the same double.
bool isExactInteger(const Value& value)
{
    constexpr std::int64_t limit = std::int64_t(1) << 53;
    return value.isInt() && value.asInt() >= -limit && value.asInt() <= limit;
}

bool isPushableConstant(const Column& column, const Value& value, bool matchOperator)
{
    if (column.kind == ColumnKind::Integer)
        return !matchOperator && isExactInteger(value);
    if (matchOperator)
        return value.isString() && value.asString().find('\0') == std::string::npos;
    return isPlainString(value);
}

// A multi-valued field, a value of the wrong type or an explicit null read as the mapping's null_value
// leaves the column NULL while the event may still match, so NULL is always a candidate.
SqlCondition orNull(const Column& column, SqlCondition condition)
{
    condition.sql = "(" + condition.sql + " OR " + std::string(column.name) + " IS NULL)";
    return condition;
}

SqlCondition joinConditions(std::vector<SqlCondition> parts, std::string_view op)
{
    if (parts.size() == 1)
        return std::move(parts.front());
    SqlCondition joined;
    joined.sql = "(";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            joined.sql += op;
        joined.sql += parts[i].sql;
        for (auto& param : parts[i].params)
            joined.params.push_back(std::move(param));
    }
    joined.sql += ")";
    return joined;
}

// One element of a comma-joined column, found as ",value," inside ",column,". A value containing ','
// still matches the joined text of its own array, so the test never rejects a matching event.
SqlCondition elementEquals(const Column& column, const std::string& value, bool caseInsensitive)
{
    const std::string name(column.name);
    if (caseInsensitive)
        return {"instr(',' || lower(" + name + ") || ',', lower(?)) > 0", {Value("," + value + ",")}};
    return {"instr(',' || " + name + " || ',', ?) > 0", {Value("," + value + ",")}};
}

SqlCondition columnEqualsAny(const Column& column, const std::vector<Value>& values, bool caseInsensitive)
{
    if (column.kind == ColumnKind::Elements) {
        std::vector<SqlCondition> parts;
        for (const Value& value : values)
            parts.push_back(elementEquals(column, value.asString(), caseInsensitive));
        return orNull(column, joinConditions(std::move(parts), " OR "));
    }
    // NOCASE folds ASCII letters only, as foldCase does for `:` and `in~`.
    const std::string name = std::string(column.name) + (caseInsensitive ? " COLLATE NOCASE" : "");
    SqlCondition condition;
    if (values.size() == 1) {
        condition.sql = name + " = ?";
    } else {
        condition.sql = name + " IN (?";
        for (std::size_t i = 1; i < values.size(); ++i)
            condition.sql += ", ?";
        condition.sql += ")";
    }
    condition.params = values;
    return orNull(column, std::move(condition));
}

// Converts an EQL wildcard pattern to a GLOB pattern that accepts at least the same texts. '?' becomes '*'
// because GLOB's '?' is one UTF-8 character and the EQL matcher's '?' is one byte.
std::string globPattern(const std::string& wildcard)
{
    std::string glob;
    for (const char c : wildcard) {
        if (c == '?')
            glob += '*';
        else if (c == '[')
            glob += "[[]";
        else
            glob += c;
    }
    return glob;
}

bool hasWildcard(const std::string& pattern)
{
    return pattern.find_first_of("*?") != std::string::npos;
}

// `field != constant` is true when no element equals the constant, so also for a missing or multi-valued field.
// A column that stores one value equal to the constant rejects the event; every other event is a candidate.
// Joined columns are left out, because their text can equal the constant without an element doing so.
std::optional<SqlCondition> columnDiffers(const Column& column, const Value& constant)
{
    if (column.kind == ColumnKind::Elements)
        return std::nullopt;
    return orNull(column, SqlCondition{std::string(column.name) + " != ?", {constant}});
}

// True for a condition that builds strings for every row: a joined column's element test, lower() or GLOB.
// SQLite stops evaluating AND at its first false operand, so the equality tests on plain columns go first. With
// them first, the XZ rule's candidates took 0.46 s instead of 1.17 s of CPU to select from a million events
// (SQLite 3.40, see docs/benchmarks.md).
bool buildsStrings(const SqlCondition& condition)
{
    const std::string& sql = condition.sql;
    return sql.find("instr(") != std::string::npos || sql.find("lower(") != std::string::npos ||
           sql.find(" GLOB ") != std::string::npos;
}

SqlCondition joinCheapFirst(SqlCondition left, SqlCondition right)
{
    if (buildsStrings(left) && !buildsStrings(right))
        std::swap(left, right);
    return joinConditions({std::move(left), std::move(right)}, " AND ");
}

std::optional<SqlCondition> pushDownCompare(const Expr& expr)
{
    if (expr.compareOp != CompareOp::Equal && expr.compareOp != CompareOp::NotEqual)
        return std::nullopt;
    const bool fieldLeft = expr.args[1]->isLiteral();
    const Expr& field = *expr.args[fieldLeft ? 0 : 1];
    const Expr& constant = *expr.args[fieldLeft ? 1 : 0];
    const Column* column = columnOf(field);
    if (!column || !constant.isLiteral() || !isPushableConstant(*column, constant.literal, false))
        return std::nullopt;
    if (expr.compareOp == CompareOp::NotEqual)
        return columnDiffers(*column, constant.literal);
    return columnEqualsAny(*column, {constant.literal}, false);
}

std::optional<SqlCondition> pushDownIn(const Expr& expr)
{
    const Column* column = columnOf(*expr.args[0]);
    if (!column)
        return std::nullopt;
    std::vector<Value> values;
    for (std::size_t i = 1; i < expr.args.size(); ++i) {
        const Expr& item = *expr.args[i];
        if (!item.isLiteral() || !isPushableConstant(*column, item.literal, false))
            return std::nullopt;
        values.push_back(item.literal);
    }
    return columnEqualsAny(*column, values, expr.caseInsensitive && column->kind != ColumnKind::Integer);
}

SqlCondition patternCondition(const Column& column, const std::string& pattern, bool caseInsensitive)
{
    const std::string name(column.name);
    if (!hasWildcard(pattern))
        return {name + (caseInsensitive ? " COLLATE NOCASE = ?" : " = ?"), {Value(pattern)}};
    if (caseInsensitive)
        return {"lower(" + name + ") GLOB lower(?)", {Value(globPattern(pattern))}};
    return {name + " GLOB ?", {Value(globPattern(pattern))}};
}

// `:`, like and like~: the matcher tests the text of each value, which is also what a keyword column holds.
std::optional<SqlCondition> pushDownMatch(const Expr& expr)
{
    const Column* column = columnOf(*expr.args[0]);
    if (!column || expr.regex)
        return std::nullopt;
    std::vector<SqlCondition> parts;
    for (std::size_t i = 1; i < expr.args.size(); ++i) {
        const Expr& pattern = *expr.args[i];
        if (!pattern.isLiteral() || !isPushableConstant(*column, pattern.literal, true))
            return std::nullopt;
        const std::string& text = pattern.literal.asString();
        if (column->kind == ColumnKind::Elements) {
            if (hasWildcard(text))
                return std::nullopt;
            parts.push_back(elementEquals(*column, text, expr.caseInsensitive));
        } else {
            parts.push_back(patternCondition(*column, text, expr.caseInsensitive));
        }
    }
    if (parts.empty())
        return std::nullopt;
    return orNull(*column, joinConditions(std::move(parts), " OR "));
}

std::optional<SqlCondition> pushDownLogical(const Expr& expr)
{
    auto left = pushDownCondition(*expr.args[0]);
    auto right = pushDownCondition(*expr.args[1]);
    if (expr.kind == Expr::Kind::Or) {
        if (!left || !right)
            return std::nullopt;
        return joinConditions({std::move(*left), std::move(*right)}, " OR ");
    }
    if (!left)
        return right;
    if (!right)
        return left;
    return joinCheapFirst(std::move(*left), std::move(*right));
}

} // namespace

std::optional<SqlCondition> pushDownCondition(const Expr& expr)
{
    switch (expr.kind) {
    case Expr::Kind::Literal:
        // The evaluator accepts only the literal true; any other constant condition matches nothing.
        if (expr.literal.isBool() && expr.literal.asBool())
            return std::nullopt;
        return SqlCondition{"0", {}};
    case Expr::Kind::And:
    case Expr::Kind::Or:
        return pushDownLogical(expr);
    case Expr::Kind::Compare:
        return pushDownCompare(expr);
    case Expr::Kind::In:
        return pushDownIn(expr);
    case Expr::Kind::Match:
        return pushDownMatch(expr);
    default:
        return std::nullopt;
    }
}

std::optional<SqlCondition> pushDownStage(const EventFilter& filter, std::string_view categoryField)
{
    auto condition = filter.condition ? pushDownCondition(*filter.condition) : std::nullopt;
    if (filter.any || categoryField != "event.category")
        return condition;
    // The stage matcher accepts only string elements equal to the category, and the category column is
    // NULL only when event.category is missing or null.
    SqlCondition category{"instr(',' || category || ',', ?) > 0", {Value("," + filter.category + ",")}};
    if (filter.category.find('\0') != std::string::npos)
        return condition;
    if (!condition)
        return category;
    // The category test builds a string for every row, so the condition's equality tests go first.
    return joinConditions({std::move(*condition), std::move(category)}, " AND ");
}

std::optional<SqlCondition> pushDownQuery(const AnalysedQuery& query, std::string_view categoryField)
{
    std::vector<const Stage*> stages;
    for (const Stage& stage : query.ast.stages)
        stages.push_back(&stage);
    if (query.ast.until)
        stages.push_back(&*query.ast.until);

    std::vector<SqlCondition> parts;
    for (const Stage* stage : stages) {
        auto condition = pushDownStage(stage->filter, categoryField);
        if (!condition)
            return std::nullopt;
        parts.push_back(std::move(*condition));
    }
    if (parts.empty())
        return std::nullopt;
    return joinConditions(std::move(parts), " OR ");
}

std::optional<HotColumn> hotColumnFor(std::string_view field)
{
    for (const Column& column : columns) {
        if (column.field == field)
            return HotColumn{column.field, column.name, column.kind == ColumnKind::Elements,
                             column.kind == ColumnKind::Integer};
    }
    return std::nullopt;
}

} // namespace spoor::eql
