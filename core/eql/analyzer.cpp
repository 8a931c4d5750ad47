#include "eql/analyzer.h"

#include "eql/eql_error.h"
#include "eql/evaluator.h"
#include "eql/functions.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace spoor::eql {

namespace {

// The type classes that decide whether an operation is valid, as Elasticsearch's type resolution groups them.
enum class Type { Unknown, Null, Boolean, Numeric, String, Date, Ip, Version };

const char* typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return "null";
    case Type::Boolean:
        return "boolean";
    case Type::Numeric:
        return "numeric";
    case Type::String:
        return "string";
    case Type::Date:
        return "date";
    case Type::Ip:
        return "ip";
    case Type::Version:
        return "version";
    case Type::Unknown:
        break;
    }
    return "unknown";
}

Type literalType(const ecs::Value& value)
{
    if (value.isNull())
        return Type::Null;
    if (value.isBool())
        return Type::Boolean;
    if (value.isNumber())
        return Type::Numeric;
    return Type::String;
}

Type functionType(Function function)
{
    switch (function) {
    case Function::Add:
    case Function::Subtract:
    case Function::Multiply:
    case Function::Divide:
    case Function::Modulo:
    case Function::IndexOf:
    case Function::Length:
    case Function::Number:
        return Type::Numeric;
    case Function::Between:
    case Function::Concat:
    case Function::String:
    case Function::Substring:
        return Type::String;
    case Function::CidrMatch:
    case Function::EndsWith:
    case Function::StartsWith:
    case Function::StringContains:
        return Type::Boolean;
    case Function::Unresolved:
        break;
    }
    return Type::Unknown;
}

Type mappedType(const FieldMapping* mapping)
{
    if (!mapping)
        return Type::Unknown;
    switch (mapping->type) {
    case FieldType::Keyword:
    case FieldType::Text:
        return Type::String;
    case FieldType::Long:
    case FieldType::Double:
        return Type::Numeric;
    case FieldType::Boolean:
        return Type::Boolean;
    case FieldType::Date:
    case FieldType::DateNanos:
        return Type::Date;
    case FieldType::Ip:
        return Type::Ip;
    case FieldType::Version:
        return Type::Version;
    case FieldType::Object:
    case FieldType::Other:
        break;
    }
    return Type::Unknown;
}

Type typeOf(const Expr& expr)
{
    switch (expr.kind) {
    case Expr::Kind::Literal:
        return literalType(expr.literal);
    case Expr::Kind::Field:
        return mappedType(expr.mapping.get());
    case Expr::Kind::Arithmetic:
    case Expr::Kind::Negate:
        return Type::Numeric;
    case Expr::Kind::Call:
        return functionType(expr.function);
    default:
        return Type::Boolean;
    }
}

// Expected parameter types per function; the last entry repeats for variadic functions.
std::vector<Type> parameterTypes(Function function)
{
    switch (function) {
    case Function::Add:
    case Function::Subtract:
    case Function::Multiply:
    case Function::Divide:
    case Function::Modulo:
        return {Type::Numeric, Type::Numeric};
    case Function::Between:
        return {Type::String, Type::String, Type::String, Type::Boolean};
    case Function::CidrMatch:
        return {Type::Ip, Type::String};
    case Function::EndsWith:
    case Function::StartsWith:
    case Function::StringContains:
        return {Type::String, Type::String};
    case Function::IndexOf:
        return {Type::String, Type::String, Type::Numeric};
    case Function::Length:
        return {Type::String};
    case Function::Number:
        return {Type::String, Type::Numeric};
    case Function::Substring:
        return {Type::String, Type::Numeric, Type::Numeric};
    case Function::Concat:
    case Function::String:
    case Function::Unresolved:
        break;
    }
    return {};
}

const char* ordinal(std::size_t i)
{
    static constexpr std::array names = {"first", "second", "third", "fourth", "fifth"};
    return i < names.size() ? names[i] : "next";
}

std::string literalSource(const ecs::Value& value)
{
    if (value.isString()) {
        std::string out = "\"";
        for (const char c : value.asString()) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + "\"";
    }
    return value.toString();
}

[[noreturn]] void fail(const Expr& at, const std::string& message)
{
    throw EqlError(at.line, at.column, message);
}

