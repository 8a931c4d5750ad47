// Measures how usable the main window is on a large case: the first paint after opening it, the time until the
// event table shows rows and until every view has loaded, expanding a host in the process tree and selecting a
// finding. A watchdog on the GUI thread's event loop records the stalls while the case opens, while the built-in
// rules run and, with --import, while a dump is imported into a new case, and names the event deliveries that
// took the time (see stall_watchdog.h).
//
//   bench_gui_workbench --case CASE.spoor [--import DUMP]
//
// The new case of --import is made in a temporary folder next to the dump and removed at the end. Each action
// is started from the event loop, as a menu or a click would start it, so that its own time counts as a stall.
// Run it on the offscreen platform (QT_QPA_PLATFORM=offscreen) or under xvfb-run.

#include "event_timing_application.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "stall_watchdog.h"
#include "widgets/findings_panel.h"

#include <QAbstractItemModel>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtGlobal>
#include <cstdio>
#include <functional>

using spoor::ui::MainWindow;

namespace {

constexpr int jobTimeoutMs = 60 * 60 * 1000;

// Runs the event loop until `done` is true or the timeout passes. Returns false on timeout. The loop sleeps until
// an event arrives, at the latest the next 10 ms tick, so that it leaves the CPU to the workers.
bool waitFor(const std::function<bool()>& done, int timeoutMs = jobTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QTimer wake;
    wake.start(10);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Runs `action` from the event loop, as a queued call to the window.
void post(MainWindow& window, std::function<void()> action)
{
    QMetaObject::invokeMethod(&window, std::move(action), Qt::QueuedConnection);
}

// Counts the paint events of the watched widget.
class PaintProbe : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

void printFigure(const char* label, qint64 milliseconds)
{
    std::printf("%-48s %8lld ms\n", label, static_cast<long long>(milliseconds));
    std::fflush(stdout);
}

void printStall(const char* label, StallWatchdog& watchdog)
{
    std::printf("%-48s %8.0f ms (GUI thread CPU at most %.0f ms)\n", label, watchdog.stop(), watchdog.mostCpuMs());
    watchdog.printStepStalls(stdout);
}

bool measureOpen(MainWindow& window, const QString& casePath, StallWatchdog& watchdog)
{
    PaintProbe probe;
    window.eventTable()->viewport()->installEventFilter(&probe);
    QElapsedTimer clock;
    clock.start();
    watchdog.start(QStringLiteral("open"));
    post(window, [&window, &probe, casePath] {
        probe.paints = 0;
        window.openCase(casePath);
    });
    const bool painted = waitFor([&] { return window.casePath() == casePath && probe.paints > 0; }, 60'000);
    const qint64 firstPaint = clock.elapsed();
    const auto rowShown = [&window] {
        return window.eventsModel()->rowCount() > 0 &&
               window.eventsModel()->index(0, 0).data(spoor::ui::EventTableModel::RowLoadedRole).toBool();
    };
    const bool shown = painted && waitFor(rowShown);
    const qint64 rowsShown = clock.elapsed();
    const bool opened = shown && waitFor([&] { return !window.isBusy(); });
    const qint64 loaded = clock.elapsed();
    window.eventTable()->viewport()->removeEventFilter(&probe);
    if (!opened) {
        std::fprintf(stderr, "bench_gui_workbench: the case did not open or the event table was never painted\n");
        return false;
    }
    printFigure("open case: first paint of the event table", firstPaint);
    printFigure("open case: first rows of the table shown", rowsShown);
    printFigure("open case: every view loaded", loaded);
    printStall("  longest event-loop stall while opening", watchdog);
    return true;
}

void measureExpandHost(MainWindow& window, StallWatchdog& watchdog)
{
    QAbstractItemModel* model = window.processTree()->model();
    if (model->rowCount() == 0) {
        std::printf("expand host: the process tree is empty\n");
        return;
    }
    const QModelIndex host = model->index(0, 0);
    QElapsedTimer clock;
    clock.start();
    watchdog.start(QStringLiteral("expand host"));
    post(window, [&window, host] { window.processTree()->expand(host); });
    waitFor([&] { return window.processTree()->isExpanded(host) && !model->canFetchMore(host); }, 60'000);
    QCoreApplication::processEvents();
    printFigure("expand the first host in the process tree", clock.elapsed());
    printStall("  longest event-loop stall while expanding", watchdog);
}

void measureSelectFinding(MainWindow& window, StallWatchdog& watchdog)
{
    window.findingsPanel()->setGrouping(spoor::ui::FindingsPanel::Grouping::None);
    waitFor([&window] { return !window.isBusy(); });
    QAbstractItemModel* model = window.findingsView()->model();
    if (model->rowCount() == 0) {
        std::printf("select finding: the case has no findings\n");
        return;
    }
    // The last finding: the first one may already be current.
    const QModelIndex finding = model->index(model->rowCount() - 1, 0);
    QElapsedTimer clock;
    clock.start();
    watchdog.start(QStringLiteral("select finding"));
    post(window, [&window, finding] { window.findingsView()->setCurrentIndex(finding); });
    waitFor([&] { return window.findingsView()->currentIndex() == finding; }, 60'000);
    QCoreApplication::processEvents();
    printFigure("select a finding (linked in every view)", clock.elapsed());
    printStall("  longest event-loop stall while selecting", watchdog);
}

void measureRuleRun(MainWindow& window, StallWatchdog& watchdog)
{
    QElapsedTimer clock;
    clock.start();
    watchdog.start(QStringLiteral("rule run"));
    post(window, [&window] { window.rerunBuiltinRules(); });
    waitFor([&] { return window.isBusy(); }, 60'000);
    waitFor([&] { return !window.isBusy(); });
    printFigure("run the built-in rules, views reloaded", clock.elapsed());
    printStall("  longest event-loop stall while running", watchdog);
}

void measureImport(MainWindow& window, const QString& dump, StallWatchdog& watchdog)
{
    // Next to the dump, because a case of a million events may not fit the temporary folder.
    QTemporaryDir dir(QFileInfo(dump).absoluteDir().filePath(QStringLiteral("bench-import-XXXXXX")));
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_gui_workbench: cannot make a folder next to %s\n", qPrintable(dump));
        return;
    }
    const QString casePath = dir.filePath(QStringLiteral("import.spoor"));
    QElapsedTimer clock;
    clock.start();
    watchdog.start(QStringLiteral("import"));
    post(window, [&window, dump, casePath] { window.importDumps({dump}, casePath); });
    waitFor([&] { return window.isBusy(); }, 60'000);
    waitFor([&] { return !window.isBusy() && window.casePath() == casePath; });
    printFigure("import the dump, run the built-in rules, show it", clock.elapsed());
    printStall("  longest event-loop stall while importing", watchdog);
}

} // namespace

int main(int argc, char** argv)
{
    EventTimingApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the main window on a large case."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("case"), QStringLiteral("The case to open."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("import"), QStringLiteral("A dump to import into a new case."), QStringLiteral("DUMP")});
    parser.process(app);
    const QString casePath = parser.value(QStringLiteral("case"));
    if (casePath.isEmpty() || !QFileInfo::exists(casePath)) {
        std::fprintf(stderr, "bench_gui_workbench: give an existing case with --case FILE\n");
        return 2;
    }

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    // The empty window's first paints come before the measurements.
    waitFor([] { return false; }, 500);
    StallWatchdog watchdog(app);
    if (!measureOpen(window, casePath, watchdog))
        return 1;
    measureExpandHost(window, watchdog);
    // A case straight from `spoor-cli import` has no findings before the rule run.
    measureRuleRun(window, watchdog);
    measureSelectFinding(window, watchdog);
    if (parser.isSet(QStringLiteral("import")))
        measureImport(window, parser.value(QStringLiteral("import")), watchdog);
    return 0;
}
