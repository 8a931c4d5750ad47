#pragma once

#include <QDialog>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// A non-modal list of the lines and documents an import rejected: file, line, reason, field and message.
class ImportErrorsDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int maxListed = 1000;

    ImportErrorsDialog(const store::Database& db, QWidget* parent = nullptr);
};

} // namespace spoor::ui
