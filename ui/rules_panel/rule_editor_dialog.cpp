#include "rules_panel/rule_editor_dialog.h"

#include "eql/eql_error.h"
#include "eql/query.h"
#include "plain_tool_tip.h"
#include "rules/rule_edit.h"
#include "rules/rule_error.h"
#include "rules_panel/eql_highlighter.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>
#include <algorithm>

namespace spoor::ui {

namespace {

// The pause after the last key press before the query is validated again.
constexpr int validationDelayMs = 250;

} // namespace

EqlValidation validateEql(const QString& query)
{
    EqlValidation validation;
    try {
        eql::Query::parse(query.toStdString());
        validation.valid = true;
    } catch (const eql::EqlError& error) {
        validation.line = error.line();
        validation.column = error.column();
        validation.message = QString::fromStdString(error.message());
    }
    return validation;
}

RuleEditorDialog::RuleEditorDialog(rules::Rule rule, QWidget* parent)
    : QDialog(parent), rule_(std::move(rule)), editor_(new QPlainTextEdit(this)),
      highlighter_(new EqlHighlighter(editor_->document())), status_(new QLabel(this)),
      runButton_(new QPushButton(tr("&Run as new version"), this))
{
    setWindowTitle(
        tr("Edit query — %1 (%2)").arg(QString::fromStdString(rule_.name), QString::fromStdString(rule_.updatedDate)));
    editor_->setObjectName(QStringLiteral("queryEditor"));
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor_->setPlainText(QString::fromStdString(rule_.query));
    status_->setObjectName(QStringLiteral("validationStatus"));
    status_->setTextFormat(Qt::PlainText); // parser messages quote the query's text
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    runButton_->setToolTip(tr("Run the edited query over the case as a new version of the rule; the findings of "
                              "each version are listed apart"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(runButton_, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(runButton_, &QPushButton::clicked, this, &RuleEditorDialog::requestRun);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(editor_, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    resize(900, 420);

    validationTimer_.setSingleShot(true);
    validationTimer_.setInterval(validationDelayMs);
    connect(&validationTimer_, &QTimer::timeout, this, &RuleEditorDialog::validateNow);
    connect(editor_, &QPlainTextEdit::textChanged, this, [this] {
        runButton_->setEnabled(false);
        validationTimer_.start();
    });
    validateNow();
}

void RuleEditorDialog::validateNow()
{
    validationTimer_.stop();
    const QString text = editor_->toPlainText();
    validation_ = validateEql(text);
    status_->setText(statusText());
    const QColor color = validation_.valid ? QColor(0x2e, 0x8b, 0x57) : QColor(0xc0, 0x20, 0x20);
    status_->setStyleSheet(QStringLiteral("color: %1").arg(color.name()));
    runButton_->setEnabled(validation_.valid && text.toStdString() != rule_.query);
    underlineError();
}

QString RuleEditorDialog::statusText() const
{
    if (validation_.valid)
        return tr("Valid EQL.");
    return tr("Line %1, column %2: %3").arg(validation_.line).arg(validation_.column).arg(validation_.message);
}

void RuleEditorDialog::underlineError()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QTextBlock block = editor_->document()->findBlockByNumber(validation_.line - 1);
    if (!validation_.valid && block.isValid()) {
        // The error column counts characters from 1; the mark covers the word that starts there, or the last
        // character of the line when the error is at its end (an unexpected end of input).
        const QString line = block.text();
        int start = std::clamp(validation_.column - 1, 0, static_cast<int>(line.size()));
        int end = start;
        while (end < line.size() && !line.at(end).isSpace())
            ++end;
        if (end == start && start > 0)
            --start;
        if (end == start && end < line.size())
            ++end;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(block);
        selection.cursor.setPosition(block.position() + start);
        selection.cursor.setPosition(block.position() + end, QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(QColor(0xe0, 0x20, 0x20));
        selection.format.setToolTip(plainToolTip(validation_.message));
        selections.append(selection);
    }
    editor_->setExtraSelections(selections);
}

rules::Rule RuleEditorDialog::editedRule(const QString& versionLabel) const
{
    return rules::editedCopy(rule_, editor_->toPlainText().toStdString(), versionLabel.toStdString());
}

void RuleEditorDialog::requestRun()
{
    validateNow();
    if (!runButton_->isEnabled())
        return;
    const QString label =
        tr("edited %1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    try {
        emit runRequested(editedRule(label));
    } catch (const rules::RuleError& error) {
        status_->setText(tr("Cannot make the edited copy: %1").arg(QString::fromUtf8(error.what())));
    }
}

} // namespace spoor::ui
