#include "widgets/import_errors_dialog.h"

#include "logging.h"
#include "sql_text.h"
#include "store/database.h"
#include "store/statement.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace spoor::ui {

namespace {

QString listErrors(const store::Database& db)
{
    auto select = db.prepare("SELECT s.path, ie.line, ie.reason, ie.field, ie.message FROM import_errors ie"
                             " JOIN sources s ON s.id = ie.source_id ORDER BY ie.source_id, ie.line, ie.id LIMIT ?");
    select.bind(1, ImportErrorsDialog::maxListed);
    QStringList lines;
    while (select.step()) {
        const QString file = QFileInfo(textColumn(select, 0)).fileName();
        const QString line = select.isNull(1) ? QString() : QLatin1Char(':') + QString::number(select.int64(1));
        const QString field = select.isNull(3) ? QString() : QStringLiteral(" [%1]").arg(textColumn(select, 3));
        lines.append(file % line % QLatin1String(": ") % textColumn(select, 2) % field % QLatin1String(": ") %
                     textColumn(select, 4));
    }
    return lines.join(QLatin1Char('\n'));
}

qint64 countErrors(const store::Database& db)
{
    auto count = db.prepare("SELECT count(*) FROM import_errors");
    count.step();
    return count.int64(0);
}

} // namespace

ImportErrorsDialog::ImportErrorsDialog(const store::Database& db, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Rejected lines"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto* summary = new QLabel(this);
    auto* text = new QPlainTextEdit(this);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    try {
        const qint64 total = countErrors(db);
        summary->setText(
            total > maxListed
                ? tr("The first %1 of %2 rejected lines:").arg(QLocale().toString(maxListed), QLocale().toString(total))
                : tr("Rejected lines: %1").arg(QLocale().toString(total)));
        text->setPlainText(listErrors(db));
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read the import errors:" << error.what();
        summary->setText(tr("Cannot read the rejected lines: %1").arg(QString::fromUtf8(error.what())));
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    resize(820, 420);
}

} // namespace spoor::ui
