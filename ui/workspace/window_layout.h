#pragma once

class QMainWindow;

namespace spoor::ui {

// Stores the window's geometry, its dock and toolbar state, and the sizes of every named QSplitter and
// the column widths of every named QHeaderView in it, in QSettings under "window/".
void saveWindowLayout(const QMainWindow& window);

// Restores what saveWindowLayout stored; a value that is missing or does not apply is left as it is.
void restoreWindowLayout(QMainWindow& window);

} // namespace spoor::ui
