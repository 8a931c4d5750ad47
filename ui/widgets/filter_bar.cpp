#include "widgets/filter_bar.h"

#include "jobs/job_runner.h"
#include "plain_tool_tip.h"
#include "widgets/job_status_widget.h"

#include <QAction>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QTextCharFormat>
#include <QToolButton>
#include <QVBoxLayout>

namespace spoor::ui {

namespace {

const QLatin1String historyKey("filterBar/history");
const QLatin1String savedKey("filterBar/saved");

// Frame colours of the three states; the empty state keeps the style's own frame.
const QLatin1String validStyle("QLineEdit { border: 2px solid #2e8b57; border-radius: 3px; padding: 1px; }");
const QLatin1String invalidStyle("QLineEdit { border: 2px solid #c0392b; border-radius: 3px; padding: 1px; }");

// Returns the length of the token at a position: up to the next space, at least one character.
int tokenLength(const QString& text, int position)
{
    int end = position;
    while (end < text.size() && !text.at(end).isSpace())
        ++end;
    return std::max(1, end - position);
}

} // namespace

FilterBar::FilterBar(JobRunner* jobs, QWidget* parent)
    : QWidget(parent), edit_(new QLineEdit(this)), savedButton_(new QToolButton(this)), savedMenu_(new QMenu(this)),
      message_(new QLabel(this)), active_(new QLabel(this)), status_(new JobStatusWidget(jobs, this))
{
    edit_->setObjectName(QStringLiteral("filterEdit"));
    edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit_->setPlaceholderText(tr("Filter: an EQL condition or query, e.g. process.name == \"sshd\" — Enter applies"));
    edit_->setClearButtonEnabled(true);
    edit_->installEventFilter(this);
    stateIcon_ = edit_->addAction(QIcon(), QLineEdit::LeadingPosition);
    stateIcon_->setVisible(false);

    savedButton_->setText(tr("Saved"));
    savedButton_->setToolTip(tr("Save the current filter, apply or delete a saved one"));
    savedButton_->setPopupMode(QToolButton::InstantPopup);
    savedButton_->setMenu(savedMenu_);

    message_->setObjectName(QStringLiteral("filterMessage"));
    message_->setTextFormat(Qt::PlainText); // parser messages quote the filter's text
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->setWordWrap(true);
    message_->hide();
    active_->setObjectName(QStringLiteral("activeFilter"));
    active_->setTextFormat(Qt::PlainText); // the filter is the analyst's EQL, with quotes and comparisons
    active_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit_, 1);
    row->addWidget(savedButton_);
    row->addWidget(status_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(message_);
    layout->addWidget(active_);
    clearActiveFilter();

    connect(edit_, &QLineEdit::textEdited, this, [this] {
        historyPosition_ = -1;
        validate();
    });
    connect(edit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        // The clear button empties the text without an edit signal; an empty filter shows every event.
        if (text.isEmpty() && !activeFilterText().isEmpty())
            apply();
        else if (text.isEmpty())
            validate();
    });
    connect(edit_, &QLineEdit::returnPressed, this, &FilterBar::apply);
    rebuildSavedMenu();
}

QString FilterBar::text() const
{
    return edit_->text();
}

void FilterBar::setText(const QString& text)
{
    edit_->setText(text);
    historyPosition_ = -1;
    validate();
}

void FilterBar::validate()
{
    validation_ = validateFilter(edit_->text());
    showValidation();
}

void FilterBar::showValidation()
{
    switch (validation_.state) {
    case FilterValidation::State::Empty:
        edit_->setStyleSheet(QString());
        stateIcon_->setVisible(false);
        message_->hide();
        underline(0, 0);
        break;
    case FilterValidation::State::Valid:
        edit_->setStyleSheet(validStyle);
        stateIcon_->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
        stateIcon_->setToolTip(validation_.bareCondition ? tr("Valid condition, read as “any where …”")
                                                         : tr("Valid query"));
        stateIcon_->setVisible(true);
        message_->hide();
        underline(0, 0);
        break;
    case FilterValidation::State::Invalid:
        edit_->setStyleSheet(invalidStyle);
        stateIcon_->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
        stateIcon_->setToolTip(plainToolTip(validation_.message));
        stateIcon_->setVisible(true);
        message_->setText(
            tr("Line %1, column %2: %3").arg(validation_.line).arg(validation_.column).arg(validation_.message));
        message_->show();
        const int position = std::min<int>(validation_.position, std::max<int>(0, int(edit_->text().size()) - 1));
        underline(position, tokenLength(edit_->text(), position));
        break;
    }
}

