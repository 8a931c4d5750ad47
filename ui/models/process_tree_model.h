#pragma once

#include "analysis/process_tree.h"
#include "review_state.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QString>
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// The process generations of a case as a tree: one top-level item per host, under it the host's root
// processes and an "unknown parent" item for processes whose parent is not in the dump. Expanding an item
// (canFetchMore/fetchMore) inserts a row for each of its children, from their count. The rows themselves are
// read from the processes table a page at a time when a view first requests their data, so a level with tens
// of thousands of children costs one page per screen. The hosts of a case with more than
// defaultSynchronousLoadLimit processes are counted on a worker thread and inserted when they arrive.
class ProcessTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        PidColumn,
        UserColumn,
        StartColumn,
        EndColumn,
        ExitCodeColumn,
        CommandLineColumn,
        ColumnCount
    };
    enum Role {
        ProcessIdRole = Qt::UserRole + 1, // processes.id as qint64; invalid for host and "unknown parent" items
        InFindingRole,                    // bool: the process is a step of a finding
        ReviewStateRole,                  // int(ReviewState) of its findings; invalid when in none
        MatchesFilterRole,                // bool: no event filter is set, or the process has a kept event
        InferredRole,                     // bool: keyed on host, pid and start, for lack of process.entity_id
        BookmarkedRole,                   // bool: one of the process's events is bookmarked
    };

    // The hosts of a case with at most this many processes are counted on the GUI thread, in about 5 ms on a
    // 2-core machine (an estimate).
    static constexpr std::int64_t defaultSynchronousLoadLimit = 100'000;
    // Rows read from the case in one query: a few screens of a tree view.
    static constexpr int defaultPageSize = 256;

    explicit ProcessTreeModel(QObject* parent = nullptr);
    ~ProcessTreeModel() override;

    // Shows the processes of a case read through the given connection, or nothing for nullptr.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);
    // True while the hosts are counted on a worker thread.
    bool isLoading() const { return loading_; }
    // Sets how many processes a case may have for its hosts to be counted on the GUI thread. Tests lower it to take
    // the background path.
    void setSynchronousLoadLimit(std::int64_t limit) { synchronousLoadLimit_ = limit; }
    // Sets how many child rows one query reads (at least 1). Tests lower it to page small cases.
    void setPageSize(int rows) { pageSize_ = std::max(1, rows); }
    // Returns how many rows under the parent have been read from the case so far; rowCount is all of them.
    int loadedRowCount(const QModelIndex& parent = {}) const;

    // Marks the given processes.id values with a badge in the colour of their review state.
    void setFindingProcesses(std::map<std::int64_t, ReviewState> processStates);

    // Marks the processes with an event that the event filter keeps (sorted processes.id values); the
    // others are drawn in the disabled text colour. nullopt removes the marks. The tree keeps every
    // process so that the ancestry of a kept process stays visible and children still load lazily.
    void setEventFilterProcesses(std::optional<std::vector<std::int64_t>> processes);

    // Marks the given processes.id values with a bookmark badge (unless a finding badge is shown).
    void setBookmarkedProcesses(std::set<std::int64_t> processIds);

    // Returns the index of a process, or an invalid index when the case has no such process. It inserts the
    // rows of the process's ancestors' children as needed but reads only the page that contains each ancestor.
    QModelIndex indexForProcess(std::int64_t processId);

    std::int64_t processId(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;

    void loadHostsInBackground();
    void insertHosts(const std::vector<analysis::ProcessHost>& hosts);
    Node* nodeFor(const QModelIndex& index) const;
    QModelIndex indexFor(const Node* node) const;
    std::int64_t countChildren(const Node& node) const;
    void ensureFetched(Node& node);
    Node* childAt(Node& parent, int row) const;
    void loadPage(Node& parent, int row) const;
    Node* childForProcess(Node& parent, const analysis::ProcessNode& process);
    Node* hostNode(const std::optional<std::string>& hostId);
    QVariant displayData(const Node& node, int column) const;
    QVariant toolTip(const Node& node, int column) const;
    void notifyBadges(const Node& node);

    std::shared_ptr<store::CaseFile> case_;
    std::unique_ptr<Node> root_;
    std::map<std::int64_t, ReviewState> findingProcesses_;
    std::optional<std::vector<std::int64_t>> filterProcesses_;
    std::set<std::int64_t> bookmarkedProcesses_;
    std::int64_t synchronousLoadLimit_ = defaultSynchronousLoadLimit;
    int pageSize_ = defaultPageSize;
    bool loading_ = false;
    quint64 generation_ = 0; // of the latest setCase; hosts counted for an older one are dropped
};

} // namespace spoor::ui
