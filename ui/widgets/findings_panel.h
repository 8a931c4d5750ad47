#pragma once

#include "analysis/finding_groups.h"
#include "analysis/verdicts.h"

#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QTreeView;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class FindingsModel;

// The findings list with its triage tools: a group-by selector (and the step it reads) and a "hide benign"
// filter. Its actions mark the selected findings or groups benign or malicious with a reason, clear the
// verdict, or turn a group into an exclusion for later rule runs. Verdicts are written through the case
// connection given to setCase, on the calling thread: each is one short transaction.
class FindingsPanel : public QWidget
{
    Q_OBJECT

public:
    // The group-by choices in the order of the combo box; None lists findings flat.
    enum class Grouping { None, RuleVersion, Host, User, CommandLine, Executable, ProcessName, Parent };

    FindingsPanel(FindingsModel* model, QWidget* parent = nullptr);

    // Uses the connection for verdicts; a read-only connection disables the verdict actions.
    void setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable);
    // Enables or disables the verdict actions, for instance while a background job writes to the case.
    void setEditable(bool editable);

    void setGrouping(Grouping grouping, int step = 1);
    Grouping grouping() const;
    void setHideBenign(bool hide);

    // Writes a verdict for the selected findings and groups. Returns false, after emitting errorOccurred,
    // when nothing is selected or the verdict cannot be stored.
    bool markSelection(analysis::Verdict verdict, const QString& reason);
    bool clearSelection();
    // Turns the current group into an exclusion (analysis::excludeGroup) and marks its findings benign.
    bool excludeCurrentGroup(const QString& reason);

    QTreeView* view() const { return view_; }
    QComboBox* groupingBox() const { return grouping_; }
    QSpinBox* stepBox() const { return step_; }
    QCheckBox* hideBenignBox() const { return hideBenign_; }
    QAction* markBenignAction() const { return markBenign_; }
    QAction* markMaliciousAction() const { return markMalicious_; }
    QAction* clearAction() const { return clear_; }
    QAction* excludeAction() const { return exclude_; }

signals:
    // Emitted after verdicts were written, so that the other views can show them.
    void verdictsChanged();
    void errorOccurred(const QString& message);

private:
    // The list's view state that a reload would lose: expanded groups and the current row.
    struct ViewState
    {
        std::set<std::optional<std::string>> expanded;
        std::int64_t currentFinding = 0;
        std::optional<std::optional<std::string>> currentGroup;
    };

    void createActions();
    void applyGrouping();
    void askAndMark(analysis::Verdict verdict);
    void askAndExclude();
    std::optional<QString> askReason(const QString& title, const QString& label);
    std::vector<std::int64_t> selectedFindings() const;
    void reloadKeepingState();
    ViewState saveViewState() const;
    void restoreViewState();
    void updateActions();
    void showContextMenu(const QPoint& position);
    bool fail(const QString& message);

    FindingsModel* model_;
    std::shared_ptr<store::CaseFile> case_;
    bool writable_ = false;
    bool editable_ = true;
    QComboBox* grouping_;
    QLabel* stepLabel_;
    QSpinBox* step_;
    QCheckBox* hideBenign_;
    QTreeView* view_;
    QAction* markBenign_ = nullptr;
    QAction* markMalicious_ = nullptr;
    QAction* clear_ = nullptr;
    QAction* exclude_ = nullptr;
    std::optional<ViewState> pendingState_; // restored when the model has loaded the rows of a reload
};

} // namespace spoor::ui
