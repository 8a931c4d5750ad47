#include "main_window.h"

#include "bookmark_controller.h"
#include "case_location.h"
#include "event_filter_controller.h"
#include "finding_process_states.h"
#include "finding_steps.h"
#include "ingest/interrupted_imports.h"
#include "jobs/csv_detection.h"
#include "jobs/job_runner.h"
#include "jobs/rule_run_job.h"
#include "jobs/worker_pool.h"
#include "logging.h"
#include "models/bookmarked_processes.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "review_state.h"
#include "rules_panel/rules_panel.h"
#include "selection_linker.h"
#include "store/case_file.h"
#include "timeline/sshd_timeline_view.h"
#include "widgets/csv_time_zone_dialog.h"
#include "widgets/data_readiness_view.h"
#include "widgets/event_detail_view.h"
#include "widgets/filter_bar.h"
#include "widgets/finding_detail_view.h"
#include "widgets/findings_panel.h"
#include "widgets/import_errors_dialog.h"
#include "widgets/job_status_widget.h"
#include "widgets/message_banner.h"
#include "widgets/process_tree_panel.h"
#include "workspace/recent_files.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLocale>
#include <QMenuBar>
#include <QMimeData>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <map>
#include <optional>
#include <utility>

namespace spoor::ui {

namespace {

const QLatin1String rejectedLink("rejected");

QString number(std::uint64_t value)
{
    return QLocale().toString(static_cast<qulonglong>(value));
}

QString fileName(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).fileName().toHtmlEscaped();
}

void setColumnWidths(QHeaderView* header, std::initializer_list<int> widths)
{
    int column = 0;
    for (const int width : widths)
        header->resizeSection(column++, width);
}

// Opens the GUI thread's connection read-write, so that verdicts can be stored and an older case is
// migrated, or read-only when the file cannot be written. Throws store::StoreError.
std::shared_ptr<store::CaseFile> openForVerdicts(const QString& casePath, bool& writable)
{
    const std::string path = casePath.toStdString();
    writable = QFileInfo(casePath).isWritable();
    if (!writable) {
        qCInfo(lcMainWindow) << casePath << "is not writable; verdicts cannot be stored";
        return std::make_shared<store::CaseFile>(store::CaseFile::open(path, store::CaseFile::Access::ReadOnly));
    }
    return std::make_shared<store::CaseFile>(store::CaseFile::open(path, store::CaseFile::Access::ReadWrite));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), jobs_(new JobRunner(this)), banner_(new MessageBanner(this)),
      jobStatus_(new JobStatusWidget(jobs_, this)), eventsModel_(new EventTableModel(this)),
      findingsModel_(new FindingsModel(this)), processModel_(new ProcessTreeModel(this))
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(banner_);
    layout->addWidget(createViews(), 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(jobStatus_);
    createRulesDock();
    createMenus();
    createWorkspaceMenus();
    setAcceptDrops(true);
    setWindowTitle(tr("Spoor"));
    resize(1600, 1000);

    connect(banner_, &MessageBanner::linkActivated, this, [this](const QString& link) {
        if (link == rejectedLink)
            showRejectedLines();
        else
            QDesktopServices::openUrl(QUrl(link));
    });
    connect(jobs_, &JobRunner::failed, this, [this](JobRunner::JobId, const QString& title, const QString& message) {
        qCWarning(lcMainWindow) << title << "failed:" << message;
        banner_->showMessage(MessageBanner::Kind::Error,
                             tr("%1 failed: %2").arg(title.toHtmlEscaped(), message.toHtmlEscaped()));
    });
    connect(jobs_, &JobRunner::finished, this, &MainWindow::updateActions);
    updateActions();
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::createViews()
{
    findingsPanel_ = new FindingsPanel(findingsModel_, this);
    connect(findingsPanel_, &FindingsPanel::verdictsChanged, this, &MainWindow::verdictsChanged);
    connect(findingsModel_, &FindingsModel::loaded, this, [this] {
        if (std::exchange(findingsSummaryPending_, false))
            showFindingsSummary();
    });
    connect(findingsPanel_, &FindingsPanel::errorOccurred, this, [this](const QString& message) {
        banner_->showMessage(MessageBanner::Kind::Error, message.toHtmlEscaped());
    });

    processTree_ = new QTreeView(this);
    processTree_->setObjectName(QStringLiteral("processes"));
    processTree_->setModel(processModel_);
    processTree_->setUniformRowHeights(true);
    processTree_->setSelectionBehavior(QAbstractItemView::SelectRows);
    processTree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    setColumnWidths(processTree_->header(), {230, 60, 60, 210, 210, 60});

    eventTable_ = new QTableView(this);
    eventTable_->setObjectName(QStringLiteral("events"));
    eventTable_->setModel(eventsModel_);
    eventTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    eventTable_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    eventTable_->setWordWrap(false);
    eventTable_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    eventTable_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    eventTable_->horizontalHeader()->setStretchLastSection(true);
    // Fixed widths: sizing columns to their contents would read every row.
    setColumnWidths(eventTable_->horizontalHeader(), {225, 70, 60, 150, 80, 60, 90, 330, 70});
    eventTable_->horizontalHeader()->moveSection(EventTableModel::ExitCodeColumn, EventTableModel::CommandLineColumn);
    eventTable_->horizontalHeader()->hideSection(EventTableModel::EntityColumn);
    eventTable_->horizontalHeader()->hideSection(EventTableModel::SourceColumn);

    bookmarks_ = new BookmarkController(eventTable_, eventsModel_, processTree_, processModel_, this);
    connect(bookmarks_, &BookmarkController::bookmarksChanged, this, [this] {
        if (case_ && detail_->eventId() > 0)
            detail_->setEvent(case_->db(), detail_->eventId());
    });
    connect(bookmarks_, &BookmarkController::errorOccurred, this, [this](const QString& message) {
        banner_->showMessage(MessageBanner::Kind::Error, message.toHtmlEscaped());
    });

    timeline_ = new SshdTimelineView(this);
    timeline_->setObjectName(QStringLiteral("timeline"));
    connect(bookmarks_, &BookmarkController::bookmarksChanged, timeline_,
            [this] { timeline_->setBookmarks(bookmarks_->bookmarks()); });
    QWidget* details = createDetailTabs();
    linker_ = new SelectionLinker({findingsView(), findingsModel_, eventTable_, eventsModel_, processTree_,
                                   processModel_, timeline_, detail_, findingDetail_},
                                  this);
    QWidget* filteredTable = createFilteredTable();
    createFilterController();
    // A finding's explanation comes to the front when it is selected, the event's when an event is clicked.
    connect(findingsView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { detailTabs_->setCurrentWidget(findingDetail_); });
    connect(eventTable_, &QAbstractItemView::clicked, this, [this] { detailTabs_->setCurrentWidget(detail_); });

    auto* left = new QSplitter(Qt::Vertical, this);
    left->setObjectName(QStringLiteral("leftSplitter"));
    left->addWidget(findingsPanel_);
    processPanel_ = new ProcessTreePanel(processTree_, processModel_, this);
    left->addWidget(processPanel_);
    left->setSizes({300, 600});
    auto* middle = new QSplitter(Qt::Vertical, this);
    middle->setObjectName(QStringLiteral("middleSplitter"));
    middle->addWidget(filteredTable);
    middle->addWidget(timeline_);
    middle->setSizes({560, 340});
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(QStringLiteral("mainSplitter"));
    main->addWidget(left);
    main->addWidget(middle);
    main->addWidget(details);
    main->setStretchFactor(1, 1);
    main->setSizes({500, 740, 360});
    return main;
}

void MainWindow::createRulesDock()
{
    rulesPanel_ = new RulesPanel(this);
    rulesPanel_->setObjectName(QStringLiteral("rulesPanel"));
    connect(rulesPanel_, &RulesPanel::runRequested, this, &MainWindow::runRules);
    connect(rulesPanel_, &RulesPanel::errorOccurred, this, [this](const QString& message) {
        banner_->showMessage(MessageBanner::Kind::Error, message.toHtmlEscaped());
    });
    rulesDock_ = new QDockWidget(tr("Rules"), this);
    rulesDock_->setObjectName(QStringLiteral("rulesDock"));
    rulesDock_->setWidget(rulesPanel_);
    addDockWidget(Qt::BottomDockWidgetArea, rulesDock_);
    // A few rows by default, so that the sshd timeline above keeps its height; a saved layout replaces this.
    resizeDocks({rulesDock_}, {150}, Qt::Vertical);
}

QWidget* MainWindow::createDetailTabs()
{
    detail_ = new EventDetailView(this);
    detail_->setObjectName(QStringLiteral("detail"));
    findingDetail_ = new FindingDetailView(this);
    findingDetail_->setObjectName(QStringLiteral("findingDetail"));
    detailTabs_ = new QTabWidget(this);
    detailTabs_->addTab(findingDetail_, tr("Finding"));
    detailTabs_->addTab(detail_, tr("Event"));
    readiness_ = new DataReadinessView(this);
    readiness_->setObjectName(QStringLiteral("readiness"));
    detailTabs_->addTab(readiness_, tr("Readiness"));
    return detailTabs_;
}

QTreeView* MainWindow::findingsView() const
{
    return findingsPanel_->view();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openDump = file->addAction(tr("Open &dump…"), this, &MainWindow::chooseDumps);
    openDump->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    openDump->setStatusTip(tr("Import event dumps into a new case and run the built-in rules"));
    QAction* openCase = file->addAction(tr("&Open case…"), this, &MainWindow::chooseCase);
    openCase->setShortcut(QKeySequence::Open);
    exportAction_ = file->addAction(tr("&Export report…"), this, &MainWindow::chooseReport);
    exportAction_->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportAction_->setStatusTip(tr("Write the findings of the case as HTML or JSON"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* findings = menuBar()->addMenu(tr("F&indings"));
    findings->addAction(findingsPanel_->markBenignAction());
    findings->addAction(findingsPanel_->markMaliciousAction());
    findings->addAction(findingsPanel_->clearAction());
    findings->addSeparator();
    findings->addAction(findingsPanel_->excludeAction());
    findings->addSeparator();
    rerunAction_ = findings->addAction(tr("&Run built-in rules again"), this, &MainWindow::rerunBuiltinRules);
    rerunAction_->setShortcut(QKeySequence(tr("Ctrl+R")));
    rerunAction_->setStatusTip(
        tr("Run the enabled built-in rules over the case; exclusions mark matching findings benign"));

    QMenu* bookmarks = menuBar()->addMenu(tr("&Bookmarks"));
    bookmarks->addAction(bookmarks_->bookmarkAction());
    bookmarks->addAction(bookmarks_->removeAction());

    QMenu* rules = menuBar()->addMenu(tr("&Rules"));
    rules->addAction(rulesPanel_->runSelectedAction());
    rules->addAction(rulesPanel_->runEnabledAction());
    rules->addAction(rulesPanel_->editAction());
}

void MainWindow::openPaths(const QStringList& paths, CaseLocation location, bool runBuiltinRules)
{
    QStringList cases;
    QStringList dumps;
    QStringList missing;
    for (const QString& path : paths) {
        if (!QFileInfo::exists(path))
            missing.append(path);
        else if (isCasePath(path))
            cases.append(path);
        else
            dumps.append(path);
    }
    if (!missing.isEmpty()) {
        banner_->showMessage(MessageBanner::Kind::Error, tr("Not found: %1. Check the path and open it again.")
                                                             .arg(missing.join(QLatin1String(", ")).toHtmlEscaped()));
    }
    if (cases.size() > 1) {
        qCWarning(lcMainWindow) << "only the first case is opened of" << cases;
        banner_->showMessage(
            MessageBanner::Kind::Warning,
            tr("One case at a time: opened %1, not %2.")
                .arg(cases.first().toHtmlEscaped(), cases.mid(1).join(QLatin1String(", ")).toHtmlEscaped()));
    }

    if (!cases.isEmpty()) {
        if (dumps.isEmpty())
            openCase(cases.first(), runBuiltinRules);
        else
            importDumps(dumps, cases.first());
        return;
    }
    if (dumps.isEmpty())
        return;
    const QString casePath =
        location == CaseLocation::Ask
            ? askNewCasePath(dumps)
            : newCaseLocation(dumps, QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    if (!casePath.isEmpty())
        importDumps(dumps, casePath);
}

void MainWindow::openCase(const QString& casePath, bool runBuiltinRules)
{
    if (runBuiltinRules)
        startImport({casePath, {}, true, {}});
    else
        showCase(casePath);
}

void MainWindow::importDumps(const QStringList& dumps, const QString& casePath)
{
    // Kibana CSV exports need the zone of their dates, so the files are first checked on a worker and the
    // import starts once the zone is confirmed. A newer request supersedes an older one still being checked.
    const int request = ++csvChecksStarted_;
    auto* watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request, dumps, casePath] {
        watcher->deleteLater();
        ++csvChecksFinished_;
        if (request != csvChecksStarted_)
            return;
        const QStringList csvFiles = watcher->result();
        if (request <= cancelledCsvCheck_) {
            // Cancelled while the files were checked: the import starts and stops at once, as when it is
            // cancelled just after it started.
            startImport({casePath, dumps, true, {}});
            jobs_->cancel();
            return;
        }
        if (csvFiles.isEmpty()) {
            startImport({casePath, dumps, true, {}});
            return;
        }
        auto* dialog = new CsvTimeZoneDialog(csvFiles, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog, dumps, casePath] {
            qCInfo(lcMainWindow) << "reading the CSV dates of" << dumps << "in" << dialog->timeZone();
            startImport({casePath, dumps, true, dialog->timeZone()});
        });
        dialog->open();
    });
    watcher->setFuture(QtConcurrent::run(workerPool(), [dumps] { return findKibanaCsvFiles(dumps); }));
}

void MainWindow::startImport(const ImportRequest& request)
{
    const QString name = QFileInfo(request.casePath).fileName();
    const QString title =
        request.dumps.isEmpty() ? tr("Running the built-in rules on %1").arg(name) : tr("Importing into %1").arg(name);
    qCInfo(lcMainWindow) << title << request.dumps;
    jobs_->start<ImportOutcome>(
        title, [request](JobContext& context) { return runImport(request, context); },
        [this](ImportOutcome outcome) { importFinished(outcome); });
    updateActions();
}

void MainWindow::importFinished(const ImportOutcome& outcome)
{
    showCase(outcome.casePath);
    if (case_)
        showImportSummary(outcome);
}

void MainWindow::showCase(const QString& casePath)
{
    std::shared_ptr<store::CaseFile> caseFile;
    try {
        caseFile = openForVerdicts(casePath, caseWritable_);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot open case" << casePath << ":" << error.what();
        banner_->showMessage(
            MessageBanner::Kind::Error,
            tr("Cannot open %1: %2").arg(casePath.toHtmlEscaped(), QString::fromUtf8(error.what()).toHtmlEscaped()));
        return;
    }
    case_ = caseFile;
    casePath_ = casePath;
    recentFiles_->add(casePath);
    detail_->clear();
    findingDetail_->clear();
    eventsModel_->setCase(case_);
    filterController_->setCase(case_, casePath);
    findingsPanel_->setCase(case_, caseWritable_);
    rulesPanel_->setCase(case_, caseWritable_);
    processModel_->setCase(case_);
    processPanel_->setCase(case_);
    bookmarks_->setCase(case_, caseWritable_);
    timeline_->setCase(case_);
    timeline_->setBookmarks(bookmarks_->bookmarks());
    readiness_->setCase(case_);
    linker_->setCase(case_);
    markFindingProcesses();

    setWindowTitle(tr("%1 — Spoor").arg(QFileInfo(casePath).fileName()));
    // A case with many findings lists them from a worker; the summary waits for them.
    findingsSummaryPending_ = findingsModel_->isLoading();
    if (!findingsSummaryPending_)
        showFindingsSummary();
    qCInfo(lcMainWindow) << "opened case" << casePath;
    warnAboutInterruptedImports();
    updateActions();
}

void MainWindow::warnAboutInterruptedImports()
{
    std::vector<ingest::InterruptedImport> interrupted;
    try {
        interrupted = ingest::findInterruptedImports(case_->db());
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot list the interrupted imports of" << casePath_ << ":" << error.what();
        return;
    }
    if (interrupted.empty())
        return;
    QStringList files;
    for (const auto& source : interrupted) {
        qCWarning(lcMainWindow).noquote() << QString::fromStdString(describeInterruptedImport(source, case_->path()));
        files << tr("%1 (%2 events)")
                     .arg(QString::fromStdString(source.path).toHtmlEscaped(),
                          QLocale().toString(static_cast<qulonglong>(source.events)));
    }
    banner_->showMessage(MessageBanner::Kind::Warning,
                         tr("The import of %1 did not finish (it was killed, or writing to the case failed), so "
                            "findings may be missing. Open the same dump again to resume it.")
                             .arg(files.join(QStringLiteral(", "))));
}

void MainWindow::showFindingsSummary()
{
    showFirstTimelineHost();
    const QString name = QFileInfo(casePath_).fileName();
    const int findings = findingsModel_->findingCount();
    statusBar()->showMessage(findings == 1 ? tr("%1: 1 finding").arg(name)
                                           : tr("%1: %2 findings").arg(name, QLocale().toString(findings)));
}

void MainWindow::showFirstTimelineHost()
{
    // The first finding's host. Without findings the timeline stays at its top, which is its first host.
    QModelIndex first = findingsModel_->index(0, 0);
    if (findingsModel_->isGroup(first))
        first = findingsModel_->index(0, 0, first);
    const QModelIndex host = first.siblingAtColumn(FindingsModel::HostColumn);
    if (!host.isValid())
        return;
    const QString hostId = host.data(FindingsModel::HostIdRole).toString();
    timeline_->showHost(hostId.isEmpty() ? std::nullopt : std::optional(hostId.toStdString()), host.data().toString());
}

void MainWindow::markFindingProcesses()
{
    // The finding badges take one lookup per step event, seconds on a case with thousands of findings, so they
    // load on a worker with the thread's own connection. Only the newest load is applied.
    const int generation = ++findingMarksStarted_;
    const std::string path = case_->path();
    using States = std::optional<std::map<std::int64_t, ReviewState>>;
    auto* watcher = new QFutureWatcher<States>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, path] {
        watcher->deleteLater();
        if (generation != findingMarksStarted_)
            return;
        findingMarksApplied_ = generation;
        States states = watcher->result();
        if (case_ && case_->path() == path && states)
            processModel_->setFindingProcesses(std::move(*states));
    });
    watcher->setFuture(QtConcurrent::run(workerPool(), [path]() -> States {
        try {
            auto caseFile = store::CaseFile::open(path, store::CaseFile::Access::ReadOnly);
            return loadFindingProcessStates(caseFile.db());
        } catch (const store::StoreError& error) {
            qCWarning(lcMainWindow) << "cannot find the processes of the findings:" << error.what();
            return std::nullopt;
        }
    }));
}

