#include "analysis/process_tree.h"
#include "bookmark_controller.h"
#include "finding_process_states.h"
#include "jobs/job_context.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "models/process_tree_search.h"
#include "sample_case.h"
#include "scenario/scenario.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "timeline/sshd_timeline_view.h"
#include "widgets/csv_time_zone_dialog.h"
#include "widgets/event_detail_view.h"
#include "widgets/process_tree_panel.h"
#include "workspace/finding_navigation.h"
#include "workspace/recent_files.h"
#include "workspace/shortcuts_dialog.h"
#include "workspace/theme.h"
#include "workspace/window_layout.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>
#include <algorithm>
#include <fstream>
#include <set>

using spoor::store::CaseFile;
using spoor::ui::MainWindow;
using spoor::ui::ProcessTreeModel;
using spoor::ui::ProcessTreePanel;

namespace {

// Counts the rows under `parent` that the view does not hide.
int visibleRows(const QTreeView& view, const QModelIndex& parent)
{
    int visible = 0;
    for (int row = 0; row < view.model()->rowCount(parent); ++row)
        visible += view.isRowHidden(row, parent) ? 0 : 1;
    return visible;
}

// Events of the generated case for the many-hits search: enough for more than 10,000 sshd processes.
constexpr std::uint64_t manyHitsEvents = 60'000;

// Reads one integer from a case file through a connection of its own.
std::int64_t scalarOf(const QString& casePath, const std::string& sql, std::int64_t parameter)
{
    auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
    auto select = caseFile.db().prepare(sql);
    select.bind(1, parameter);
    return select.step() ? select.int64(0) : -1;
}

std::int64_t countMatches(const spoor::store::Database& db, const std::string& pattern)
{
    auto select = db.prepare("SELECT count(*) FROM processes WHERE name LIKE ?1 OR command_line LIKE ?1");
    select.bind(1, pattern);
    select.step();
    return select.int64(0);
}

// Starts a search of the panel and waits for it; returns its number of hits, or -1 when it did not end.
int findAndWait(ProcessTreePanel& panel, const QString& text)
{
    QSignalSpy finished(&panel, &ProcessTreePanel::searchFinished);
    panel.find(text);
    if (finished.isEmpty() && !finished.wait(60'000))
        return -1;
    return finished.last().at(0).toInt();
}

// A process tree over a case with its search panel, as the main window builds them.
struct TreeWithSearch
{
    explicit TreeWithSearch(const QString& casePath)
        : caseFile(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString()))), tree(new QTreeView),
          panel(tree, &model)
    {
        model.setCase(caseFile);
        panel.setCase(caseFile);
    }

    std::shared_ptr<CaseFile> caseFile;
    ProcessTreeModel model;
    QTreeView* tree; // owned by the panel
    ProcessTreePanel panel;
};

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void treeSearchNextPrevious();
    void treeSearchByPid();
    void treeSearchEscapesWildcards();
    void treeSearchKeepsEveryHit();
    void ancestryOnlyShowsPath();
    void inferredProcessesInItalic();
    void recentFilesAfterTwoCases();
    void shortcutsListCommonActions();
    void nextFindingWraps();
    void windowLayoutRestored();
    void themePalettes();
    void bookmarksInEveryView();
    void kibanaCsvAsksTimeZone();
    void screenshotAncestry();

private:
    QTemporaryDir dir_;
    QString casePath_;
    QString secondCasePath_;
};

void TestWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("spoor-tests"));
    QApplication::setApplicationName(QStringLiteral("test_workspace"));
    QSettings().clear();
    SPOOR_REQUIRE_SAMPLE(dump);
    casePath_ = dir_.filePath(QStringLiteral("first.spoor"));
    const auto outcome = importSample(dump, casePath_);
    QVERIFY(outcome.imported);
    QVERIFY(!outcome.cancelled);
    secondCasePath_ = dir_.filePath(QStringLiteral("second.spoor"));
    QVERIFY(QFile::copy(casePath_, secondCasePath_));
}

