#pragma once

#include "models/event_filter.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace spoor::ui {

class JobRunner;
class JobStatusWidget;

// The EQL filter bar above the event table. The text is an event query, a sequence or sample query, or a
// bare condition (read as `any where CONDITION`). It is parsed and analysed on every edit, never run: the
// frame and the leading icon show whether it is valid, and an invalid filter's message names the line
// and column, which are also underlined in the text. Enter applies a valid or empty filter through
// applyRequested(). Up and Down walk the history of applied filters, and a menu saves, applies and
// deletes named filters. History and saved filters are kept in QSettings under "filterBar/".
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int maxHistory = 50;

    // Shows the progress of `jobs`, the runner that applies filters, with its Cancel button.
    explicit FilterBar(JobRunner* jobs, QWidget* parent = nullptr);

    QLineEdit* lineEdit() const { return edit_; }
    QLabel* messageLabel() const { return message_; }
    QMenu* savedFiltersMenu() const { return savedMenu_; }
    JobStatusWidget* jobStatus() const { return status_; }

    QString text() const;
    // Replaces the text and validates it; does not apply it.
    void setText(const QString& text);
    const FilterValidation& validation() const { return validation_; }

    // Describes the filter the views show: its label and how many of the case's events it keeps, or
    // nothing when none is applied.
    void showActiveFilter(const QString& label, qint64 shown, qint64 total);
    void clearActiveFilter();
    QString activeFilterText() const;

    QStringList history() const;
    // Saved filters as (name, filter text), in name order.
    QList<QPair<QString, QString>> savedFilters() const;
    void saveFilter(const QString& name, const QString& filter);
    void deleteSavedFilter(const QString& name);

    // Validates and applies the current text when it is valid or empty (clears the filter).
    void apply();

signals:
    // A valid filter to apply; an empty text clears the filter.
    void applyRequested(const QString& filter);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void validate();
    void showValidation();
    void underline(int position, int length);
    void addToHistory(const QString& filter);
    void stepHistory(int direction);
    void rebuildSavedMenu();
    void askSaveName();

    QLineEdit* edit_;
    QAction* stateIcon_;
    QToolButton* savedButton_;
    QMenu* savedMenu_;
    QLabel* message_;
    QLabel* active_;
    JobStatusWidget* status_;
    FilterValidation validation_;
    int historyPosition_ = -1; // index into history() while walking it, -1 when editing
    QString draft_;            // the text typed before walking the history
};

} // namespace spoor::ui
