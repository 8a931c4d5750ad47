#include "workspace/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace spoor::ui {

namespace {

QString plainText(QString text)
{
    text.remove(QLatin1Char('&'));
    text.remove(QStringLiteral("…"));
    return text;
}

void addRows(QTableWidget& table, const QMenu& menu, const QString& path)
{
    for (QAction* action : menu.actions()) {
        if (action->menu()) {
            addRows(table, *action->menu(), path + QStringLiteral(" › ") + plainText(action->text()));
            continue;
        }
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty())
            continue;
        QStringList texts;
        for (const QKeySequence& key : keys)
            texts.append(key.toString(QKeySequence::NativeText));
        const int row = table.rowCount();
        table.insertRow(row);
        table.setItem(row, 0, new QTableWidgetItem(path));
        table.setItem(row, 1, new QTableWidgetItem(plainText(action->text())));
        table.setItem(row, 2, new QTableWidgetItem(texts.join(QStringLiteral(", "))));
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar& menuBar, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(0, 3, this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    table_->setObjectName(QStringLiteral("shortcuts"));
    table_->setHorizontalHeaderLabels({tr("Menu"), tr("Action"), tr("Keys")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    for (QAction* action : menuBar.actions()) {
        if (action->menu())
            addRows(*table_, *action->menu(), plainText(action->text()));
    }
    table_->resizeColumnsToContents();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace spoor::ui