void TestWorkspace::treeSearchNextPrevious()
{
    TreeWithSearch fixture(casePath_);
    auto& [caseFile, model, tree, panel] = fixture;
    // Attached after the reset: Qt 6.4's tester runs fetchMore from its modelReset slot before it marks the
    // reset finished, and then reports the rows that fetchMore inserts as overlapping it.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The View menu shows the actions' words, the search row's buttons only the arrows.
    QCOMPARE(panel.nextAction()->text(), QStringLiteral("Next match in process tree"));
    QCOMPARE(panel.previousAction()->text(), QStringLiteral("Previous match in process tree"));
    QStringList buttonTexts;
    for (const QToolButton* button : panel.findChildren<QToolButton*>())
        buttonTexts.append(button->text());
    QVERIFY2(buttonTexts.contains(QStringLiteral("▼")), qPrintable(buttonTexts.join(QLatin1Char(' '))));
    QVERIFY2(buttonTexts.contains(QStringLiteral("▲")), qPrintable(buttonTexts.join(QLatin1Char(' '))));

    const int count = findAndWait(panel, QStringLiteral("update-motd"));
    QCOMPARE(static_cast<std::int64_t>(count), countMatches(caseFile->db(), "%update-motd%"));
    QVERIFY(count >= 2);
    QCOMPARE(panel.search().position(), 0);

    std::vector<std::int64_t> visited;
    for (int step = 0; step < count; ++step) {
        if (step > 0)
            QVERIFY(panel.findNext());
        const QModelIndex current = tree->currentIndex();
        QVERIFY(current.isValid());
        const std::int64_t id = model.processId(current);
        QVERIFY(id > 0);
        visited.push_back(id);
        const QString name = current.siblingAtColumn(ProcessTreeModel::NameColumn).data().toString();
        const QString commandLine = current.siblingAtColumn(ProcessTreeModel::CommandLineColumn).data().toString();
        QVERIFY2(name.contains(QStringLiteral("update-motd")) || commandLine.contains(QStringLiteral("update-motd")),
                 qPrintable(commandLine));
        // The path to the hit is expanded, so the hit is on screen.
        for (QModelIndex parent = current.parent(); parent.isValid(); parent = parent.parent())
            QVERIFY(tree->isExpanded(parent));
    }
    QCOMPARE(std::set<std::int64_t>(visited.begin(), visited.end()).size(), visited.size());

    // Past the last hit, next wraps to the first; previous from the first goes to the last.
    QVERIFY(panel.findNext());
    QCOMPARE(model.processId(tree->currentIndex()), visited.front());
    QVERIFY(panel.findPrevious());
    QCOMPARE(model.processId(tree->currentIndex()), visited.back());
    QVERIFY(panel.findPrevious());
    QCOMPARE(model.processId(tree->currentIndex()), visited[visited.size() - 2]);

    QCOMPARE(findAndWait(panel, QStringLiteral("no-such-process-name")), 0);
    QVERIFY(!panel.findNext());
}

void TestWorkspace::treeSearchByPid()
{
    auto caseFile = std::make_shared<CaseFile>(CaseFile::open(casePath_.toStdString()));
    auto select = caseFile->db().prepare(
        "SELECT id, pid FROM processes WHERE parent_id IS NOT NULL AND pid IS NOT NULL ORDER BY id DESC LIMIT 1");
    QVERIFY(select.step());
    const std::int64_t id = select.int64(0);
    const std::int64_t pid = select.int64(1);

    const std::vector<std::int64_t> hits = spoor::ui::findProcesses(caseFile->db(), QString::number(pid));
    QVERIFY(!hits.empty());
    QVERIFY(std::find(hits.begin(), hits.end(), id) != hits.end());
}

