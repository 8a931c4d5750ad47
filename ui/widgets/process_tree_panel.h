#pragma once

#include "models/process_tree_search.h"

#include <QList>
#include <QPersistentModelIndex>
#include <QWidget>
#include <memory>

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
// previous, which select each hit and expand the path to it. The "Show ancestry only" switch hides every
// row off the path from the host to the selected process and collapses the process itself.
class ProcessTreePanel : public QWidget
{
    Q_OBJECT

public:
    // Shows `tree` (reparented into the panel) with `model`, which it sets on the tree when needed.
    ProcessTreePanel(QTreeView* tree, ProcessTreeModel* model, QWidget* parent = nullptr);

    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    QLineEdit* searchField() const { return search_; }
    QAction* findAction() const { return find_; }
    QAction* nextAction() const { return next_; }
    QAction* previousAction() const { return previous_; }
    QAction* ancestryAction() const { return ancestry_; }
    const ProcessTreeSearch& search() const { return searcher_; }

    // Searches for the text and selects the first hit; returns the number of hits.
    int find(const QString& text);
    // Selects the next (previous) hit; returns false when there is none.
    bool findNext();
    bool findPrevious();
    // Shows only the path to the current process, or every row again.
    void setAncestryOnly(bool only);
    bool isAncestryOnly() const { return ancestryOnly_; }

private:
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
    bool ancestryOnly_ = false;
    QList<QPersistentModelIndex> hiddenRows_; // column-0 indexes hidden by "ancestry only"
};

} // namespace spoor::ui