void MainWindow::verdictsChanged()
{
    markFindingProcesses();
    linker_->refreshFinding();
}

void MainWindow::showImportSummary(const ImportOutcome& outcome)
{
    const ingest::ImportSummary& summary = outcome.summary;
    if (outcome.cancelled) {
        const QString text = outcome.imported ? tr("Import cancelled: %1 events were imported before it stopped and "
                                                   "stay in the case. The built-in rules did not run.")
                                                    .arg(number(summary.events()))
                                              : tr("Rule run cancelled.");
        banner_->showMessage(MessageBanner::Kind::Warning, text);
        return;
    }

    QStringList parts;
    bool problem = false;
    if (outcome.imported) {
        QString imported = tr("%1 events imported").arg(number(summary.events()));
        if (summary.rejected() > 0) {
            imported +=
                tr(", %1 lines rejected — <a href=\"%2\">details</a>").arg(number(summary.rejected()), rejectedLink);
            problem = true;
        }
        if (summary.duplicates() > 0)
            imported += tr(", %1 duplicates skipped").arg(number(summary.duplicates()));
        parts.append(imported);
        for (const ingest::SourceSummary& source : summary.sources) {
            if (source.status == "complete")
                continue;
            problem = problem || source.status != "skipped";
            parts.append(tr("%1: %2 %3")
                             .arg(fileName(source.path), QString::fromStdString(source.status),
                                  QString::fromStdString(source.message).toHtmlEscaped()));
        }
    }
    for (std::size_t index = 0; index < outcome.ruleRuns.size(); ++index) {
        const scan::RuleRunSummary& run = outcome.ruleRuns[index];
        const QString rule = QString::fromStdString(run.name).toHtmlEscaped();
        if (run.status == "complete") {
            const std::size_t findings = run.findingIds.size();
            QString text = findings == 1 ? tr("rule “%1”: 1 finding").arg(rule)
                                         : tr("rule “%1”: %2 findings").arg(rule, number(findings));
            if (run.verdictsCarried > 0) {
                text += tr(", %1 verdicts copied from identical findings of earlier runs")
                            .arg(number(static_cast<std::uint64_t>(run.verdictsCarried)));
            }
            const std::int64_t excluded = index < outcome.excluded.size() ? outcome.excluded[index] : 0;
            if (excluded > 0)
                text += tr(", %1 marked benign by exclusions").arg(number(static_cast<std::uint64_t>(excluded)));
            for (const std::string& warning : run.warnings) {
                problem = true;
                text += tr(", warning: %1").arg(QString::fromStdString(warning).toHtmlEscaped());
            }
            parts.append(text);
        } else {
            problem = true;
            parts.append(tr("rule “%1” %2: %3")
                             .arg(rule, QString::fromStdString(run.status),
                                  QString::fromStdString(run.message).toHtmlEscaped()));
        }
    }
    if (outcome.disabledRules > 0) {
        parts.append(
            outcome.disabledRules == 1
                ? tr("1 built-in rule is disabled in the rules panel and did not run")
                : tr("%1 built-in rules are disabled in the rules panel and did not run").arg(outcome.disabledRules));
    }
    banner_->showMessage(problem ? MessageBanner::Kind::Warning : MessageBanner::Kind::Information,
                         parts.join(QLatin1String("; ")) + QLatin1Char('.'));
}