// Names an operand and its type for a message, with the mapping's own type name for a field ("long").
std::string describe(const Expr& arg)
{
    if (arg.isLiteral())
        return "value [" + toSource(arg) + "] type [" + typeName(literalType(arg.literal)) + "]";
    const std::string type =
        arg.kind == Expr::Kind::Field && arg.mapping ? arg.mapping->typeName : typeName(typeOf(arg));
    return "[" + toSource(arg) + "] of type [" + type + "]";
}

// The name of the type an operand of `expr` must have, for messages.
std::string expectedName(const Expr& expr)
{
    if (expr.kind == Expr::Kind::Field && expr.mapping)
        return expr.mapping->typeName;
    return typeName(typeOf(expr));
}

void checkType(const Expr& owner, std::size_t index, Type expected)
{
    const Expr& arg = *owner.args[index];
    const Type actual = typeOf(arg);
    if (expected == Type::Unknown || actual == Type::Unknown || actual == Type::Null || actual == expected)
        return;
    fail(arg, std::string(ordinal(index)) + " argument of [" + toSource(owner) + "] must be [" + typeName(expected) +
                  "], found " + describe(arg));
}

// Whether Elasticsearch can compare the two types: equal types, and a date, ip or version with a string
// literal it parses; a date also with epoch milliseconds.
bool comparable(Type a, Type b)
{
    if (a == b || a == Type::Unknown || b == Type::Unknown || a == Type::Null || b == Type::Null)
        return true;
    auto pair = [a, b](Type x, Type y) { return (a == x && b == y) || (a == y && b == x); };
    return pair(Type::Date, Type::String) || pair(Type::Date, Type::Numeric) || pair(Type::Ip, Type::String) ||
           pair(Type::Version, Type::String);
}

class Analyser
{
public:
    explicit Analyser(const FieldMappings& mappings) : mappings_(mappings) {}

    void expression(ExprPtr& expr)
    {
        for (auto& arg : expr->args)
            expression(arg);
        switch (expr->kind) {
        case Expr::Kind::Field:
            field(*expr);
            break;
        case Expr::Kind::Call:
            call(*expr);
            break;
        case Expr::Kind::Compare:
            compare(*expr);
            break;
        case Expr::Kind::Arithmetic:
            checkType(*expr, 0, Type::Numeric);
            checkType(*expr, 1, Type::Numeric);
            break;
        case Expr::Kind::Negate:
            checkType(*expr, 0, Type::Numeric);
            break;
        case Expr::Kind::Match:
            match(*expr);
            break;
        case Expr::Kind::In:
            for (std::size_t i = 1; i < expr->args.size(); ++i) {
                rejectField(*expr, *expr->args[i]);
                checkComparable(*expr, *expr->args[0], *expr->args[i], i);
            }
            break;
        default:
            break;
        }
        fold(expr);
    }

    void condition(ExprPtr& expr)
    {
        expression(expr);
        const Type type = typeOf(*expr);
        if (type != Type::Boolean && type != Type::Unknown && type != Type::Null)
            fail(*expr, "condition [" + toSource(*expr) + "] must be boolean, found [" + typeName(type) + "]");
    }

    std::vector<std::string> fields() { return std::move(fields_); }

private:
    void field(Expr& expr)
    {
        expr.path = mappings_.sourcePath(expr.field);
        const FieldMapping* mapping = mappings_.find(expr.field);
        expr.mapping = mapping ? std::make_shared<const FieldMapping>(*mapping) : nullptr;
        fields_.push_back(expr.path);
    }

    void call(Expr& expr)
    {
        bool caseInsensitive = false;
        const FunctionInfo* info = findFunction(expr.name, caseInsensitive);
        if (!info) {
            fail(expr, "unknown function [" + expr.name +
                           "]; EQL functions are add, between, cidrMatch, concat, divide, endsWith, indexOf, "
                           "length, modulo, multiply, number, startsWith, string, stringContains, substring, "
                           "subtract");
        }
        if (caseInsensitive && !info->hasInsensitiveForm)
            fail(expr, "function [" + std::string(info->name) + "] has no case-insensitive form [" + expr.name + "]");
        const std::size_t count = expr.args.size();
        if (count < info->minArgs || count > info->maxArgs) {
            std::string expected = std::to_string(info->minArgs);
            if (info->maxArgs != info->minArgs)
                expected += info->maxArgs == SIZE_MAX ? " or more" : " to " + std::to_string(info->maxArgs);
            fail(expr, "function [" + std::string(info->name) + "] takes " + expected + " arguments, found " +
                           std::to_string(count) + " in [" + toSource(expr) + "]");
        }
        expr.function = info->function;
        expr.caseInsensitive = caseInsensitive;
        const auto types = parameterTypes(info->function);
        for (std::size_t i = 0; i < count && !types.empty(); ++i)
            checkType(expr, i, types[std::min(i, types.size() - 1)]);
        if (info->function == Function::CidrMatch) {
            for (std::size_t i = 1; i < count; ++i) {
                if (!expr.args[i]->isLiteral() || !expr.args[i]->literal.isString())
                    fail(*expr.args[i], std::string(ordinal(i)) + " argument of [" + toSource(expr) +
                                            "] must be a constant string such as \"10.0.0.0/8\"");
            }
        }
    }

