#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace spoor::ui {

// Help > Keyboard shortcuts: every action of the menu bar that has a shortcut, with its menu, name and
// keys. The list is read from the menus when the dialog opens, so it always matches the actions.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QMenuBar& menuBar, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }

private:
    QTableWidget* table_;
};

} // namespace spoor::ui
