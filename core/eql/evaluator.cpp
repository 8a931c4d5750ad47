#include "eql/evaluator.h"

#include "eql/functions.h"
#include "eql/typed_compare.h"
#include "eql/value_ops.h"

#include <functional>
#include <limits>

namespace spoor::eql {

namespace {

using ecs::Value;

// Caps the combinations tried when a script expression reads several multi-valued fields.
constexpr std::size_t maxCombinations = 10000;

// Applies `f` to every combination of the arguments' alternatives (array elements; an empty array is one
// null). Returns the single result, or an array of all results when an argument had several elements.
Value lift(std::vector<Value> args, const std::function<Value(std::span<const Value>)>& f)
{
    bool multi = false;
    std::size_t combinations = 1;
    for (auto& arg : args) {
        if (!arg.isArray())
            continue;
        if (arg.asArray().empty()) {
            arg = Value();
            continue;
        }
        multi = true;
        combinations = std::min(maxCombinations, combinations * arg.asArray().size());
    }
    if (!multi)
        return f(args);

    Value::Array results;
    std::vector<Value> current(args.size());
    std::vector<std::size_t> index(args.size(), 0);
    for (std::size_t n = 0; n < combinations; ++n) {
        for (std::size_t i = 0; i < args.size(); ++i)
            current[i] = args[i].isArray() ? args[i].asArray()[index[i]] : args[i];
        results.push_back(f(current));
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (!args[i].isArray())
                continue;
            if (++index[i] < args[i].asArray().size())
                break;
            index[i] = 0;
        }
    }
    return Value(std::move(results));
}

// Three-valued truth of a possibly multi-valued result: true if any alternative is true, false if none is
// true and one is false, otherwise null.
std::optional<bool> truth(const Value& value)
{
    if (value.isBool())
        return value.asBool();
    if (!value.isArray())
        return std::nullopt;
    std::optional<bool> result;
    for (const auto& element : value.asArray()) {
        if (element.isBool() && element.asBool())
            return true;
        if (element.isBool())
            result = false;
    }
    return result;
}

bool satisfies(CompareOp op, int order)
{
    switch (op) {
    case CompareOp::Equal:
        return order == 0;
    case CompareOp::NotEqual:
        return order != 0;
    case CompareOp::Less:
        return order < 0;
    case CompareOp::LessEqual:
        return order <= 0;
    case CompareOp::Greater:
        return order > 0;
    case CompareOp::GreaterEqual:
        return order >= 0;
    }
    return false;
}

CompareOp mirror(CompareOp op)
{
    switch (op) {
    case CompareOp::Less:
        return CompareOp::Greater;
    case CompareOp::LessEqual:
        return CompareOp::GreaterEqual;
    case CompareOp::Greater:
        return CompareOp::Less;
    case CompareOp::GreaterEqual:
        return CompareOp::LessEqual;
    default:
        return op;
    }
}

std::string textOf(const Value& value)
{
    return value.isString() ? value.asString() : value.toString();
}

bool anyMatcher(const Expr& expr, const Value& element)
{
    if (element.isNull() || element.isArray())
        return false;
    const std::string text = textOf(element);
    for (const auto& matcher : expr.matchers) {
        if (matcher.matches(text))
            return true;
    }
    return false;
}

// Calls `f` on each non-null element of a field value (the value itself when it is a scalar).
template <typename F> bool anyElement(const Value* value, F&& f)
{
    if (!value)
        return false;
    if (!value->isArray())
        return !value->isNull() && f(*value);
    for (const auto& element : value->asArray()) {
        if (!element.isNull() && f(element))
            return true;
    }
    return false;
}

Value negate(const Value& v)
{
    if (v.isInt())
        return Value(static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(v.asInt())));
    if (v.isDouble())
        return Value(-v.asDouble());
    return {};
}

} // namespace

bool isTrue(const Value& value)
{
    return truth(value).value_or(false);
}

const Value* Evaluator::read(const Expr& field, const ecs::Event& event) const
{
    const Value* found = event.find(field.path);
    if (found && found->isNull() && field.mapping && field.mapping->nullValue)
        return &*field.mapping->nullValue;
    return found;
}

bool Evaluator::isNullBound(const Expr& field) const
{
    return field.optional && nullFields_ && nullFields_->contains(field.field);
}

bool Evaluator::isIndexedField(const Expr& expr) const
{
    return expr.kind == Expr::Kind::Field && !isNullBound(expr);
}

