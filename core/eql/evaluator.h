#pragma once

#include "ecs/event.h"
#include "eql/ast.h"

#include <set>
#include <string>

namespace spoor::eql {

// Evaluates analysed expressions on one event with Elasticsearch's semantics:
// - A comparison, `in`, `:`/like/regex of a field against constants matches when any element of a
//   multi-valued field matches, and is false when the field is missing. Negating such a predicate (`!=`,
//   `not in`, `not`) is a set complement: it is true when no element matches and when the field is missing.
// - Other expressions (functions, arithmetic, comparisons of computed values) run like Elasticsearch's
//   scripts: a null operand gives null, null is no match, and `not null` is null. A multi-valued field in
//   them is expanded element by element and the result is true when any combination is true.
// - `x == null` and `x != null` test for a missing or null value.
class Evaluator
{
public:
    // `nullFields` lists ?optional fields that read as the literal null because the searched data has no
    // such field; it may be null, and it must outlive the evaluator.
    explicit Evaluator(const std::set<std::string, std::less<>>* nullFields = nullptr) : nullFields_(nullFields) {}

    // Returns whether the condition holds for the event (a null result is false).
    bool test(const Expr& expr, const ecs::Event& event) const;

    // Returns the value of an expression. A multi-valued result is an array of the alternative values.
    ecs::Value value(const Expr& expr, const ecs::Event& event) const;

    // True when the field reference reads as the literal null (an optional field absent from the data).
    bool isNullBound(const Expr& field) const;

private:
    // Returns the value of a field reference: its document field, or the mapping's null_value in place of
    // an explicit null. Returns nullptr when the document lacks the field.
    const ecs::Value* read(const Expr& field, const ecs::Event& event) const;
    bool isIndexedField(const Expr& expr) const;
    bool isFieldPredicate(const Expr& expr) const;
    bool isScript(const Expr& expr) const;
    bool testNull(const Expr& subject, bool wantNull, const ecs::Event& event) const;
    bool testFieldCompare(const Expr& expr, const ecs::Event& event) const;
    bool testFieldIn(const Expr& expr, const ecs::Event& event) const;
    bool testFieldMatch(const Expr& expr, const ecs::Event& event) const;
    ecs::Value compareValue(const Expr& expr, const ecs::Event& event) const;
    ecs::Value inValue(const Expr& expr, const ecs::Event& event) const;
    ecs::Value matchValue(const Expr& expr, const ecs::Event& event) const;
    ecs::Value logicalValue(const Expr& expr, const ecs::Event& event) const;
    ecs::Value callValue(const Expr& expr, const ecs::Event& event) const;

    const std::set<std::string, std::less<>>* nullFields_;
};

// True when the value is true, or an array with a true element.
bool isTrue(const ecs::Value& value);

} // namespace spoor::eql
