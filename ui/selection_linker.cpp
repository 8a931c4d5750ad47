#include "selection_linker.h"

#include "analysis/process_tree.h"
#include "finding_steps.h"
#include "logging.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "review_state.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "timeline/sshd_timeline_view.h"
#include "widgets/event_detail_view.h"
#include "widgets/finding_detail_view.h"

#include <QItemSelection>
#include <QScopedValueRollback>
#include <QTableView>
#include <QTreeView>

namespace spoor::ui {

SelectionLinker::SelectionLinker(const LinkedViews& views, QObject* parent) : QObject(parent), views_(views)
{
    connect(views_.findings->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SelectionLinker::findingChanged);
    connect(views_.events->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SelectionLinker::eventChanged);
    connect(views_.timeline, &SshdTimelineView::eventActivated, this, &SelectionLinker::selectEvent);
}

void SelectionLinker::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    case_ = std::move(caseFile);
}

void SelectionLinker::refreshFinding()
{
    findingChanged(views_.findings->currentIndex());
}

void SelectionLinker::showGroup(const QModelIndex& group)
{
    views_.timeline->clearSteps();
    const QString count = group.siblingAtColumn(FindingsModel::CountColumn).data().toString();
    views_.findingDetail->setGroupSummary(
        tr("<h3>%1</h3><p>%2 findings. Expand the group to see them, or mark them all at once from the "
           "context menu.</p>")
            .arg(group.data().toString().toHtmlEscaped(), count));
}

void SelectionLinker::selectEvent(std::int64_t eventId)
{
    const int row = views_.eventsModel->rowOfEvent(eventId);
    if (row < 0)
        return;
    const QModelIndex index = views_.eventsModel->index(row, 0);
    views_.events->selectionModel()->setCurrentIndex(index,
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    views_.events->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

std::int64_t SelectionLinker::processOfEvent(std::int64_t eventId) const
{
    try {
        const auto process = analysis::processForEvent(case_->db(), eventId);
        return process ? process->id : 0;
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot find the process of event" << eventId << ":" << error.what();
        return 0;
    }
}

QModelIndex SelectionLinker::revealProcess(std::int64_t processId)
{
    const QModelIndex index = views_.processModel->indexForProcess(processId);
    for (QModelIndex ancestor = index.parent(); ancestor.isValid(); ancestor = ancestor.parent())
        views_.processes->expand(ancestor);
    return index;
}

void SelectionLinker::showHostOfEvent(std::int64_t eventId)
{
    try {
        auto select = case_->db().prepare("SELECT host_id, host_name FROM events WHERE id = ?");
        select.bind(1, eventId);
        if (select.step())
            views_.timeline->showHost(select.optionalText(0), QString::fromStdString(select.text(1)));
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read the host of event" << eventId << ":" << error.what();
    }
}

void SelectionLinker::findingChanged(const QModelIndex& current)
{
    if (!case_ || !current.isValid()) {
        views_.findingDetail->clear();
        return;
    }
    if (views_.findingsModel->isGroup(current)) {
        showGroup(current.siblingAtColumn(0));
        return;
    }
    const std::int64_t findingId = views_.findingsModel->findingId(current);
    views_.findingDetail->setFinding(case_->db(), findingId);
    std::vector<FindingStep> steps;
    try {
        steps = loadFindingSteps(case_->db(), findingId);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read the steps of finding" << findingId << ":" << error.what();
        return;
    }

    // Process tree: every step's process selected, its ancestry expanded.
    QItemSelection processes;
    for (const FindingStep& step : steps) {
        const QModelIndex index = step.eventId ? revealProcess(processOfEvent(*step.eventId)) : QModelIndex();
        if (index.isValid())
            processes.select(index, index.siblingAtColumn(ProcessTreeModel::ColumnCount - 1));
    }
    views_.processes->selectionModel()->select(processes, QItemSelectionModel::ClearAndSelect);

    // Timeline: the finding's host, steps numbered.
    const QString hostId = current.data(FindingsModel::HostIdRole).toString();
    const QString hostName = current.siblingAtColumn(FindingsModel::HostColumn).data().toString();
    views_.timeline->showHost(hostId.isEmpty() ? std::nullopt : std::optional(hostId.toStdString()), hostName);
    views_.timeline->markSteps(steps, ReviewState(current.data(FindingsModel::ReviewStateRole).toInt()));

    // Event table last: making step 1 current updates the detail pane and the tree's current process.
    QItemSelection events;
    int firstRow = -1;
    for (const FindingStep& step : steps) {
        const int row = step.eventId ? views_.eventsModel->rowOfEvent(*step.eventId) : -1;
        if (row < 0)
            continue;
        events.select(views_.eventsModel->index(row, 0),
                      views_.eventsModel->index(row, EventTableModel::ColumnCount - 1));
        if (firstRow < 0)
            firstRow = row;
    }
    QItemSelectionModel* selection = views_.events->selectionModel();
    selection->select(events, QItemSelectionModel::ClearAndSelect);
    if (firstRow >= 0) {
        const QScopedValueRollback<bool> guard(showingFinding_, true);
        const QModelIndex first = views_.eventsModel->index(firstRow, 0);
        selection->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        views_.events->scrollTo(first, QAbstractItemView::PositionAtCenter);
    }
}

void SelectionLinker::eventChanged(const QModelIndex& current)
{
    if (!case_ || !current.isValid()) {
        views_.detail->clear();
        return;
    }
    const std::int64_t eventId = views_.eventsModel->eventId(current.row());
    views_.detail->setEvent(case_->db(), eventId);
    views_.timeline->setSelectedEvent(eventId);
    if (!showingFinding_)
        showHostOfEvent(eventId);

    const QModelIndex process = revealProcess(processOfEvent(eventId));
    if (!process.isValid())
        return;
    // While a finding is shown, its step processes stay selected and only the current one moves.
    const auto flags = showingFinding_ ? QItemSelectionModel::NoUpdate
                                       : QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;
    views_.processes->selectionModel()->setCurrentIndex(process, flags);
    views_.processes->scrollTo(process);
}

} // namespace spoor::ui
