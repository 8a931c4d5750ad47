#pragma once

#include "ecs/value.h"
#include "eql/field_mappings.h"

#include <optional>

namespace spoor::eql {

// Orders a field's value against a query constant by the field's mapped type: dates as instants (parsed
// with the field's format), ip addresses as addresses ("::1" == "0:0:0:0:0:0:0:1"), versions by semantic
// version precedence ("1.11.3" > "1.5.0") and keyword and text values byte-wise. Other types and unmapped
// fields use compareScalars. Returns nullopt when the two cannot be compared.
std::optional<int> compareTyped(const FieldMapping* mapping, const ecs::Value& fieldValue, const ecs::Value& constant);

// Orders two version strings as Elasticsearch's version field does: numeric dot-separated parts, a
// pre-release ("1.0.0-beta") before its release, and strings that are not versions after every version,
// byte-wise among themselves. Build metadata after '+' is compared byte-wise last.
int compareVersions(std::string_view a, std::string_view b);

// Returns the join-key form of a value of a typed field: a date becomes an ISO-8601 string with
// milliseconds (nanoseconds for date_nanos), or epoch milliseconds when `epochMillis` is set, as
// Elasticsearch returns sample keys; an ip address becomes its canonical text. Other values are returned
// unchanged.
ecs::Value keyValue(const FieldMapping* mapping, const ecs::Value& value, bool epochMillis);

} // namespace spoor::eql
