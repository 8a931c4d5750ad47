#pragma once

#include <QString>

namespace spoor::ui {

// Returns text as a tool tip that shows it literally. QToolTip renders any text that Qt::mightBeRichText()
// accepts as HTML, and event fields, file names and rule text may contain tags. An empty text stays empty, so
// that no tool tip appears.
QString plainToolTip(const QString& text);

} // namespace spoor::ui
