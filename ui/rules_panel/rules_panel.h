#pragma once

#include "rules/rule.h"

#include <QWidget>
#include <memory>
#include <vector>

class QAction;
class QTableView;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class RuleEditorDialog;
class RulesModel;

// The rules panel: the loaded rules with their metadata and state, and actions to add rule files or
// folders, edit a rule's query, and run the selected or the enabled rules over the case. It does not run
// rules itself: it emits runRequested and the window runs them as a background job.
class RulesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RulesPanel(QWidget* parent = nullptr);

    RulesModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QAction* runSelectedAction() const { return runSelected_; }
    QAction* runEnabledAction() const { return runEnabled_; }
    QAction* editAction() const { return edit_; }

    void setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable);
    // Allows or blocks the run actions, for instance while another job runs.
    void setRunAllowed(bool allowed);

    // Adds rule files or folders and selects the first row with an error, if any.
    void addPaths(const QStringList& paths);
    // Opens the query editor on a row's rule; returns nullptr for a row without a rule.
    RuleEditorDialog* editRule(int row);
    // Lists an edited copy next to its original and emits runRequested for it.
    void runEditedCopy(const rules::Rule& edited);
    std::vector<int> selectedRows() const;

signals:
    void runRequested(const std::vector<spoor::rules::Rule>& rules);
    void errorOccurred(const QString& message);

private:
    void chooseFiles();
    void chooseFolder();
    void editCurrent();
    void updateActions();

    RulesModel* model_;
    QTableView* view_;
    QAction* addFiles_;
    QAction* addFolder_;
    QAction* edit_;
    QAction* runSelected_;
    QAction* runEnabled_;
    bool runAllowed_ = false;
};

} // namespace spoor::ui