    static void rejectField(const Expr& owner, const Expr& operand)
    {
        if (operand.kind == Expr::Kind::Field) {
            fail(operand, "comparisons against fields are not supported; offender [" + toSource(operand) + "] in [" +
                              toSource(owner) + "]; compare the field with a constant");
        }
    }

    static void compare(const Expr& expr)
    {
        // An ?optional field may read as the literal null, so only comparisons of two plain fields are rejected.
        if (expr.args[0]->kind == Expr::Kind::Field && !expr.args[0]->optional && !expr.args[1]->optional)
            rejectField(expr, *expr.args[1]);
        checkComparable(expr, *expr.args[0], *expr.args[1], 1);
    }

    static void checkComparable(const Expr& owner, const Expr& left, const Expr& right, std::size_t index)
    {
        if (!comparable(typeOf(left), typeOf(right))) {
            fail(right, std::string(ordinal(index)) + " argument of [" + toSource(owner) + "] must be [" +
                            expectedName(left) + "], found " + describe(right));
        }
    }

    static void match(Expr& expr)
    {
        const Type subject = typeOf(*expr.args[0]);
        if (subject == Type::Numeric || subject == Type::Boolean) {
            fail(*expr.args[0],
                 "first argument of [" + toSource(expr) + "] must be [string], found " + describe(*expr.args[0]));
        }
        expr.matchers.clear(); // a stage repeated with runs=N shares its expressions
        for (std::size_t i = 1; i < expr.args.size(); ++i) {
            const Expr& pattern = *expr.args[i];
            if (!pattern.isLiteral() || !pattern.literal.isString()) {
                fail(pattern, std::string(ordinal(i)) + " argument of [" + toSource(expr) +
                                  "] must be a constant string, found [" + toSource(pattern) + "]");
            }
            try {
                expr.matchers.push_back(
                    expr.regex ? StringMatcher::regex(pattern.literal.asString(), expr.caseInsensitive)
                               : StringMatcher::wildcard(pattern.literal.asString(), expr.caseInsensitive));
            } catch (const std::invalid_argument& error) {
                fail(pattern, "invalid regular expression [" + pattern.literal.asString() + "]: " + error.what());
            }
        }
    }

    // Replaces an operator or function whose operands are all constants by its value.
    static void fold(ExprPtr& expr)
    {
        if (expr->kind == Expr::Kind::Literal || expr->kind == Expr::Kind::Field || expr->args.empty())
            return;
        for (const auto& arg : expr->args) {
            if (!arg->isLiteral())
                return;
        }
        auto folded = std::make_shared<Expr>();
        folded->kind = Expr::Kind::Literal;
        folded->line = expr->line;
        folded->column = expr->column;
        folded->literal = Evaluator().value(*expr, ecs::Event());
        expr = folded;
    }

    const FieldMappings& mappings_;
    std::vector<std::string> fields_;
};

std::size_t positiveStages(const QueryAst& ast)
{
    return static_cast<std::size_t>(
        std::count_if(ast.stages.begin(), ast.stages.end(), [](const Stage& s) { return !s.missing; }));
}

