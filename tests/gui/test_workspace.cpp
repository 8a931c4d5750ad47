#include "analysis/process_tree.h"
#include "main_window.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "models/process_tree_search.h"
#include "sample_case.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "widgets/process_tree_panel.h"
#include "workspace/finding_navigation.h"
#include "workspace/recent_files.h"
#include "workspace/shortcuts_dialog.h"
#include "workspace/theme.h"
#include "workspace/window_layout.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
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

std::int64_t countMatches(const spoor::store::Database& db, const std::string& pattern)
{
    auto select = db.prepare("SELECT count(*) FROM processes WHERE name LIKE ?1 OR command_line LIKE ?1");
    select.bind(1, pattern);
    select.step();
    return select.int64(0);
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
    void ancestryOnlyShowsPath();
    void inferredProcessesInItalic();
    void recentFilesAfterTwoCases();
    void shortcutsListCommonActions();
    void nextFindingWraps();
    void windowLayoutRestored();
    void themePalettes();

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

    const int count = panel.find(QStringLiteral("update-motd"));
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

    QCOMPARE(panel.find(QStringLiteral("no-such-process-name")), 0);
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

    spoor::ui::ProcessTreeSearch search;
    search.setCase(caseFile);
    QVERIFY(search.find(QString::number(pid)) >= 1);
    bool found = false;
    for (int step = 0; step < search.count(); ++step)
        found = found || search.next() == id;
    QVERIFY(found);
}

void TestWorkspace::treeSearchEscapesWildcards()
{
    auto caseFile = std::make_shared<CaseFile>(CaseFile::open(casePath_.toStdString()));
    spoor::ui::ProcessTreeSearch search;
    search.setCase(caseFile);
    // '%' and '_' are literal characters, not LIKE wildcards.
    QCOMPARE(search.find(QStringLiteral("%")), static_cast<int>(countMatches(caseFile->db(), "%\\%%")));
    QCOMPARE(search.find(QStringLiteral("s_hd")), 0);
    QCOMPARE(search.find(QStringLiteral("   ")), 0);
    QVERIFY(!search.next());
}

void TestWorkspace::ancestryOnlyShowsPath()
{
    TreeWithSearch fixture(casePath_);
    auto& [caseFile, model, tree, panel] = fixture;

    // The deepest motd child: sshd > sshd > sh > run-parts > ...
    QVERIFY(panel.find(QStringLiteral("update-motd")) > 0);
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

QTEST_MAIN(TestWorkspace)
#include "test_workspace.moc"
