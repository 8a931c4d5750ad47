#include "analysis/rule_needs.h"

#include "eql/analyzer.h"
#include "eql/ast.h"
#include "eql/query.h"

#include <algorithm>
#include <set>

namespace spoor::analysis {

namespace {

using eql::Expr;

// The walk keeps two facts about the position of a node: whether only `and` leads to it (required) and
// whether an odd number of `not` encloses it (negated). `not (a and b)` is `not a or not b`, so below a
// negation the roles of `and` and `or` swap.
struct Position
{
    bool required = true;
    bool negated = false;
};

const Expr* fieldOperand(const Expr& expr)
{
    if (!expr.args.empty() && expr.args[0] && expr.args[0]->kind == Expr::Kind::Field)
        return expr.args[0].get();
    return nullptr;
}

void addFieldsBelow(const Expr& expr, Position position, std::vector<FieldUse>& uses)
{
    if (expr.kind == Expr::Kind::Field) {
        FieldUse use;
        use.field = expr.path;
        use.kind = FieldUse::Kind::Tests;
        use.required = position.required && !position.negated && !expr.optional;
        use.optional = expr.optional;
        uses.push_back(std::move(use));
        return;
    }
    for (const auto& arg : expr.args) {
        if (arg)
            addFieldsBelow(*arg, position, uses);
    }
}

// Adds a use for `field == constants` (or `!=` when `equal` is false), taking negation into account.
void addEquality(const Expr& field, const std::vector<const Expr*>& constants, bool equal, Position position,
                 const std::string& op, bool caseInsensitive, std::vector<FieldUse>& uses)
{
    FieldUse use;
    use.field = field.path;
    use.op = op;
    use.optional = field.optional;
    const bool positive = equal != position.negated;
    const bool comparesNull =
        std::any_of(constants.begin(), constants.end(), [](const Expr* constant) { return constant->isNullLiteral(); });
    if (comparesNull && constants.size() == 1) {
        use.kind = positive ? FieldUse::Kind::IsNull : FieldUse::Kind::Tests;
        use.required = !positive && position.required && !field.optional;
        uses.push_back(std::move(use));
        return;
    }
    use.kind = positive ? FieldUse::Kind::Equals : FieldUse::Kind::Excludes;
    use.caseInsensitive = caseInsensitive;
    for (const Expr* constant : constants) {
        if (!constant->isNullLiteral())
            use.values.push_back(constant->literal.toString());
    }
    use.required = positive && position.required && !field.optional;
    uses.push_back(std::move(use));
}

void addMatch(const Expr& expr, const Expr& field, Position position, std::vector<FieldUse>& uses)
{
    FieldUse use;
    use.field = field.path;
    use.optional = field.optional;
    use.kind = position.negated ? FieldUse::Kind::Excludes : FieldUse::Kind::Matches;
    use.op = expr.name;
    for (std::size_t index = 1; index < expr.args.size(); ++index) {
        if (expr.args[index] && expr.args[index]->isLiteral())
            use.values.push_back(expr.args[index]->literal.toString());
    }
    use.matchers = expr.matchers;
    use.required = !position.negated && position.required && !field.optional;
    uses.push_back(std::move(use));
}

bool allLiterals(const Expr& expr, std::size_t from)
{
    for (std::size_t index = from; index < expr.args.size(); ++index) {
        if (!expr.args[index] || !expr.args[index]->isLiteral())
            return false;
    }
    return expr.args.size() > from;
}

void walk(const Expr& expr, Position position, std::vector<FieldUse>& uses)
{
    switch (expr.kind) {
    case Expr::Kind::And:
    case Expr::Kind::Or: {
        // `and` keeps the position; `or` makes both sides optional, and a negation swaps the two.
        const bool conjunction = (expr.kind == Expr::Kind::And) != position.negated;
        const Position inner{position.required && conjunction, position.negated};
        for (const auto& arg : expr.args) {
            if (arg)
                walk(*arg, inner, uses);
        }
        return;
    }
    case Expr::Kind::Not:
        if (!expr.args.empty() && expr.args[0])
            walk(*expr.args[0], {position.required, !position.negated}, uses);
        return;
    case Expr::Kind::Compare: {
        const Expr* field = fieldOperand(expr);
        const bool equality = expr.compareOp == eql::CompareOp::Equal || expr.compareOp == eql::CompareOp::NotEqual;
        if (field && equality && allLiterals(expr, 1)) {
            const bool equal = expr.compareOp == eql::CompareOp::Equal;
            addEquality(*field, {expr.args[1].get()}, equal, position, equal ? "==" : "!=", false, uses);
            return;
        }
        break;
    }
    case Expr::Kind::In: {
        const Expr* field = fieldOperand(expr);
        if (field && allLiterals(expr, 1)) {
            std::vector<const Expr*> constants;
            for (std::size_t index = 1; index < expr.args.size(); ++index)
                constants.push_back(expr.args[index].get());
            addEquality(*field, constants, true, position, expr.caseInsensitive ? "in~" : "in", expr.caseInsensitive,
                        uses);
            return;
        }
        break;
    }
    case Expr::Kind::Match: {
        const Expr* field = fieldOperand(expr);
        if (field && allLiterals(expr, 1) && expr.matchers.size() + 1 == expr.args.size()) {
            addMatch(expr, *field, position, uses);
            return;
        }
        break;
    }
    default:
        break;
    }
    // Anything else (ranges, functions, arithmetic, a boolean field) needs its fields present, because a
    // null operand makes the whole comparison null, which is no match.
    addFieldsBelow(expr, position, uses);
}

StepNeeds stepNeeds(const eql::Stage& stage, const std::vector<eql::ExprPtr>& keys, int number)
{
    StepNeeds step;
    step.number = number;
    step.category = stage.filter.any ? std::string() : stage.filter.category;
    step.missingEvent = stage.missing;
    for (const auto& key : keys) {
        if (key && key->kind == Expr::Kind::Field && !key->optional)
            step.keyFields.push_back(key->path);
    }
    if (stage.filter.condition)
        walk(*stage.filter.condition, {}, step.uses);
    return step;
}

} // namespace

std::vector<std::string> RuleNeeds::fields() const
{
    std::set<std::string> names;
    for (const StepNeeds& step : steps) {
        if (!step.category.empty())
            names.insert("event.category");
        names.insert(step.keyFields.begin(), step.keyFields.end());
        for (const FieldUse& use : step.uses)
            names.insert(use.field);
    }
    return {names.begin(), names.end()};
}

RuleNeeds ruleNeeds(const eql::Query& query, const std::string& timestampOverride)
{
    const eql::AnalysedQuery& analysed = query.analysed();
    RuleNeeds needs;
    if (!timestampOverride.empty())
        needs.timestampField = timestampOverride;
    const auto& stages = analysed.ast.stages;
    for (std::size_t index = 0; index < stages.size(); ++index) {
        const std::vector<eql::ExprPtr> noKeys;
        const auto& keys = index < analysed.stageKeys.size() ? analysed.stageKeys[index] : noKeys;
        needs.steps.push_back(stepNeeds(stages[index], keys, static_cast<int>(index) + 1));
    }
    if (analysed.ast.until) {
        StepNeeds until = stepNeeds(*analysed.ast.until, analysed.untilKeys, static_cast<int>(stages.size()) + 1);
        until.until = true;
        needs.steps.push_back(std::move(until));
    }
    return needs;
}

} // namespace spoor::analysis
