#pragma once

#include "models/process_tree_search.h"

#include <QList>
#include <QPersistentModelIndex>
#include <QWidget>
#include <atomic>
#include <memory>
#include <string>

class QAction;
class QLabel;
class QLineEdit;
class QTreeView;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class ProcessTreeModel;

// The process tree with a search bar above it. The search field (name, pid or command line) has next and
// previous, which select each hit and expand the path to it. The search reads the processes table on a worker
// thread with its own connection and keeps every hit. The "Show ancestry only" switch hides every
// row off the path from the host to the selected process and collapses the process itself.
class ProcessTreePanel : public QWidget
{
    Q_OBJECT

public:
    // Shows `tree` (reparented into the panel) with `model`, which it sets on the tree when needed.
    ProcessTreePanel(QTreeView* tree, ProcessTreeModel* model, QWidget* parent = nullptr);
    ~ProcessTreePanel() override;

    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    QLineEdit* searchField() const { return search_; }
    QAction* findAction() const { return find_; }
    QAction* nextAction() const { return next_; }
    QAction* previousAction() const { return previous_; }
    QAction* ancestryAction() const { return ancestry_; }
    const ProcessTreeSearch& search() const { return searcher_; }

    // Starts a search for the text in the background, cancelling the running one. When it ends, the first
    // hit is selected and searchFinished is emitted.
    void find(const QString& text);
    bool isSearching() const { return searching_; }
    // Selects the next (previous) hit; returns false when there is none.
    bool findNext();
    bool findPrevious();
    // Shows only the path to the current process, or every row again.
    void setAncestryOnly(bool only);
    bool isAncestryOnly() const { return ancestryOnly_; }

signals:
    // A search ended with this many hits (0 also when it failed).
    void searchFinished(int hits);

private:
    struct SearchOutcome;

    void cancelSearch();
    void searchDone(SearchOutcome outcome);
    bool select(std::optional<std::int64_t> processId);
    void searchEdited();
    void updateHitLabel();
    void currentChanged(const QModelIndex& current);
    void showAllRows();
    void hideOffPath(const QModelIndex& target);

    QTreeView* tree_;
    ProcessTreeModel* model_;
    ProcessTreeSearch searcher_;
    QLineEdit* search_;
    QLabel* hits_;
    QAction* find_;
    QAction* next_;
    QAction* previous_;
    QAction* ancestry_;
    std::string casePath_;                            // the worker opens its own connection to it
    std::shared_ptr<std::atomic<bool>> searchCancel_; // of the running search
    int searchGeneration_ = 0;                        // only the newest search's result is shown
    bool searching_ = false;
    bool ancestryOnly_ = false;
    QList<QPersistentModelIndex> hiddenRows_; // column-0 indexes hidden by "ancestry only"
};

} // namespace spoor::ui