void MainWindow::showRejectedLines()
{
    if (case_)
        (new ImportErrorsDialog(case_->db(), this))->show();
}

void MainWindow::exportReport(const QString& reportPath, ReportFormat format)
{
    if (casePath_.isEmpty())
        return;
    const QString casePath = casePath_;
    jobs_->start<QString>(
        tr("Exporting the report to %1").arg(QFileInfo(reportPath).fileName()),
        [casePath, reportPath, format](JobContext& context) {
            writeReportFile(casePath, reportPath, format, context);
            return reportPath;
        },
        [this](QString path) {
            const QString url = QUrl::fromLocalFile(path).toString();
            banner_->showMessage(
                MessageBanner::Kind::Information,
                tr("Report written to <a href=\"%1\">%2</a>.").arg(url.toHtmlEscaped(), path.toHtmlEscaped()));
        });
    updateActions();
}

void MainWindow::rerunBuiltinRules()
{
    if (!casePath_.isEmpty() && !jobs_->isRunning())
        startImport({casePath_, {}, true, {}});
}

void MainWindow::runRules(const std::vector<rules::Rule>& rules)
{
    if (casePath_.isEmpty() || jobs_->isRunning() || rules.empty())
        return;
    const QString casePath = casePath_;
    const QString title = rules.size() == 1 ? tr("Running rule “%1”").arg(QString::fromStdString(rules.front().name))
                                            : tr("Running %1 rules").arg(rules.size());
    qCInfo(lcMainWindow) << title << "on" << casePath;
    jobs_->start<ImportOutcome>(
        title, [casePath, rules](JobContext& context) { return runRulesOnCase(casePath, rules, context); },
        [this](ImportOutcome outcome) {
            importFinished(outcome);
            findingsPanel_->setGrouping(FindingsPanel::Grouping::RuleVersion);
        });
    updateActions();
}

