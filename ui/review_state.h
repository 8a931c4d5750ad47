#pragma once

#include <QColor>
#include <QIcon>
#include <QString>
#include <optional>
#include <string>

namespace spoor::ui {

// A finding's verdict as the views show it. The order matters: a process that belongs to several
// findings shows the highest state, so one malicious finding is never hidden behind benign ones.
enum class ReviewState { Benign, Unreviewed, Malicious };

// Maps findings.verdict ("benign", "malicious" or NULL) to a state; any other text is Unreviewed.
ReviewState reviewState(const std::optional<std::string>& verdict);
ReviewState reviewState(const QString& verdict);

// Badge colours: green for benign, orange for unreviewed (the colour of step marks), red for malicious.
QColor reviewColor(ReviewState state);
// A filled circle of reviewColor, 12 pixels wide.
QIcon reviewIcon(ReviewState state);
// "benign", "unreviewed" or "malicious", translated.
QString reviewText(ReviewState state);

} // namespace spoor::ui
