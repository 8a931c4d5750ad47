#pragma once

#include <QObject>
#include <cstdint>
#include <memory>

class QModelIndex;
class QTableView;
class QTreeView;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class EventDetailView;
class EventTableModel;
class FindingDetailView;
class FindingsModel;
class ProcessTreeModel;
class SshdTimelineView;

// The views that follow one shared selection.
struct LinkedViews
{
    QTreeView* findings = nullptr;
    FindingsModel* findingsModel = nullptr;
    QTableView* events = nullptr;
    EventTableModel* eventsModel = nullptr;
    QTreeView* processes = nullptr;
    ProcessTreeModel* processModel = nullptr;
    SshdTimelineView* timeline = nullptr;
    EventDetailView* detail = nullptr;
    FindingDetailView* findingDetail = nullptr;
};

// Keeps the views on one selection. Selecting a finding selects its step events in the table (the first
// step becomes current and is scrolled to) and expands the process tree to every step's process. It also
// marks the steps on the sshd timeline in the colour of the finding's verdict and explains the finding in
// the finding detail. The current event of the table is shown in the detail pane and the tree, and the
// timeline switches to its host. Clicking a timeline mark selects its event.
class SelectionLinker : public QObject
{
    Q_OBJECT

public:
    explicit SelectionLinker(const LinkedViews& views, QObject* parent = nullptr);

    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    // Shows the current finding again in every view, for instance after its verdict changed.
    void refreshFinding();

    // Selects one event in the table and makes it current.
    void selectEvent(std::int64_t eventId);

private:
    void findingChanged(const QModelIndex& current);
    void showGroup(const QModelIndex& group);
    void eventChanged(const QModelIndex& current);
    void showHostOfEvent(std::int64_t eventId);
    std::int64_t processOfEvent(std::int64_t eventId) const;
    QModelIndex revealProcess(std::int64_t processId);

    LinkedViews views_;
    std::shared_ptr<store::CaseFile> case_;
    bool showingFinding_ = false; // the finding's process selection must survive the event change
};

} // namespace spoor::ui
