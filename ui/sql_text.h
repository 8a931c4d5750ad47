#pragma once

#include "store/statement.h"

#include <QString>
#include <QVariant>
#include <optional>

namespace spoor::ui {

// Returns a text column of the current row as a QString; NULL gives an empty string.
inline QString textColumn(const store::Statement& statement, int column)
{
    const std::string_view text = statement.textView(column);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Returns an optional integer as a QVariant: invalid for nullopt, qint64 otherwise.
inline QVariant optionalVariant(const std::optional<std::int64_t>& value)
{
    return value ? QVariant::fromValue<qint64>(*value) : QVariant();
}

} // namespace spoor::ui