// A predicate that Elasticsearch translates to a Lucene query on one field: any-element match, and
// negation by complement.
bool Evaluator::isFieldPredicate(const Expr& expr) const
{
    switch (expr.kind) {
    case Expr::Kind::Field:
        return isIndexedField(expr);
    case Expr::Kind::Compare:
        return (isIndexedField(*expr.args[0]) && expr.args[1]->isLiteral()) ||
               (expr.args[0]->isLiteral() && isIndexedField(*expr.args[1]));
    case Expr::Kind::In:
        for (std::size_t i = 1; i < expr.args.size(); ++i) {
            if (!expr.args[i]->isLiteral())
                return false;
        }
        return isIndexedField(*expr.args[0]);
    case Expr::Kind::Match:
        return isIndexedField(*expr.args[0]);
    default:
        return false;
    }
}

// True when Elasticsearch evaluates the expression as one script, so that `not` over it is three-valued.
bool Evaluator::isScript(const Expr& expr) const
{
    switch (expr.kind) {
    case Expr::Kind::And:
    case Expr::Kind::Or:
        return false;
    case Expr::Kind::Not:
        return isScript(*expr.args[0]);
    case Expr::Kind::Compare:
        if (expr.args[0]->isNullLiteral() || expr.args[1]->isNullLiteral())
            return !isIndexedField(*expr.args[expr.args[0]->isNullLiteral() ? 1 : 0]);
        return !isFieldPredicate(expr);
    case Expr::Kind::Field:
    case Expr::Kind::In:
    case Expr::Kind::Match:
        return !isFieldPredicate(expr);
    default:
        return true;
    }
}

bool Evaluator::test(const Expr& expr, const ecs::Event& event) const
{
    switch (expr.kind) {
    case Expr::Kind::Literal:
        return expr.literal.isBool() && expr.literal.asBool();
    case Expr::Kind::And:
        return test(*expr.args[0], event) && test(*expr.args[1], event);
    case Expr::Kind::Or:
        return test(*expr.args[0], event) || test(*expr.args[1], event);
    case Expr::Kind::Not:
        if (isScript(*expr.args[0]))
            return truth(value(*expr.args[0], event)) == false;
        return !test(*expr.args[0], event);
    case Expr::Kind::Field:
        if (!isIndexedField(expr))
            return false;
        return anyElement(read(expr, event), [](const Value& v) { return v.isBool() && v.asBool(); });
    case Expr::Kind::Compare:
        if (expr.args[0]->isNullLiteral() || expr.args[1]->isNullLiteral()) {
            const Expr& subject = *expr.args[expr.args[0]->isNullLiteral() ? 1 : 0];
            if (expr.compareOp == CompareOp::Equal || expr.compareOp == CompareOp::NotEqual)
                return testNull(subject, expr.compareOp == CompareOp::Equal, event);
            return false;
        }
        if (isFieldPredicate(expr))
            return testFieldCompare(expr, event);
        break;
    case Expr::Kind::In:
        if (isFieldPredicate(expr))
            return testFieldIn(expr, event);
        break;
    case Expr::Kind::Match:
        if (isFieldPredicate(expr))
            return testFieldMatch(expr, event);
        break;
    default:
        break;
    }
    return isTrue(value(expr, event));
}

bool Evaluator::testNull(const Expr& subject, bool wantNull, const ecs::Event& event) const
{
    if (isIndexedField(subject))
        return isAbsent(read(subject, event)) == wantNull;
    const Value v = value(subject, event);
    return isAbsent(&v) == wantNull;
}

bool Evaluator::testFieldCompare(const Expr& expr, const ecs::Event& event) const
{
    const bool fieldLeft = expr.args[0]->kind == Expr::Kind::Field;
    const Expr& field = *expr.args[fieldLeft ? 0 : 1];
    const Value& constant = expr.args[fieldLeft ? 1 : 0]->literal;
    const CompareOp op = fieldLeft ? expr.compareOp : mirror(expr.compareOp);
    const FieldMapping* mapping = field.mapping.get();
    const Value* fieldValue = read(field, event);
    if (op == CompareOp::NotEqual) {
        return !anyElement(fieldValue, [&](const Value& v) {
            const auto order = compareTyped(mapping, v, constant);
            return order && *order == 0;
        });
    }
    return anyElement(fieldValue, [&](const Value& v) {
        const auto order = compareTyped(mapping, v, constant);
        return order && satisfies(op, *order);
    });
}

bool Evaluator::testFieldIn(const Expr& expr, const ecs::Event& event) const
{
    const FieldMapping* mapping = expr.args[0]->mapping.get();
    return anyElement(read(*expr.args[0], event), [&](const Value& v) {
        for (std::size_t i = 1; i < expr.args.size(); ++i) {
            const Value& item = expr.args[i]->literal;
            if (expr.caseInsensitive && v.isString() && item.isString()) {
                if (scalarsEqual(v, item, true))
                    return true;
                continue;
            }
            const auto order = compareTyped(mapping, v, item);
            if (order && *order == 0)
                return true;
        }
        return false;
    });
}

bool Evaluator::testFieldMatch(const Expr& expr, const ecs::Event& event) const
{
    return anyElement(read(*expr.args[0], event), [&](const Value& v) { return anyMatcher(expr, v); });
}