void TestWorkspace::treeSearchEscapesWildcards()
{
    auto caseFile = std::make_shared<CaseFile>(CaseFile::open(casePath_.toStdString()));
    const auto& db = caseFile->db();
    // '%' and '_' are literal characters, not LIKE wildcards.
    QCOMPARE(static_cast<std::int64_t>(spoor::ui::findProcesses(db, QStringLiteral("%")).size()),
             countMatches(db, "%\\%%"));
    QVERIFY(spoor::ui::findProcesses(db, QStringLiteral("s_hd")).empty());
    QVERIFY(spoor::ui::findProcesses(db, QStringLiteral("   ")).empty());
    spoor::ui::ProcessTreeSearch search;
    search.setHits(QStringLiteral("s_hd"), {});
    QVERIFY(!search.next());
}

void TestWorkspace::treeSearchKeepsEveryHit()
{
    // A generated case with more matching processes than the 10,000 hits an earlier search kept.
    const QString dump = dir_.filePath(QStringLiteral("many.ndjson"));
    {
        std::ofstream out(dump.toStdString());
        spoor::scenario::Options options;
        options.targetEvents = manyHitsEvents;
        spoor::scenario::generate(options, out);
    }
    const QString casePath = dir_.filePath(QStringLiteral("many.spoor"));
    spoor::ui::JobContext context;
    QVERIFY(spoor::ui::runImport({casePath, {dump}, false, {}}, context).imported);
    TreeWithSearch fixture(casePath);
    auto& [caseFile, model, tree, panel] = fixture;
    const std::int64_t expected = countMatches(caseFile->db(), "%sshd%");
    QVERIFY2(expected > 10'000, qPrintable(QString::number(expected)));

    QSignalSpy finished(&panel, &ProcessTreePanel::searchFinished);
    panel.find(QStringLiteral("sshd"));
    QVERIFY(panel.isSearching()); // the search runs on a worker
    QVERIFY(finished.wait(60'000));
    QVERIFY(!panel.isSearching());
    QCOMPARE(finished.last().at(0).toInt(), static_cast<int>(expected));
    QCOMPARE(panel.search().count(), static_cast<int>(expected));
    const auto* label = panel.findChild<QLabel*>(QStringLiteral("treeSearchHits"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("1 of %1").arg(QLocale().toString(static_cast<qlonglong>(expected))));

    // The hits are in host, start time and id order: previous from the first goes to the very last one.
    auto select =
        caseFile->db().prepare("SELECT id FROM processes WHERE name LIKE '%sshd%' OR command_line LIKE '%sshd%'"
                               " ORDER BY host_name DESC, host_id DESC, start_ns DESC, id DESC LIMIT 1");
    QVERIFY(select.step());
    const std::int64_t lastHit = select.int64(0);
    const std::int64_t firstHit = model.processId(tree->currentIndex());
    QVERIFY(panel.findPrevious());
    QCOMPARE(model.processId(tree->currentIndex()), lastHit);
    QCOMPARE(label->text(), QStringLiteral("%1 of %1").arg(QLocale().toString(static_cast<qlonglong>(expected))));
    QVERIFY(panel.findNext());
    QCOMPARE(model.processId(tree->currentIndex()), firstHit);

    // A new search replaces a running one, whose result is dropped.
    finished.clear();
    panel.find(QStringLiteral("sshd"));
    panel.find(QStringLiteral("no-such-process-name"));
    QVERIFY(finished.wait(60'000));
    QCOMPARE(finished.last().at(0).toInt(), 0);
    QCOMPARE(panel.search().text(), QStringLiteral("no-such-process-name"));
    QCOMPARE(label->text(), QStringLiteral("no match"));
}

void TestWorkspace::ancestryOnlyShowsPath()
{
    TreeWithSearch fixture(casePath_);
    auto& [caseFile, model, tree, panel] = fixture;

    // The deepest motd child: sshd > sshd > sh > run-parts > ...
    QVERIFY(findAndWait(panel, QStringLiteral("update-motd")) > 0);
    QModelIndex target = tree->currentIndex().siblingAtColumn(0);
    int depth = 0;
    for (QModelIndex up = target; up.isValid(); up = up.parent())
        ++depth;
    QVERIFY(depth >= 3);
    tree->expand(target);
    QVERIFY(model.rowCount(model.index(0, 0)) > 1 || model.rowCount() > 1);

    panel.setAncestryOnly(true);
    QVERIFY(panel.isAncestryOnly());
    QVERIFY(panel.ancestryAction()->isChecked());
    QVERIFY(!tree->isExpanded(target));
    for (QModelIndex level = target; level.isValid(); level = level.parent()) {
        QCOMPARE(visibleRows(*tree, level.parent()), 1);
        QVERIFY(!tree->isRowHidden(level.row(), level.parent()));
        if (level != target)
            QVERIFY(tree->isExpanded(level));
    }
    QCOMPARE(tree->currentIndex().siblingAtColumn(0), target);

    // Selecting another process shows its ancestry instead.
    QVERIFY(panel.findNext());
    const QModelIndex other = tree->currentIndex().siblingAtColumn(0);
    QVERIFY(other != target);
    for (QModelIndex level = other; level.isValid(); level = level.parent())
        QCOMPARE(visibleRows(*tree, level.parent()), 1);

    panel.setAncestryOnly(false);
    QVERIFY(!panel.isAncestryOnly());
    QCOMPARE(visibleRows(*tree, {}), model.rowCount());
    QCOMPARE(visibleRows(*tree, other.parent()), model.rowCount(other.parent()));
}

void TestWorkspace::inferredProcessesInItalic()
{
    auto caseFile = std::make_shared<CaseFile>(CaseFile::open(casePath_.toStdString()));
    auto select =
        caseFile->db().prepare("SELECT id, entity_inferred FROM processes ORDER BY entity_inferred DESC LIMIT 1");
    QVERIFY(select.step());
    const std::int64_t id = select.int64(0);
    const bool inferred = select.int64(1) != 0;
    ProcessTreeModel model;
    model.setCase(caseFile);
    const QModelIndex index = model.indexForProcess(id);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(ProcessTreeModel::InferredRole).toBool(), inferred);
    QCOMPARE(index.data(Qt::FontRole).value<QFont>().italic(), inferred);
    const QString toolTip = index.data(Qt::ToolTipRole).toString();
    QVERIFY2(toolTip.contains(inferred ? QStringLiteral("Inferred identity") : QStringLiteral("process.entity_id")),
             qPrintable(toolTip));

    // A bookmarked event marks its process.
    QCOMPARE(index.data(ProcessTreeModel::BookmarkedRole).toBool(), false);
    model.setBookmarkedProcesses({id});
    QCOMPARE(index.data(ProcessTreeModel::BookmarkedRole).toBool(), true);
}

void TestWorkspace::recentFilesAfterTwoCases()
{
    MainWindow window;
    window.recentFiles()->clear();
    window.openCase(casePath_);
    QCOMPARE(window.casePath(), casePath_);
    window.openCase(secondCasePath_);
    QCOMPARE(window.casePath(), secondCasePath_);
    const QStringList expected = {QFileInfo(secondCasePath_).absoluteFilePath(),
                                  QFileInfo(casePath_).absoluteFilePath()};
    QCOMPARE(window.recentFiles()->paths(), expected);
    QCOMPARE(spoor::ui::RecentFiles().paths(), expected); // stored in QSettings, not only in memory

    const QList<QAction*> entries = window.recentFiles()->menu()->actions();
    QVERIFY(entries.size() >= 2);
    QVERIFY(entries.at(0)->text().contains(QStringLiteral("second.spoor")));
    QVERIFY(entries.at(1)->text().contains(QStringLiteral("first.spoor")));

    // Choosing an entry opens that case and moves it to the top.
    entries.at(1)->trigger();
    QCOMPARE(window.casePath(), QFileInfo(casePath_).absoluteFilePath());
    QCOMPARE(window.recentFiles()->paths().front(), QFileInfo(casePath_).absoluteFilePath());
    QCOMPARE(window.recentFiles()->paths().size(), 2);
}

void TestWorkspace::shortcutsListCommonActions()
{
    MainWindow window;
    spoor::ui::ShortcutsDialog dialog(*window.menuBar());
    std::map<QString, QString> keys;
    for (int row = 0; row < dialog.table()->rowCount(); ++row)
        keys[dialog.table()->item(row, 1)->text()] = dialog.table()->item(row, 2)->text();
    const QStringList expected = {QStringLiteral("Open case"),
                                  QStringLiteral("Open dump"),
                                  QStringLiteral("Export report"),
                                  QStringLiteral("Run selected rules"),
                                  QStringLiteral("Run built-in rules again"),
                                  QStringLiteral("Find in process tree"),
                                  QStringLiteral("Filter events"),
                                  QStringLiteral("Next finding"),
                                  QStringLiteral("Previous finding"),
                                  QStringLiteral("Timeline zoom back"),
                                  QStringLiteral("Reset timeline zoom"),
                                  QStringLiteral("Keyboard shortcuts")};
    for (const QString& action : expected) {
        QVERIFY2(keys.count(action) == 1, qPrintable(action));
        QVERIFY2(!keys[action].isEmpty(), qPrintable(action));
    }
    // No two actions share a key sequence, or Qt would run neither.
    std::set<QString> sequences;
    for (const auto& [action, sequence] : keys)
        QVERIFY2(sequences.insert(sequence).second, qPrintable(action + QStringLiteral(": ") + sequence));
}

void TestWorkspace::nextFindingWraps()
{
    auto caseFile = std::make_shared<CaseFile>(CaseFile::open(casePath_.toStdString()));
    spoor::ui::FindingsModel model;
    model.setCase(caseFile);
    model.setGrouping(spoor::analysis::GroupKey::Host);
    QVERIFY(model.findingCount() >= 2);
    std::set<std::int64_t> seen;
    QModelIndex current;
    for (int step = 0; step < model.findingCount(); ++step) {
        current = spoor::ui::adjacentFinding(model, current, 1);
        QVERIFY(current.isValid());
        QVERIFY(!model.isGroup(current));
        seen.insert(model.findingId(current));
    }
    QCOMPARE(static_cast<int>(seen.size()), model.findingCount());
    const QModelIndex first = spoor::ui::adjacentFinding(model, current, 1);
    QCOMPARE(spoor::ui::adjacentFinding(model, first, -1), current);
    QCOMPARE(spoor::ui::adjacentFinding(model, {}, -1), current);
}

void TestWorkspace::windowLayoutRestored()
{
    QList<int> sizes;
    {
        MainWindow window;
        window.show();
        auto* splitter = window.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({300, 900, 400});
        sizes = splitter->sizes();
        spoor::ui::saveWindowLayout(window);
    }
    MainWindow restored;
    spoor::ui::restoreWindowLayout(restored);
    restored.show();
    auto* splitter = restored.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
    QVERIFY(splitter);
    QCOMPARE(splitter->sizes(), sizes);
}

void TestWorkspace::themePalettes()
{
    const QPalette dark = spoor::ui::darkPalette();
    QVERIFY(dark.color(QPalette::Window).lightness() < dark.color(QPalette::WindowText).lightness());
    QVERIFY(dark.color(QPalette::Base).lightness() < dark.color(QPalette::Text).lightness());
    const QPalette light = spoor::ui::lightPalette();
    QVERIFY(light.color(QPalette::Window).lightness() > light.color(QPalette::WindowText).lightness());

    spoor::ui::saveTheme(spoor::ui::Theme::Dark);
    QCOMPARE(spoor::ui::savedTheme(), spoor::ui::Theme::Dark);
    spoor::ui::applyTheme(spoor::ui::Theme::Dark);
    QCOMPARE(QApplication::palette().color(QPalette::Window), dark.color(QPalette::Window));
    spoor::ui::applyTheme(spoor::ui::Theme::Light);
    QCOMPARE(QApplication::palette().color(QPalette::Window), light.color(QPalette::Window));
    spoor::ui::saveTheme(spoor::ui::Theme::System);
    QCOMPARE(spoor::ui::savedTheme(), spoor::ui::Theme::System);
}

void TestWorkspace::bookmarksInEveryView()
{
    const QString casePath = dir_.filePath(QStringLiteral("bookmarks.spoor"));
    QVERIFY(QFile::copy(casePath_, casePath));
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openCase(casePath);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60'000);
    spoor::ui::EventTableModel& events = *window.eventsModel();
    QAbstractItemModelTester tester(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);
    spoor::ui::BookmarkController& bookmarks = *window.bookmarks();
    QVERIFY(events.rowCount() > 10);
    QCOMPARE(bookmarks.bookmarkAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+D")));

    // Bookmark the sixth event through the action and its note dialog.
    const int row = 5;
    const std::int64_t eventId = events.eventId(row);
    window.eventTable()->setCurrentIndex(events.index(row, 0));
    QCOMPARE(bookmarks.currentEvent(), eventId);
    QVERIFY(bookmarks.bookmarkAction()->isEnabled());
    bookmarks.bookmarkAction()->trigger();
    auto* dialog = window.findChild<QInputDialog*>(QStringLiteral("bookmarkNoteDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->setTextValue(QStringLiteral("first <b>login</b> of the attacker"));
    dialog->accept();
    QCOMPARE(scalarOf(casePath, "SELECT count(*) FROM bookmarks WHERE event = ?", eventId), std::int64_t(1));

    // The event table, the process tree and the detail pane show it.
    const QModelIndex time = events.index(row, spoor::ui::EventTableModel::TimeColumn);
    QVERIFY(time.data(spoor::ui::EventTableModel::BookmarkedRole).toBool());
    QVERIFY(!time.data(Qt::DecorationRole).value<QIcon>().isNull());
    // The tool tip is rich text that shows the note's tags as written.
    QTextDocument toolTip;
    toolTip.setHtml(time.data(Qt::ToolTipRole).toString());
    QCOMPARE(toolTip.toPlainText(), QStringLiteral("Bookmarked: first <b>login</b> of the attacker"));
    QVERIFY(!events.index(row - 1, 0).data(spoor::ui::EventTableModel::BookmarkedRole).toBool());
    auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
    const auto process = spoor::analysis::processForEvent(caseFile.db(), eventId);
    QVERIFY(process);
    const QModelIndex node = window.processModel()->indexForProcess(process->id);
    QVERIFY(node.data(ProcessTreeModel::BookmarkedRole).toBool());
    QCOMPARE(window.detailView()->eventId(), eventId);
    // The detail pane is on a tab that is not in front, so the label is checked against the pane.
    QVERIFY(window.detailView()->bookmarkLabel()->isVisibleTo(window.detailView()));
    QCOMPARE(window.detailView()->bookmarkLabel()->text(),
             QStringLiteral("Bookmarked: first <b>login</b> of the attacker"));
    QCOMPARE(window.detailView()->bookmarkLabel()->textFormat(), Qt::PlainText);
    const std::int64_t byteOffset = scalarOf(casePath, "SELECT byte_offset FROM events WHERE id = ?", eventId);
    QVERIFY(byteOffset > 0);
    const QString source = window.detailView()->sourceLabel()->text();
    QVERIFY2(source.contains(QStringLiteral(", byte offset %1").arg(byteOffset)), qPrintable(source));

    // The sshd timeline flags the bookmarked event on the lanes that show it.
    QVERIFY(!window.timeline()->lanes().empty());
    const spoor::ui::TimelineMark& laneMark = window.timeline()->lanes().front().marks.front();
    QVERIFY(bookmarks.setBookmark(laneMark.eventId, QStringLiteral("on the timeline")));
    const auto flagged = [&window](std::int64_t event) {
        const auto& marks = window.timeline()->bookmarkMarks();
        return std::any_of(marks.begin(), marks.end(), [event](const auto& mark) { return mark.eventId == event; });
    };
    QVERIFY(flagged(laneMark.eventId));
    QCOMPARE(window.timeline()->canvas()->bookmarks().at(laneMark.eventId), QStringLiteral("on the timeline"));
    QVERIFY(bookmarks.setBookmark(laneMark.eventId, QStringLiteral("edited")));
    QCOMPARE(window.timeline()->canvas()->bookmarks().at(laneMark.eventId), QStringLiteral("edited"));
    QVERIFY(bookmarks.removeBookmark(laneMark.eventId));
    QVERIFY(!flagged(laneMark.eventId));

    // The context menus offer to edit the note and to remove the bookmark.
    QMenu menu;
    bookmarks.addMenuEntries(menu, eventId);
    QCOMPARE(menu.actions().size(), qsizetype(2));
    QCOMPARE(menu.actions().at(0)->text(), QStringLiteral("Edit bookmark note…"));
    QVERIFY(menu.actions().at(1)->isEnabled());

    // The bookmark is in the case file: another window shows it.
    {
        MainWindow reopened;
        reopened.openCase(casePath);
        QTRY_VERIFY_WITH_TIMEOUT(!reopened.isBusy(), 60'000);
        const int reopenedRow = reopened.eventsModel()->rowOfEvent(eventId);
        QVERIFY(reopenedRow >= 0);
        QVERIFY(
            reopened.eventsModel()->index(reopenedRow, 0).data(spoor::ui::EventTableModel::BookmarkedRole).toBool());
        QVERIFY(reopened.timeline()->canvas()->bookmarks().count(eventId) == 1);
    }

    // Removing it clears every mark.
    window.eventTable()->setCurrentIndex(events.index(row, 0));
    bookmarks.removeAction()->trigger();
    QCOMPARE(scalarOf(casePath, "SELECT count(*) FROM bookmarks WHERE event = ?", eventId), std::int64_t(0));
    QVERIFY(!time.data(spoor::ui::EventTableModel::BookmarkedRole).toBool());
    QVERIFY(!window.processModel()->indexForProcess(process->id).data(ProcessTreeModel::BookmarkedRole).toBool());
    QVERIFY(!window.detailView()->bookmarkLabel()->isVisibleTo(window.detailView()));

    // A process stands for the event that started it.
    auto started = caseFile.db().prepare(
        "SELECT id, start_event FROM processes WHERE start_event IS NOT NULL AND parent_id IS NOT NULL LIMIT 1");
    QVERIFY(started.step());
    const std::int64_t startedProcess = started.int64(0);
    const std::int64_t startEvent = started.int64(1);
    window.eventTable()->setCurrentIndex(QModelIndex());
    window.processTree()->setCurrentIndex(window.processModel()->indexForProcess(startedProcess));
    QCOMPARE(bookmarks.currentEvent(), startEvent);
    QVERIFY(bookmarks.setBookmark(startEvent, QString()));
    QCOMPARE(scalarOf(casePath, "SELECT count(*) FROM bookmarks WHERE event = ? AND note IS NULL", startEvent),
             std::int64_t(1));
    QVERIFY(window.processModel()->indexForProcess(startedProcess).data(ProcessTreeModel::BookmarkedRole).toBool());
}

void TestWorkspace::kibanaCsvAsksTimeZone()
{
    const QString csv =
        QDir(QStringLiteral(SPOOR_SOURCE_DIR)).filePath(QStringLiteral("tests/ingest/data/kibana-discover.csv"));
    QVERIFY2(QFileInfo::exists(csv), qPrintable(csv));
    QSettings().remove(QStringLiteral("import/csvTimeZone"));
    const QString casePath = dir_.filePath(QStringLiteral("csv.spoor"));
    MainWindow window;
    window.importDumps({csv}, casePath);

    // The dialog opens without blocking and offers the system's zone. Nothing is imported before the user
    // confirms a zone.
    spoor::ui::CsvTimeZoneDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<spoor::ui::CsvTimeZoneDialog*>()) != nullptr, 60'000);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->timeZone(), spoor::ui::CsvTimeZoneDialog::defaultTimeZone());
    QVERIFY(!window.isBusy());
    QVERIFY(!QFileInfo::exists(casePath));

    // A zone the importer cannot load disables OK.
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    dialog->setTimeZone(QStringLiteral("Mars/Olympus_Mons"));
    QVERIFY(!dialog->isTimeZoneValid());
    QVERIFY(!ok->isEnabled());
    dialog->setTimeZone(QStringLiteral("+02:00"));
    QVERIFY(ok->isEnabled());
    ok->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60'000);
    QCOMPARE(window.casePath(), casePath);
    QCOMPARE(QSettings().value(QStringLiteral("import/csvTimeZone")).toString(), QStringLiteral("+02:00"));

    // "Apr 3, 2024 @ 01:28:07.123" at +02:00 is 2024-04-02T23:28:07.123Z.
    constexpr std::int64_t expectedNs = 1'712'100'487'123'000'000;
    QCOMPARE(scalarOf(casePath, "SELECT min(timestamp_ns) FROM events WHERE ? > 0", 1), expectedNs);

    // The next CSV import offers the zone chosen last; cancelling it imports nothing.
    const QString copy = dir_.filePath(QStringLiteral("discover-copy.csv"));
    QVERIFY(QFile::copy(csv, copy));
    QFile append(copy);
    QVERIFY(append.open(QIODevice::Append));
    append.write("\"2024-04-05T10:00:00.000\",\"web-01\",root,1,sh,-,sh,1,systemd,process,exec,x,y\n");
    append.close();
    const std::int64_t eventsBefore = scalarOf(casePath, "SELECT count(*) FROM events WHERE ? > 0", 1);
    window.importDumps({copy}, casePath);
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<spoor::ui::CsvTimeZoneDialog*>()) != nullptr, 60'000);
    QCOMPARE(dialog->timeZone(), QStringLiteral("+02:00"));
    dialog->reject();
    QTRY_VERIFY(window.findChild<spoor::ui::CsvTimeZoneDialog*>() == nullptr);
    QVERIFY(!window.isBusy());
    QCOMPARE(scalarOf(casePath, "SELECT count(*) FROM events WHERE ? > 0", 1), eventsBefore);
}

// Writes process-ancestry.png into $SPOOR_SCREENSHOT_DIR (scripts/screenshots.sh): the process tree of the
// sample case with "Show ancestry only" applied to the payload of the exploitation, the step 2 that is neither
// pam_motd's run-parts nor unix_chkpwd.
void TestWorkspace::screenshotAncestry()
{
    const QString folder = qEnvironmentVariable("SPOOR_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("SPOOR_SCREENSHOT_DIR is not set");
    TreeWithSearch fixture(casePath_);
    auto& [caseFile, model, tree, panel] = fixture;
    auto select = caseFile->db().prepare(
        "SELECT second.event FROM finding_events AS second JOIN events AS e ON e.id = second.event"
        " WHERE second.step = 1 AND e.command_line NOT LIKE '%run-parts%' AND e.command_line NOT LIKE '%unix_chkpwd%'"
        " ORDER BY second.finding LIMIT 1");
    QVERIFY(select.step());
    const auto process = spoor::analysis::processForEvent(caseFile->db(), select.int64(0));
    QVERIFY(process);
    model.setFindingProcesses(spoor::ui::loadFindingProcessStates(caseFile->db()));

    panel.resize(1500, 200);
    tree->header()->resizeSection(ProcessTreeModel::NameColumn, 300);
    tree->header()->resizeSection(ProcessTreeModel::StartColumn, 230);
    tree->header()->resizeSection(ProcessTreeModel::EndColumn, 230);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QModelIndex target = model.indexForProcess(process->id);
    QVERIFY(target.isValid());
    tree->setCurrentIndex(target);
    panel.setAncestryOnly(true);
    QVERIFY(panel.isAncestryOnly());
    QTest::qWait(100);
    QVERIFY(panel.grab().save(QDir(folder).filePath(QStringLiteral("process-ancestry.png"))));
}

QTEST_MAIN(TestWorkspace)
#include "test_workspace.moc"
