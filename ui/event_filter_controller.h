#pragma once

#include "models/event_filter.h"
#include "models/surrounding_events.h"

#include <QObject>
#include <QPoint>
#include <QString>
#include <QVariant>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

class QMenu;
class QTableView;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class EventDetailView;
class EventTableModel;
class FilterBar;
class JobRunner;
class ProcessTreeModel;

// The views that an event filter narrows, and the bar that edits it.
struct FilterTargets
{
    FilterBar* bar = nullptr;
    QTableView* events = nullptr;
    EventTableModel* eventsModel = nullptr;
    ProcessTreeModel* processModel = nullptr;
    EventDetailView* detail = nullptr;              // its field menu and links act on the filter
    std::function<void(EventIdSet)> timelineFilter; // may be empty
    // Adds entries for the event under the mouse to the table's context menu; may be empty.
    std::function<void(QMenu&, std::int64_t)> extendEventMenu;
};

// Applies event filters to the table, the process tree and the timeline together. An EQL filter runs as a
// background job with its own connection, on a JobRunner of its own so that it never cancels an import.
// "Surrounding events" and "All events of this process" are filters too, with a readable label, so clearing
// restores every event. The selected event stays selected across a filter change when the filter keeps it. The
// controller also owns the table's context menus (filter in and out, copy, surrounding events, column choice) and keeps
// the chosen columns and their widths per case in QSettings.
class EventFilterController : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultSurroundingCount = 20;

    // Filters run on `jobs`, which should run nothing else: starting a job cancels the previous one.
    EventFilterController(FilterTargets targets, JobRunner* jobs, QObject* parent = nullptr);
    ~EventFilterController() override;

    // Uses a new case (nullptr: none): clears the filter and restores the case's column layout.
    void setCase(std::shared_ptr<store::CaseFile> caseFile, const QString& casePath);

    // Runs an EQL filter in the background; an empty text clears the filter.
    void applyFilter(const QString& filter);
    void clearFilter();
    // Shows a set of events (sorted ids) as a filter named by `label`; keeps `selectEvent` selected.
    void applyEventSet(const QString& label, std::vector<std::int64_t> events, std::int64_t selectEvent = 0);

    // Narrows the filter bar's filter by `field == value` or `field != value` and applies it.
    void filterOnValue(const QString& field, const QVariant& value, bool exclude);

    // Shows the events around one event on its host or of its process.
    void showSurroundingEvents(std::int64_t eventId, SurroundingScope scope);
    // Shows every event of the event's process (a filter on process.entity_id, else host.id and pid).
    void showProcessEvents(std::int64_t eventId);
    // Selects the event that started the parent of the event's process, clearing a filter that hides it.
    void showParentEvent(std::int64_t eventId);

    int surroundingCount() const;
    void setSurroundingCount(int count);

    JobRunner* jobs() const { return jobs_; }
    bool isFiltering() const;
    QString activeLabel() const { return activeLabel_; }

signals:
    // A filter was applied (label empty: the filter was cleared) and the table shows its events.
    void filterChanged(const QString& label, qint64 events);
    void filterFailed(const QString& message);

private:
    void finishFilter(const FilterResult& result);
    void showFilter(const QString& label, EventIdSet events, std::optional<std::vector<std::int64_t>> processes);
    void tableLoaded();
    void selectEvent(std::int64_t eventId);
    std::int64_t currentEventId() const;
    void showTableMenu(const QPoint& position);
    void showHeaderMenu(const QPoint& position);
    void keepSortable(int column, Qt::SortOrder order);
    QString columnsKey() const;
    void restoreColumns();
    void saveColumns();

    FilterTargets targets_;
    JobRunner* jobs_;
    std::shared_ptr<store::CaseFile> case_;
    QString casePath_;
    QString activeLabel_;
    std::int64_t pendingSelection_ = 0; // selected again once the table has loaded its new rows
    qint64 totalEvents_ = -1;           // events of the case, known once the unfiltered table has loaded
    QByteArray defaultColumns_;
    bool restoringColumns_ = false;
};

} // namespace spoor::ui