void FilterBar::underline(int position, int length)
{
    // QLineEdit draws the formats of an input method's pre-edit text; an event with no pre-edit and no
    // commit string changes nothing but those formats.
    QList<QInputMethodEvent::Attribute> attributes;
    if (length > 0) {
        QTextCharFormat format;
        format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        format.setUnderlineColor(QColor(0xc0, 0x39, 0x2b));
        attributes.append(QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat,
                                                       position - edit_->cursorPosition(), length, format));
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(edit_, &event);
}

void FilterBar::apply()
{
    validate();
    if (validation_.state == FilterValidation::State::Invalid) {
        edit_->setFocus();
        edit_->setCursorPosition(validation_.position);
        return;
    }
    const QString filter = edit_->text().trimmed();
    if (!filter.isEmpty())
        addToHistory(filter);
    historyPosition_ = -1;
    emit applyRequested(filter);
}

void FilterBar::showActiveFilter(const QString& label, qint64 shown, qint64 total)
{
    active_->setProperty("filter", label);
    active_->setText(
        tr("Showing %1 of %2 events: %3").arg(QLocale().toString(shown), QLocale().toString(total), label));
    active_->setToolTip(plainToolTip(label));
    active_->show();
}

void FilterBar::clearActiveFilter()
{
    active_->setProperty("filter", QString());
    active_->clear();
    active_->hide();
}

QString FilterBar::activeFilterText() const
{
    return active_->property("filter").toString();
}

QStringList FilterBar::history() const
{
    return QSettings().value(historyKey).toStringList();
}

void FilterBar::addToHistory(const QString& filter)
{
    QStringList entries = history();
    entries.removeAll(filter);
    entries.prepend(filter);
    while (entries.size() > maxHistory)
        entries.removeLast();
    QSettings().setValue(historyKey, entries);
}

void FilterBar::stepHistory(int direction)
{
    const QStringList entries = history();
    if (entries.isEmpty())
        return;
    if (historyPosition_ < 0)
        draft_ = edit_->text();
    const int next = std::clamp(historyPosition_ + direction, -1, int(entries.size()) - 1);
    historyPosition_ = next;
    edit_->setText(next < 0 ? draft_ : entries.at(next));
    validate();
}

bool FilterBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == edit_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Up) {
            stepHistory(+1);
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            stepHistory(-1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QList<QPair<QString, QString>> FilterBar::savedFilters() const
{
    QList<QPair<QString, QString>> filters;
    const QVariantMap saved = QSettings().value(savedKey).toMap();
    for (auto it = saved.begin(); it != saved.end(); ++it)
        filters.append({it.key(), it.value().toString()});
    return filters;
}

void FilterBar::saveFilter(const QString& name, const QString& filter)
{
    QVariantMap saved = QSettings().value(savedKey).toMap();
    saved.insert(name, filter);
    QSettings().setValue(savedKey, saved);
    rebuildSavedMenu();
}

void FilterBar::deleteSavedFilter(const QString& name)
{
    QVariantMap saved = QSettings().value(savedKey).toMap();
    saved.remove(name);
    QSettings().setValue(savedKey, saved);
    rebuildSavedMenu();
}

void FilterBar::askSaveName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save filter"), tr("Name of the filter:"), QLineEdit::Normal,
                                               edit_->text().left(40), &ok);
    if (ok && !name.trimmed().isEmpty())
        saveFilter(name.trimmed(), edit_->text().trimmed());
}

void FilterBar::rebuildSavedMenu()
{
    savedMenu_->clear();
    // clear() deletes the actions but not the "Delete" submenu of the previous build.
    qDeleteAll(savedMenu_->findChildren<QMenu*>(Qt::FindDirectChildrenOnly));
    QAction* save = savedMenu_->addAction(tr("Save current filter…"), this, &FilterBar::askSaveName);
    save->setEnabled(validation_.state == FilterValidation::State::Valid);
    connect(savedMenu_, &QMenu::aboutToShow, save,
            [this, save] { save->setEnabled(validation_.state == FilterValidation::State::Valid); });
    const auto filters = savedFilters();
    if (filters.isEmpty())
        return;
    savedMenu_->addSeparator();
    QMenu* remove = new QMenu(tr("Delete"), savedMenu_);
    for (const auto& [name, filter] : filters) {
        QAction* apply = savedMenu_->addAction(name, this, [this, filter = filter] {
            setText(filter);
            this->apply();
        });
        apply->setToolTip(plainToolTip(filter));
        remove->addAction(name, this, [this, name = name] { deleteSavedFilter(name); });
    }
    savedMenu_->addSeparator();
    savedMenu_->addMenu(remove);
}

} // namespace spoor::ui