void MainWindow::cancelJob()
{
    cancelledCsvCheck_ = csvChecksStarted_;
    jobs_->cancel();
}

bool MainWindow::isBusy() const
{
    return jobs_->isRunning() || csvChecksStarted_ != csvChecksFinished_ || filterController_->isFiltering() ||
           eventsModel_->isLoading() || findingsModel_->isLoading() || processModel_->isLoading() ||
           timeline_->isLoading() || processPanel_->isSearching() || findingMarksApplied_ != findingMarksStarted_;
}

QWidget* MainWindow::createFilteredTable()
{
    filterJobs_ = new JobRunner(this);
    filterBar_ = new FilterBar(filterJobs_, this);
    filterBar_->setObjectName(QStringLiteral("filterBar"));
    auto* container = new QWidget(this);
    auto* layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(filterBar_);
    layout->addWidget(eventTable_, 1);
    return container;
}

void MainWindow::createFilterController()
{
    const auto filterTimeline = [this](EventIdSet events) { timeline_->setEventFilter(std::move(events)); };
    filterController_ = new EventFilterController(
        {filterBar_, eventTable_, eventsModel_, processModel_, detail_, filterTimeline,
         [this](QMenu& menu, std::int64_t eventId) { bookmarks_->addMenuEntries(menu, eventId); }},
        filterJobs_, this);
    connect(filterController_, &EventFilterController::filterFailed, this, [this](const QString& message) {
        banner_->showMessage(MessageBanner::Kind::Error, tr("Filter failed: %1").arg(message.toHtmlEscaped()));
    });
    connect(eventsModel_, &EventTableModel::loaded, this, [this] {
        if (!filterController_->activeLabel().isEmpty() || casePath_.isEmpty())
            return;
        const int events = eventsModel_->rowCount();
        const int findings = findingsModel_->findingCount();
        const QString eventsText = events == 1 ? tr("1 event") : tr("%1 events").arg(QLocale().toString(events));
        const QString findingsText =
            findings == 1 ? tr("1 finding") : tr("%1 findings").arg(QLocale().toString(findings));
        statusBar()->showMessage(tr("%1: %2, %3").arg(QFileInfo(casePath_).fileName(), eventsText, findingsText));
    });
}

