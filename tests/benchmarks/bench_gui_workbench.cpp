// Measures how usable the main window is on a large case. It times how long every view takes to load and paint,
// expanding a host in the process tree and selecting a finding. It also records the longest event-loop stall
// while the case opens, while the built-in rules run and, with --import, while a dump is imported.
//
//   bench_gui_workbench --case CASE.spoor [--import DUMP]
//
// Run it on the offscreen platform (QT_QPA_PLATFORM=offscreen) or under xvfb-run.

#include "main_window.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "widgets/findings_panel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
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

constexpr int watchdogIntervalMs = 5;
constexpr int jobTimeoutMs = 30 * 60 * 1000;

// Records the longest gap between ticks of a timer on the GUI thread, beyond the timer's own interval: the
// longest time the event loop did not run.
class EventLoopWatchdog : public QObject
{
public:
    EventLoopWatchdog()
    {
        timer_.setInterval(watchdogIntervalMs);
        timer_.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer_, &QTimer::timeout, this, [this] { tick(); });
    }

    void start()
    {
        longestMs_ = 0;
        clock_.start();
        lastMs_ = 0;
        timer_.start();
    }

    qint64 stop()
    {
        tick();
        timer_.stop();
        return longestMs_;
    }

private:
    void tick()
    {
        const qint64 now = clock_.elapsed();
        longestMs_ = std::max(longestMs_, now - lastMs_ - watchdogIntervalMs);
        lastMs_ = now;
    }

    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastMs_ = 0;
    qint64 longestMs_ = 0;
};

// Runs the event loop until `done` is true or the timeout passes. Returns false on timeout.
bool waitFor(const std::function<bool()>& done, int timeoutMs = jobTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

// Sets `painted` once the watched widget has received a paint event.
class PaintProbe : public QObject
{
public:
    bool painted = false;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(watched, event);
    }
};

void printFigure(const char* label, qint64 milliseconds)
{
    std::printf("%-44s %8lld ms\n", label, static_cast<long long>(milliseconds));
}

bool measureOpen(MainWindow& window, const QString& casePath, EventLoopWatchdog& watchdog)
{
    PaintProbe probe;
    window.eventTable()->viewport()->installEventFilter(&probe);
    QElapsedTimer clock;
    clock.start();
    watchdog.start();
    window.openCase(casePath);
    const bool opened = waitFor([&] { return !window.isBusy() && window.eventsModel()->rowCount() > 0; });
    probe.painted = false;
    window.eventTable()->viewport()->update();
    const bool painted = opened && waitFor([&] { return probe.painted; }, 60'000);
    const qint64 elapsed = clock.elapsed();
    const qint64 stall = watchdog.stop();
    window.eventTable()->viewport()->removeEventFilter(&probe);
    if (!painted) {
        std::fprintf(stderr, "bench_gui_workbench: the case did not open or the event table was never painted\n");
        return false;
    }
    printFigure("open case until every view has loaded", elapsed);
    printFigure("  longest event-loop stall while opening", stall);
    return true;
}

void measureExpandHost(MainWindow& window)
{
    QAbstractItemModel* model = window.processTree()->model();
    if (model->rowCount() == 0) {
        std::printf("expand host: the process tree is empty\n");
        return;
    }
    const QModelIndex host = model->index(0, 0);
    QElapsedTimer clock;
    clock.start();
    window.processTree()->expand(host);
    waitFor([&] { return model->rowCount(host) > 0 || !model->canFetchMore(host); }, 60'000);
    QCoreApplication::processEvents();
    printFigure("expand the first host in the process tree", clock.elapsed());
}

void measureSelectFinding(MainWindow& window)
{
    window.findingsPanel()->setGrouping(spoor::ui::FindingsPanel::Grouping::None);
    QAbstractItemModel* model = window.findingsView()->model();
    if (model->rowCount() == 0) {
        std::printf("select finding: the case has no findings\n");
        return;
    }
    QElapsedTimer clock;
    clock.start();
    window.findingsView()->setCurrentIndex(model->index(0, 0));
    QCoreApplication::processEvents();
    printFigure("select a finding (linked in every view)", clock.elapsed());
}

void measureRuleRun(MainWindow& window, EventLoopWatchdog& watchdog)
{
    QElapsedTimer clock;
    clock.start();
    watchdog.start();
    window.rerunBuiltinRules();
    waitFor([&] { return !window.isBusy(); });
    const qint64 stall = watchdog.stop();
    printFigure("run the built-in rules", clock.elapsed());
    printFigure("  longest event-loop stall while running", stall);
}

void measureImport(MainWindow& window, const QString& dump, EventLoopWatchdog& watchdog)
{
    QTemporaryDir dir;
    QElapsedTimer clock;
    clock.start();
    watchdog.start();
    window.importDumps({dump}, dir.filePath(QStringLiteral("import.spoor")));
    waitFor([&] { return !window.isBusy(); });
    const qint64 stall = watchdog.stop();
    printFigure("import the dump and run the built-in rules", clock.elapsed());
    printFigure("  longest event-loop stall while importing", stall);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
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
    EventLoopWatchdog watchdog;
    if (!measureOpen(window, casePath, watchdog))
        return 1;
    measureExpandHost(window);
    // A case straight from `spoor-cli import` has no findings before the rule run.
    measureRuleRun(window, watchdog);
    measureSelectFinding(window);
    if (parser.isSet(QStringLiteral("import")))
        measureImport(window, parser.value(QStringLiteral("import")), watchdog);
    return 0;
}