void checkStructure(const QueryAst& ast)
{
    const bool anyMissing = positiveStages(ast) != ast.stages.size();
    if (anyMissing && !ast.maxspanNs) {
        const Stage& first =
            *std::find_if(ast.stages.begin(), ast.stages.end(), [](const Stage& s) { return s.missing; });
        throw EqlError(first.filter.line, first.filter.column,
                       "a sequence with missing events ![...] needs a maxspan: add with maxspan=... after sequence");
    }
    if (anyMissing && positiveStages(ast) == 0) {
        throw EqlError(ast.stages[0].filter.line, ast.stages[0].filter.column,
                       "a sequence needs at least one stage that is not a missing event");
    }
    const std::size_t keyCount = ast.stages[0].keys.size();
    auto checkKeys = [keyCount](const Stage& stage, const char* what) {
        if (stage.keys.size() != keyCount) {
            throw EqlError(stage.filter.line, stage.filter.column,
                           std::string(what) + " has " + std::to_string(stage.keys.size()) +
                               " join keys but the first stage has " + std::to_string(keyCount) +
                               "; every stage needs the same number of by-keys");
        }
    };
    for (const auto& stage : ast.stages)
        checkKeys(stage, "this stage");
    if (ast.until)
        checkKeys(*ast.until, "the until stage");
}

std::vector<ExprPtr> joinKeys(const QueryAst& ast, const Stage& stage)
{
    std::vector<ExprPtr> keys = ast.keys;
    keys.insert(keys.end(), stage.keys.begin(), stage.keys.end());
    return keys;
}

} // namespace

std::string toSource(const Expr& expr)
{
    static constexpr std::array compareText = {"==", "!=", "<", "<=", ">", ">="};
    static constexpr std::array arithmeticText = {"+", "-", "*", "/", "%"};
    auto arg = [&expr](std::size_t i) { return toSource(*expr.args[i]); };
    auto list = [&expr](std::size_t from) {
        std::string out;
        for (std::size_t i = from; i < expr.args.size(); ++i)
            out += (i > from ? ", " : "") + toSource(*expr.args[i]);
        return out;
    };
    switch (expr.kind) {
    case Expr::Kind::Literal:
        return literalSource(expr.literal);
    case Expr::Kind::Field:
        return (expr.optional ? "?" : "") + expr.field;
    case Expr::Kind::Not:
        return "not " + arg(0);
    case Expr::Kind::And:
        return arg(0) + " and " + arg(1);
    case Expr::Kind::Or:
        return arg(0) + " or " + arg(1);
    case Expr::Kind::Compare:
        return arg(0) + " " + compareText[static_cast<std::size_t>(expr.compareOp)] + " " + arg(1);
    case Expr::Kind::In:
        return arg(0) + " " + expr.name + " (" + list(1) + ")";
    case Expr::Kind::Match:
        return arg(0) + " " + expr.name + " " + (expr.args.size() > 2 ? "(" + list(1) + ")" : arg(1));
    case Expr::Kind::Arithmetic:
        return arg(0) + " " + arithmeticText[static_cast<std::size_t>(expr.arithmeticOp)] + " " + arg(1);
    case Expr::Kind::Negate:
        return "-" + arg(0);
    case Expr::Kind::Call:
        return expr.name + "(" + list(0) + ")";
    }
    return {};
}

AnalysedQuery analyse(QueryAst ast, std::shared_ptr<const FieldMappings> mappings)
{
    if (!mappings)
        mappings = std::make_shared<const FieldMappings>();
    checkStructure(ast);
    Analyser analyser(*mappings);
    for (auto& key : ast.keys)
        analyser.expression(key);
    auto prepareStage = [&analyser](Stage& stage) {
        analyser.condition(stage.filter.condition);
        for (auto& key : stage.keys)
            analyser.expression(key);
    };
    for (auto& stage : ast.stages)
        prepareStage(stage);
    if (ast.until)
        prepareStage(*ast.until);

    AnalysedQuery result;
    for (const auto& stage : ast.stages)
        result.stageKeys.push_back(joinKeys(ast, stage));
    if (ast.until)
        result.untilKeys = joinKeys(ast, *ast.until);
    result.fieldNames = analyser.fields();
    const bool filtersCategory =
        std::any_of(ast.stages.begin(), ast.stages.end(), [](const Stage& s) { return !s.filter.any; });
    if (filtersCategory)
        result.fieldNames.push_back(mappings->sourcePath("event.category"));
    std::sort(result.fieldNames.begin(), result.fieldNames.end());
    result.fieldNames.erase(std::unique(result.fieldNames.begin(), result.fieldNames.end()), result.fieldNames.end());
    result.ast = std::move(ast);
    result.mappings = std::move(mappings);
    return result;
}

} // namespace spoor::eql