Value Evaluator::value(const Expr& expr, const ecs::Event& event) const
{
    switch (expr.kind) {
    case Expr::Kind::Literal:
        return expr.literal;
    case Expr::Kind::Field: {
        if (isNullBound(expr))
            return {};
        const Value* found = read(expr, event);
        return found ? *found : Value();
    }
    case Expr::Kind::Compare:
        return compareValue(expr, event);
    case Expr::Kind::In:
        return inValue(expr, event);
    case Expr::Kind::Match:
        return matchValue(expr, event);
    case Expr::Kind::And:
    case Expr::Kind::Or:
        return logicalValue(expr, event);
    case Expr::Kind::Not:
        return lift({value(*expr.args[0], event)},
                    [](std::span<const Value> a) { return a[0].isBool() ? Value(!a[0].asBool()) : Value(); });
    case Expr::Kind::Arithmetic: {
        const ArithmeticOp op = expr.arithmeticOp;
        return lift({value(*expr.args[0], event), value(*expr.args[1], event)},
                    [op](std::span<const Value> a) { return applyArithmetic(op, a[0], a[1]); });
    }
    case Expr::Kind::Negate:
        return lift({value(*expr.args[0], event)}, [](std::span<const Value> a) { return negate(a[0]); });
    case Expr::Kind::Call:
        return callValue(expr, event);
    }
    return {};
}

Value Evaluator::compareValue(const Expr& expr, const ecs::Event& event) const
{
    auto nullOperand = [this](const Expr& e) {
        return e.isNullLiteral() || (e.kind == Expr::Kind::Field && isNullBound(e));
    };
    if (nullOperand(*expr.args[0]) && nullOperand(*expr.args[1])) {
        // Elasticsearch folds `null == null` (also after ?optional fields became null) to true.
        if (expr.compareOp == CompareOp::Equal || expr.compareOp == CompareOp::NotEqual)
            return Value(expr.compareOp == CompareOp::Equal);
    }
    if (expr.args[0]->isNullLiteral() || expr.args[1]->isNullLiteral()) {
        const Expr& subject = *expr.args[expr.args[0]->isNullLiteral() ? 1 : 0];
        if (expr.compareOp == CompareOp::Equal || expr.compareOp == CompareOp::NotEqual)
            return Value(testNull(subject, expr.compareOp == CompareOp::Equal, event));
        return {};
    }
    const CompareOp op = expr.compareOp;
    return lift({value(*expr.args[0], event), value(*expr.args[1], event)}, [op](std::span<const Value> a) {
        if (a[0].isNull() || a[1].isNull())
            return Value();
        const auto order = compareScalars(a[0], a[1]);
        if (!order)
            return Value(op == CompareOp::NotEqual);
        return Value(satisfies(op, *order));
    });
}

Value Evaluator::inValue(const Expr& expr, const ecs::Event& event) const
{
    std::vector<Value> items;
    for (std::size_t i = 1; i < expr.args.size(); ++i)
        items.push_back(value(*expr.args[i], event));
    const bool caseInsensitive = expr.caseInsensitive;
    return lift({value(*expr.args[0], event)}, [&](std::span<const Value> a) {
        if (a[0].isNull())
            return Value();
        for (const auto& item : items) {
            const bool found =
                item.isArray()
                    ? anyElement(&item, [&](const Value& v) { return scalarsEqual(a[0], v, caseInsensitive); })
                    : scalarsEqual(a[0], item, caseInsensitive);
            if (found)
                return Value(true);
        }
        return Value(false);
    });
}

Value Evaluator::matchValue(const Expr& expr, const ecs::Event& event) const
{
    return lift({value(*expr.args[0], event)},
                [&](std::span<const Value> a) { return a[0].isNull() ? Value() : Value(anyMatcher(expr, a[0])); });
}

Value Evaluator::logicalValue(const Expr& expr, const ecs::Event& event) const
{
    const std::optional<bool> left = truth(value(*expr.args[0], event));
    const bool isAnd = expr.kind == Expr::Kind::And;
    if (left == !isAnd)
        return Value(!isAnd); // false and ..., true or ...
    const std::optional<bool> right = truth(value(*expr.args[1], event));
    if (right == !isAnd)
        return Value(!isAnd);
    if (left && right)
        return Value(*left);
    return {};
}

Value Evaluator::callValue(const Expr& expr, const ecs::Event& event) const
{
    std::vector<Value> args;
    args.reserve(expr.args.size());
    for (const auto& arg : expr.args)
        args.push_back(value(*arg, event));
    const Function function = expr.function;
    const bool caseInsensitive = expr.caseInsensitive;
    return lift(std::move(args), [function, caseInsensitive](std::span<const Value> a) {
        return callFunction(function, caseInsensitive, a);
    });
}

} // namespace spoor::eql