void MainWindow::updateActions()
{
    exportAction_->setEnabled(case_ && !jobs_->isRunning());
    rerunAction_->setEnabled(case_ && !jobs_->isRunning());
    findingsPanel_->setEditable(!jobs_->isRunning());
    rulesPanel_->setRunAllowed(case_ && !jobs_->isRunning());
}

void MainWindow::chooseDumps()
{
    const QStringList dumps =
        QFileDialog::getOpenFileNames(this, tr("Open event dumps"), QString(),
                                      tr("Event dumps (*.ndjson *.jsonl *.json *.csv *.gz *.zst);;All files (*)"));
    if (dumps.isEmpty())
        return;
    const QString casePath = askNewCasePath(dumps);
    if (!casePath.isEmpty())
        importDumps(dumps, casePath);
}

QString MainWindow::askNewCasePath(const QStringList& dumps)
{
    const QString proposal = QFileInfo(dumps.first()).absoluteDir().filePath(caseFileNameForDump(dumps.first()));
    QString path = QFileDialog::getSaveFileName(this, tr("Create case for the imported events"), proposal,
                                                tr("Spoor cases (*.spoor)"));
    if (!path.isEmpty() && !isCasePath(path))
        path += QLatin1String(".spoor");
    return path;
}

void MainWindow::chooseCase()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open case"), QString(), tr("Spoor cases (*.spoor)"));
    if (!path.isEmpty())
        openCase(path);
}

void MainWindow::chooseReport()
{
    const QString htmlFilter = tr("HTML report (*.html)");
    const QString jsonFilter = tr("JSON report (*.json)");
    QString filter = htmlFilter;
    const QString proposal =
        QFileInfo(casePath_).absoluteDir().filePath(QFileInfo(casePath_).completeBaseName() + QLatin1String(".html"));
    QString path = QFileDialog::getSaveFileName(this, tr("Export report"), proposal,
                                                htmlFilter + QLatin1String(";;") + jsonFilter, &filter);
    if (path.isEmpty())
        return;
    const ReportFormat format = filter == jsonFilter ? ReportFormat::Json : reportFormatForPath(path);
    const QLatin1String suffix(format == ReportFormat::Json ? ".json" : ".html");
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;
    exportReport(path, format);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    const bool allLocal =
        !urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl& url) { return url.isLocalFile(); });
    if (allLocal)
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        paths.append(url.toLocalFile());
    event->acceptProposedAction();
    openPaths(paths, CaseLocation::Ask);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // The worker notices the flag between documents and ends; its result is dropped with the runner.
    jobs_->cancel();
    filterJobs_->cancel();
    event->accept();
}

} // namespace spoor::ui
