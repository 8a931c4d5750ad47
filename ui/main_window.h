#pragma once

#include "jobs/export_job.h"
#include "jobs/import_job.h"

#include <QMainWindow>
#include <memory>
#include <vector>

class QAction;
class QDockWidget;
class QTabWidget;
class QTableView;
class QTreeView;

namespace spoor::rules {
struct Rule;
}
namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class BookmarkController;
class DataReadinessView;
class EventDetailView;
class EventFilterController;
class FilterBar;
class EventTableModel;
class FindingDetailView;
class FindingsModel;
class FindingsPanel;
class JobRunner;
class JobStatusWidget;
class MessageBanner;
class ProcessTreeModel;
class ProcessTreePanel;
class RecentFiles;
class RulesPanel;
class SelectionLinker;
class SshdTimelineView;

// Spoor's main window: findings (grouped, with verdicts) and the process tree on the left, the event
// table over the sshd timeline in the middle, the selected event or finding on the right. Imports, rule runs and report
// exports run as background jobs with progress and Cancel in the status bar; their results appear in a banner.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The choice of location for a new case when dumps are opened.
    enum class CaseLocation {
        Ask,      // a save dialog (menu, drag and drop)
        Automatic // next to the first dump, or in the user's data folder (command line)
    };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens case files and imports dumps. A ".spoor" path opens that case, and the other paths are imported
    // into it. Without a case path the dumps go into a new case. Imported dumps always get the built-in
    // rules, and an opened case gets them when runBuiltinRules is true.
    void openPaths(const QStringList& paths, CaseLocation location, bool runBuiltinRules = false);

    // Shows a case; with runBuiltinRules the built-in rules run over it first.
    void openCase(const QString& casePath, bool runBuiltinRules = false);

    // Imports dumps into a case (created when missing), then runs the built-in rules and shows the case. When
    // a dump is a Kibana CSV export, a dialog first requests the zone of its dates, and cancelling it imports nothing.
    void importDumps(const QStringList& dumps, const QString& casePath);

    // Runs the built-in rules over the open case again in the background; exclusions apply to the new
    // findings.
    void rerunBuiltinRules();

    // Runs rules over the open case in the background; their findings are then listed by rule version.
    void runRules(const std::vector<rules::Rule>& rules);

    // Writes the report of the open case in the background.
    void exportReport(const QString& reportPath, ReportFormat format);

    void cancelJob();
    // True while a background job, an event filter, a process tree search or the check of dumps for Kibana CSV
    // runs, or the event table, the findings list, the process tree's hosts or the timeline are read from the case.
    bool isBusy() const;

    QString casePath() const { return casePath_; }
    QTableView* eventTable() const { return eventTable_; }
    FilterBar* filterBar() const { return filterBar_; }
    EventFilterController* filterController() const { return filterController_; }
    QTreeView* findingsView() const;
    FindingsPanel* findingsPanel() const { return findingsPanel_; }
    FindingDetailView* findingDetailView() const { return findingDetail_; }
    QTreeView* processTree() const { return processTree_; }
    SshdTimelineView* timeline() const { return timeline_; }
    EventDetailView* detailView() const { return detail_; }
    DataReadinessView* readinessView() const { return readiness_; }
    MessageBanner* banner() const { return banner_; }
    JobStatusWidget* jobStatus() const { return jobStatus_; }
    EventTableModel* eventsModel() const { return eventsModel_; }
    FindingsModel* findingsModel() const { return findingsModel_; }
    ProcessTreeModel* processModel() const { return processModel_; }
    RulesPanel* rulesPanel() const { return rulesPanel_; }
    ProcessTreePanel* processPanel() const { return processPanel_; }
    RecentFiles* recentFiles() const { return recentFiles_; }
    BookmarkController* bookmarks() const { return bookmarks_; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    QWidget* createDetailTabs();
    QWidget* createViews();
    void createRulesDock();
    void createWorkspaceMenus(); // main_window_workspace.cpp
    void selectAdjacentFinding(int step);
    void showShortcuts();
    QWidget* createFilteredTable();
    void createFilterController();
    void chooseDumps();
    void chooseCase();
    void chooseReport();
    QString askNewCasePath(const QStringList& dumps);
    void startImport(const ImportRequest& request);
    void importFinished(const ImportOutcome& outcome);
    void showCase(const QString& casePath);
    void showFindingsSummary();
    void showFirstTimelineHost();
    void warnAboutInterruptedImports();
    void markFindingProcesses();
    void verdictsChanged();
    void showImportSummary(const ImportOutcome& outcome);
    void showRejectedLines();
    void updateActions();

    JobRunner* jobs_;
    MessageBanner* banner_;
    JobStatusWidget* jobStatus_;
    EventTableModel* eventsModel_;
    FindingsModel* findingsModel_;
    ProcessTreeModel* processModel_;
    QTableView* eventTable_ = nullptr;
    FindingsPanel* findingsPanel_ = nullptr;
    QTreeView* processTree_ = nullptr;
    SshdTimelineView* timeline_ = nullptr;
    EventDetailView* detail_ = nullptr;
    DataReadinessView* readiness_ = nullptr;
    FindingDetailView* findingDetail_ = nullptr;
    QTabWidget* detailTabs_ = nullptr;
    SelectionLinker* linker_ = nullptr;
    JobRunner* filterJobs_ = nullptr; // event filters, apart from imports and rule runs
    FilterBar* filterBar_ = nullptr;
    EventFilterController* filterController_ = nullptr;
    RulesPanel* rulesPanel_ = nullptr;
    ProcessTreePanel* processPanel_ = nullptr;
    RecentFiles* recentFiles_ = nullptr;
    BookmarkController* bookmarks_ = nullptr;
    QDockWidget* rulesDock_ = nullptr;
    QAction* exportAction_ = nullptr;
    QAction* rerunAction_ = nullptr;
    bool caseWritable_ = false;
    int findingMarksStarted_ = 0; // generations of the background load of the tree's finding badges
    int findingMarksApplied_ = 0;
    int csvChecksStarted_ = 0; // background checks of dumps for Kibana CSV, before their import
    int csvChecksFinished_ = 0;
    int cancelledCsvCheck_ = 0; // the newest check whose import was cancelled before it started
    bool findingsSummaryPending_ = false; // the status bar and the timeline wait for the findings list

    std::shared_ptr<store::CaseFile> case_; // the GUI thread's own connection
    QString casePath_;
};

} // namespace spoor::ui
