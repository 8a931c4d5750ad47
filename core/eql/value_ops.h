#pragma once

#include "ecs/value.h"

#include <optional>
#include <string_view>

namespace spoor::eql {

// Orders two scalar values: numbers numerically, strings byte-wise, booleans false < true. A string that
// parses as a number is compared with a number numerically, because keyword and numeric fields meet in the
// same query. Two ISO-8601 date strings compare as instants, and a date string compares with a number as
// epoch milliseconds, as with Elasticsearch date fields. Returns nullopt when the values cannot be compared (null,
// different types).
std::optional<int> compareScalars(const ecs::Value& a, const ecs::Value& b);

// Equality under compareScalars, optionally ignoring ASCII case for strings.
bool scalarsEqual(const ecs::Value& a, const ecs::Value& b, bool caseInsensitive = false);

// Parses the whole text as a decimal integer or floating-point number (no spaces, no hex). Returns nullopt
// when it is not a number.
std::optional<ecs::Value> parseNumber(std::string_view text);

// True for null and for arrays whose elements are all null (including the empty array): the values that
// Elasticsearch does not index, so a field holding them does not exist.
bool isAbsent(const ecs::Value* value);

} // namespace spoor::eql
