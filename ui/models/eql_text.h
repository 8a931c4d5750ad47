#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace spoor::ui {

// Returns an EQL string literal for the text: double quotes with backslash escapes for '"', '\\', the
// control characters \n, \r, \t, \b, \f and \u{...} for the other characters below U+0020.
QString eqlString(const QString& text);

// Returns a field reference for a dotted path: the path itself when every part is an EQL identifier that
// is not a reserved word, else the whole path in backquotes (a backquote inside is doubled).
QString eqlField(const QString& path);

// Returns an EQL literal for a value: `null` for an invalid QVariant, `true`/`false` for booleans, the
// number unquoted for integers and finite doubles, a string literal otherwise.
QString eqlLiteral(const QVariant& value);

// Returns the condition that keeps events whose field equals (filter in) or differs from (filter out)
// the value. A null value gives `field == null` and `field != null`. A QStringList of several values
// (a multi-valued field) filters in events that have every one of them and filters out the others.
QString filterInCondition(const QString& field, const QVariant& value);
QString filterOutCondition(const QString& field, const QVariant& value);

// Returns the current filter narrowed by a condition: the condition alone when the filter is empty,
// otherwise "FILTER and CONDITION", with the filter bracketed when it contains `or`. An event query
// (`process where ...`) gets the condition appended to its where clause. A sequence, a sample or a query
// with pipes cannot be narrowed this way and comes back unchanged, so callers check canNarrow() first.
QString narrowFilter(const QString& filter, const QString& condition);
bool canNarrow(const QString& filter);

} // namespace spoor::ui
