#pragma once

#include "ecs/value.h"
#include "eql/field_mappings.h"
#include "eql/string_matcher.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spoor::eql {

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
enum class ArithmeticOp { Add, Subtract, Multiply, Divide, Modulo };
enum class Function {
    Unresolved,
    Add,
    Between,
    CidrMatch,
    Concat,
    Divide,
    EndsWith,
    IndexOf,
    Length,
    Modulo,
    Multiply,
    Number,
    StartsWith,
    String,
    StringContains,
    Substring,
    Subtract,
};

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;

// A node of a condition or key expression. The parser fills the syntax; the analyser resolves functions,
// folds constants and compiles patterns, after which the tree is never modified.
struct Expr
{
    enum class Kind {
        Literal,    // literal
        Field,      // field, optional
        Not,        // args[0]
        And,        // args[0], args[1]
        Or,         // args[0], args[1]
        Compare,    // compareOp; args[0], args[1]
        In,         // args[0] in (args[1...]); caseInsensitive for in~
        Match,      // args[0] matched against matchers (":", like, like~, regex, regex~); args[1...] are the patterns
        Arithmetic, // arithmeticOp; args[0], args[1]
        Negate,     // unary minus of args[0]
        Call,       // function (name as written); args
    };

    Kind kind = Kind::Literal;
    int line = 1;
    int column = 1;

    ecs::Value literal;
    std::string field; // as written in the query
    std::string path;  // Field: the document field read, which differs from `field` for an alias
    std::shared_ptr<const FieldMapping> mapping; // Field, after analysis: the mapped type; null when unmapped
    bool optional = false;
    CompareOp compareOp = CompareOp::Equal;
    ArithmeticOp arithmeticOp = ArithmeticOp::Add;
    std::string name; // function name or match operator as written, for messages
    Function function = Function::Unresolved;
    bool caseInsensitive = false;
    bool regex = false; // Match: regex/regex~ instead of wildcards
    std::vector<ExprPtr> args;
    std::vector<StringMatcher> matchers; // Match, after analysis

    bool isLiteral() const { return kind == Kind::Literal; }
    bool isNullLiteral() const { return kind == Kind::Literal && literal.isNull(); }
};

// `category where condition`; category is empty for `any`.
struct EventFilter
{
    std::string category;
    bool any = false;
    ExprPtr condition;
    int line = 1;
    int column = 1;
};

// One bracketed stage of a sequence or sample, or the whole event query.
struct Stage
{
    EventFilter filter;
    std::vector<ExprPtr> keys; // the stage's own by-keys; the analyser prepends the query-level keys
    bool missing = false;      // ![...]
    int runs = 1;
};

struct Pipe
{
    enum class Kind { Head, Tail };
    Kind kind = Kind::Head;
    std::int64_t count = 0;
};

struct QueryAst
{
    enum class Kind { Event, Sequence, Sample };
    Kind kind = Kind::Event;
    std::vector<ExprPtr> keys; // sequence by / sample by
    std::optional<std::int64_t> maxspanNs;
    std::vector<Stage> stages;
    std::optional<Stage> until;
    std::vector<Pipe> pipes;
};

} // namespace spoor::eql
