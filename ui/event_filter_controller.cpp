#include "event_filter_controller.h"

#include "analysis/process_tree.h"
#include "jobs/job_runner.h"
#include "logging.h"
#include "models/eql_text.h"
#include "models/event_table_model.h"
#include "models/process_tree_model.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "widgets/event_detail_view.h"
#include "widgets/filter_bar.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableView>

namespace spoor::ui {

namespace {

const QLatin1String surroundingKey("eventTable/surroundingCount");

QString elided(const QString& text)
{
    return text.size() > 60 ? text.left(57) + QStringLiteral("…") : text;
}

} // namespace

EventFilterController::EventFilterController(FilterTargets targets, JobRunner* jobs, QObject* parent)
    : QObject(parent), targets_(std::move(targets)), jobs_(jobs)
{
    QTableView* table = targets_.events;
    QHeaderView* header = table->horizontalHeader();
    // The indicator first: enabling sorting sorts by the indicator, which is descending by default.
    header->setSortIndicator(targets_.eventsModel->sortColumn(), targets_.eventsModel->sortOrder());
    table->setSortingEnabled(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    defaultColumns_ = header->saveState();

    connect(targets_.bar, &FilterBar::applyRequested, this, &EventFilterController::applyFilter);
    connect(targets_.eventsModel, &EventTableModel::loaded, this, &EventFilterController::tableLoaded);
    connect(table, &QWidget::customContextMenuRequested, this, &EventFilterController::showTableMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &EventFilterController::showHeaderMenu);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &EventFilterController::keepSortable);
    connect(header, &QHeaderView::sectionResized, this, &EventFilterController::saveColumns);
    connect(header, &QHeaderView::sectionMoved, this, &EventFilterController::saveColumns);
    connect(jobs_, &JobRunner::failed, this, [this](JobRunner::JobId, const QString&, const QString& message) {
        qCWarning(lcMainWindow) << "filter failed:" << message;
        emit filterFailed(message);
    });

    if (EventDetailView* detail = targets_.detail) {
        connect(detail, &EventDetailView::fieldFilterRequested, this, &EventFilterController::filterOnValue);
        connect(detail, &EventDetailView::parentEventRequested, this, &EventFilterController::showParentEvent);
        connect(detail, &EventDetailView::processEventsRequested, this, &EventFilterController::showProcessEvents);
    }
}

EventFilterController::~EventFilterController() = default;

void EventFilterController::setCase(std::shared_ptr<store::CaseFile> caseFile, const QString& casePath)
{
    jobs_->cancel();
    case_ = std::move(caseFile);
    casePath_ = casePath;
    activeLabel_.clear();
    totalEvents_ = -1;
    pendingSelection_ = 0;
    targets_.bar->clearActiveFilter();
    targets_.processModel->setEventFilterProcesses(std::nullopt);
    if (targets_.timelineFilter)
        targets_.timelineFilter(nullptr);
    restoreColumns();
}

bool EventFilterController::isFiltering() const
{
    return jobs_->isRunning();
}

void EventFilterController::applyFilter(const QString& filter)
{
    if (!case_)
        return;
    if (filter.trimmed().isEmpty()) {
        clearFilter();
        return;
    }
    const QString casePath = casePath_;
    jobs_->start<FilterResult>(
        tr("Filtering %1").arg(elided(filter.simplified())),
        [casePath, filter](JobContext& context) { return runEventFilterOnCase(casePath, filter, context); },
        [this](FilterResult result) { finishFilter(result); });
}

void EventFilterController::finishFilter(const FilterResult& result)
{
    if (result.cancelled) {
        qCInfo(lcMainWindow) << "filter cancelled after" << result.candidatesRead << "candidate events";
        return;
    }
    qCInfo(lcMainWindow) << "filter" << result.filter << "kept" << result.events->size() << "events of"
                         << result.candidatesRead << "candidates";
    showFilter(result.label, result.events, result.processes);
}

void EventFilterController::clearFilter()
{
    jobs_->cancel();
    if (activeLabel_.isEmpty())
        return;
    showFilter(QString(), nullptr, std::nullopt);
}

void EventFilterController::applyEventSet(const QString& label, std::vector<std::int64_t> events,
                                          std::int64_t selectEvent)
{
    if (!case_)
        return;
    jobs_->cancel();
    std::sort(events.begin(), events.end());
    std::vector<std::int64_t> processes;
    try {
        processes = processesOfEvents(case_->db(), events);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot find the processes of" << label << ":" << error.what();
    }
    showFilter(label, std::make_shared<const std::vector<std::int64_t>>(std::move(events)), std::move(processes));
    if (selectEvent != 0)
        pendingSelection_ = selectEvent;
}

void EventFilterController::showFilter(const QString& label, EventIdSet events,
                                       std::optional<std::vector<std::int64_t>> processes)
{
    activeLabel_ = label;
    pendingSelection_ = currentEventId();
    targets_.eventsModel->setEventFilter(events);
    targets_.processModel->setEventFilterProcesses(std::move(processes));
    if (targets_.timelineFilter)
        targets_.timelineFilter(events);
    if (!events)
        targets_.bar->clearActiveFilter();
}

void EventFilterController::tableLoaded()
{
    const qint64 shown = targets_.eventsModel->rowCount();
    if (!targets_.eventsModel->eventFilter())
        totalEvents_ = shown;
    if (!activeLabel_.isEmpty())
        targets_.bar->showActiveFilter(activeLabel_, shown, totalEvents_);
    if (pendingSelection_ != 0)
        selectEvent(std::exchange(pendingSelection_, 0));
    emit filterChanged(activeLabel_, shown);
}

void EventFilterController::selectEvent(std::int64_t eventId)
{
    const int row = targets_.eventsModel->rowOfEvent(eventId);
    if (row < 0)
        return;
    const QModelIndex index = targets_.eventsModel->index(row, 0);
    targets_.events->selectionModel()->setCurrentIndex(index,
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    targets_.events->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

std::int64_t EventFilterController::currentEventId() const
{
    const QModelIndex current = targets_.events->currentIndex();
    return current.isValid() ? targets_.eventsModel->eventId(current.row()) : 0;
}

void EventFilterController::filterOnValue(const QString& field, const QVariant& value, bool exclude)
{
    const QString condition = exclude ? filterOutCondition(field, value) : filterInCondition(field, value);
    const QString current = targets_.bar->activeFilterText().isEmpty() ? QString() : targets_.bar->text();
    // A sequence or a filter with pipes cannot be narrowed by appending a condition; the value starts anew.
    const QString filter = canNarrow(current) ? narrowFilter(current, condition) : condition;
    targets_.bar->setText(filter);
    targets_.bar->apply();
}

int EventFilterController::surroundingCount() const
{
    return std::max(1, QSettings().value(surroundingKey, defaultSurroundingCount).toInt());
}

void EventFilterController::setSurroundingCount(int count)
{
    QSettings().setValue(surroundingKey, std::max(1, count));
}

void EventFilterController::showSurroundingEvents(std::int64_t eventId, SurroundingScope scope)
{
    if (!case_)
        return;
    const int count = surroundingCount();
    try {
        std::vector<std::int64_t> events = surroundingEvents(case_->db(), eventId, scope, count);
        const QString label = scope == SurroundingScope::Host
                                  ? tr("%1 events before and after event %2 on its host").arg(count).arg(eventId)
                                  : tr("%1 events before and after event %2 of its process").arg(count).arg(eventId);
        targets_.bar->setText(QString());
        applyEventSet(label, std::move(events), eventId);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read the events around" << eventId << ":" << error.what();
        emit filterFailed(QString::fromUtf8(error.what()));
    }
}

void EventFilterController::showProcessEvents(std::int64_t eventId)
{
    if (!case_)
        return;
    try {
        auto select = case_->db().prepare("SELECT entity_id, host_id, pid FROM events WHERE id = ?");
        select.bind(1, eventId);
        if (!select.step())
            return;
        QString filter;
        if (const auto entity = select.optionalText(0)) {
            filter = filterInCondition(QStringLiteral("process.entity_id"), QString::fromStdString(*entity));
        } else if (const auto pid = select.optionalInt64(2)) {
            const auto host = select.optionalText(1);
            filter = filterInCondition(QStringLiteral("host.id"),
                                       host ? QVariant(QString::fromStdString(*host)) : QVariant()) +
                     QLatin1String(" and ") + filterInCondition(QStringLiteral("process.pid"), qint64(*pid));
        } else {
            emit filterFailed(tr("Event %1 has neither process.entity_id nor process.pid.").arg(eventId));
            return;
        }
        pendingSelection_ = eventId;
        targets_.bar->setText(filter);
        targets_.bar->apply();
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read the process of event" << eventId << ":" << error.what();
        emit filterFailed(QString::fromUtf8(error.what()));
    }
}

void EventFilterController::showParentEvent(std::int64_t eventId)
{
    if (!case_)
        return;
    std::int64_t parentEvent = 0;
    try {
        const auto process = analysis::processForEvent(case_->db(), eventId);
        const auto parent =
            process && process->parentId ? analysis::loadProcess(case_->db(), *process->parentId) : std::nullopt;
        if (parent)
            parentEvent = parent->startEvent.value_or(parent->firstEvent.value_or(0));
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot find the parent process of event" << eventId << ":" << error.what();
    }
    if (parentEvent == 0) {
        emit filterFailed(tr("The parent process of event %1 is not in the case.").arg(eventId));
        return;
    }
    if (targets_.eventsModel->rowOfEvent(parentEvent) >= 0) {
        selectEvent(parentEvent);
        return;
    }
    targets_.bar->setText(QString());
    showFilter(QString(), nullptr, std::nullopt);
    pendingSelection_ = parentEvent;
}

void EventFilterController::showTableMenu(const QPoint& position)
{
    const QModelIndex index = targets_.events->indexAt(position);
    if (!index.isValid())
        return;
    const std::int64_t eventId = targets_.eventsModel->eventId(index.row());
    const QString field = index.data(EventTableModel::FieldNameRole).toString();
    const QVariant value = index.data(EventTableModel::FieldValueRole);
    const bool loaded = index.data(EventTableModel::RowLoadedRole).toBool();

    QMenu menu;
    QAction* in = menu.addAction(tr("Filter in: %1").arg(elided(filterInCondition(field, value))), this,
                                 [this, field, value] { filterOnValue(field, value, false); });
    QAction* out = menu.addAction(tr("Filter out: %1").arg(elided(filterOutCondition(field, value))), this,
                                  [this, field, value] { filterOnValue(field, value, true); });
    in->setEnabled(loaded && !field.isEmpty());
    out->setEnabled(loaded && !field.isEmpty());
    menu.addSeparator();
    QAction* copyValue = menu.addAction(tr("Copy value"), this, [index] {
        QApplication::clipboard()->setText(index.data(Qt::DisplayRole).toString());
    });
    copyValue->setEnabled(loaded);
    QAction* copyField =
        menu.addAction(tr("Copy field name"), this, [field] { QApplication::clipboard()->setText(field); });
    copyField->setEnabled(!field.isEmpty());
    menu.addSeparator();
    const int count = surroundingCount();
    menu.addAction(tr("Surrounding events on this host (%1 before and after)").arg(count), this,
                   [this, eventId] { showSurroundingEvents(eventId, SurroundingScope::Host); });
    menu.addAction(tr("Surrounding events of this process (%1 before and after)").arg(count), this,
                   [this, eventId] { showSurroundingEvents(eventId, SurroundingScope::Process); });
    menu.addAction(tr("All events of this process"), this, [this, eventId] { showProcessEvents(eventId); });
    menu.addAction(tr("Number of surrounding events…"), this, [this] {
        bool ok = false;
        const int chosen = QInputDialog::getInt(targets_.events, tr("Surrounding events"),
                                                tr("Events before and after the selected one:"), surroundingCount(), 1,
                                                100000, 1, &ok);
        if (ok)
            setSurroundingCount(chosen);
    });
    if (targets_.extendEventMenu) {
        menu.addSeparator();
        targets_.extendEventMenu(menu, eventId);
    }
    if (!activeLabel_.isEmpty()) {
        menu.addSeparator();
        menu.addAction(tr("Clear filter"), this, [this] {
            targets_.bar->setText(QString());
            clearFilter();
        });
    }
    menu.exec(targets_.events->viewport()->mapToGlobal(position));
}

void EventFilterController::showHeaderMenu(const QPoint& position)
{
    QHeaderView* header = targets_.events->horizontalHeader();
    QMenu menu;
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        const QString title = targets_.eventsModel->headerData(column, Qt::Horizontal).toString();
        QAction* show = menu.addAction(title);
        show->setCheckable(true);
        show->setChecked(!header->isSectionHidden(column));
        // The last visible column cannot be hidden, or the header would vanish with its menu.
        show->setEnabled(header->isSectionHidden(column) || header->count() - header->hiddenSectionCount() > 1);
        connect(show, &QAction::toggled, this, [this, header, column](bool visible) {
            header->setSectionHidden(column, !visible);
            saveColumns();
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Reset columns"), this, [this, header] {
        header->restoreState(defaultColumns_);
        saveColumns();
    });
    menu.exec(header->mapToGlobal(position));
}

void EventFilterController::keepSortable(int column, Qt::SortOrder order)
{
    if (EventTableModel::isSortable(column))
        return;
    // The model ignores other columns; put the indicator back on the column the rows are sorted by.
    Q_UNUSED(order);
    QHeaderView* header = targets_.events->horizontalHeader();
    const QSignalBlocker blocker(header);
    header->setSortIndicator(targets_.eventsModel->sortColumn(), targets_.eventsModel->sortOrder());
}

QString EventFilterController::columnsKey() const
{
    // The path is hashed because QSettings reads '/' in a key as a group separator.
    const QByteArray hash = QCryptographicHash::hash(casePath_.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QLatin1String("eventTable/columns/") + QString::fromLatin1(hash);
}

void EventFilterController::restoreColumns()
{
    if (casePath_.isEmpty())
        return;
    QHeaderView* header = targets_.events->horizontalHeader();
    const QByteArray state = QSettings().value(columnsKey()).toByteArray();
    restoringColumns_ = true;
    if (state.isEmpty() || !header->restoreState(state))
        header->restoreState(defaultColumns_);
    restoringColumns_ = false;
    // restoreState also restores the sort indicator; the model follows it.
    targets_.eventsModel->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void EventFilterController::saveColumns()
{
    if (restoringColumns_ || casePath_.isEmpty())
        return;
    QSettings().setValue(columnsKey(), targets_.events->horizontalHeader()->saveState());
}

} // namespace spoor::ui
