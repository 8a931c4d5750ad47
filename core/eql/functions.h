#pragma once

#include "ecs/value.h"
#include "eql/ast.h"

#include <optional>
#include <span>
#include <string_view>

namespace spoor::eql {

// The signature of an EQL function, for the analyser.
struct FunctionInfo
{
    Function function;
    std::string_view name; // canonical spelling
    std::size_t minArgs;
    std::size_t maxArgs; // SIZE_MAX: variadic
    bool hasInsensitiveForm;
};

// Looks a function up by name, ignoring case; a trailing "~" selects the case-insensitive form and is
// reported through `caseInsensitive`. Returns nullptr for an unknown name.
const FunctionInfo* findFunction(std::string_view name, bool& caseInsensitive);

// Applies a function to scalar arguments (arrays are expanded by the caller). Returns null when a
// required argument is null or the result is undefined (division by zero), as Elasticsearch does.
ecs::Value callFunction(Function function, bool caseInsensitive, std::span<const ecs::Value> args);

// Applies an arithmetic operator with Java's long and double semantics: integer overflow wraps, integer
// division truncates and % keeps the sign of the dividend. Returns null for a null operand, a non-number or
// an integer division by zero.
ecs::Value applyArithmetic(ArithmeticOp op, const ecs::Value& a, const ecs::Value& b);

} // namespace spoor::eql
