// Opens a case in the main window (offscreen) and measures the event table and the EQL filter bar: the time
// until the table has read the order of its rows, a jump to the middle of the table, each filter applied to
// the table, the tree and the timeline, clearing the filter and "Surrounding events". A watchdog on the GUI
// thread's event loop records the longest stall of each step and names the event deliveries behind every stall
// of 100 ms or more (see stall_watchdog.h). Each action is started from the event loop, as the filter bar's
// Return key would start it. Usage:
//
//   QT_QPA_PLATFORM=offscreen bench_gui_filter CASE [FILTER...]

#include "event_filter_controller.h"
#include "event_timing_application.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "stall_watchdog.h"
#include "widgets/filter_bar.h"

#include <QElapsedTimer>
#include <QTableView>
#include <QTimer>
#include <cstdio>
#include <functional>

namespace {

constexpr qint64 stepTimeoutMs = 60 * 60 * 1000;

// Runs the event loop until `done` is true; returns the elapsed milliseconds, or -1 after the timeout. The loop
// sleeps until an event arrives, at the latest the next 10 ms tick, so that it leaves the CPU to the workers.
double waitFor(const std::function<bool()>& done)
{
    QElapsedTimer elapsed;
    elapsed.start();
    QTimer wake;
    wake.start(10);
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        if (elapsed.elapsed() > stepTimeoutMs)
            return -1;
    }
    return double(elapsed.nsecsElapsed()) / 1e6;
}

// Runs `action` from the event loop and waits until the window is idle; returns the elapsed milliseconds.
double runStep(spoor::ui::MainWindow& window, const std::function<void()>& action)
{
    QElapsedTimer elapsed;
    elapsed.start();
    bool started = false;
    QMetaObject::invokeMethod(
        &window,
        [&] {
            action();
            started = true;
        },
        Qt::QueuedConnection);
    if (waitFor([&] { return started && !window.isBusy(); }) < 0)
        return -1;
    return double(elapsed.nsecsElapsed()) / 1e6;
}

void report(const QString& step, double ms, StallWatchdog& watchdog, const QString& detail = {})
{
    const double stall = watchdog.stop();
    std::printf("%-48s %10.0f ms   longest stall %6.0f ms (GUI thread CPU at most %.0f ms)   %s\n",
                qPrintable(step.left(48)), ms, stall, watchdog.mostCpuMs(), qPrintable(detail));
    watchdog.printStepStalls(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    EventTimingApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_gui_filter CASE [FILTER...]\n");
        return 2;
    }
    const QString casePath = QString::fromLocal8Bit(argv[1]);
    QStringList filters;
    for (int i = 2; i < argc; ++i)
        filters.append(QString::fromLocal8Bit(argv[i]));
    if (filters.isEmpty()) {
        filters = {QStringLiteral("process.name == \"sftp-server\""),
                   QStringLiteral("stringContains(process.command_line, \"xz\")"),
                   QStringLiteral("process where event.action == \"exec\"")};
    }

    spoor::ui::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    StallWatchdog watchdog(app);
    spoor::ui::EventTableModel* model = window.eventsModel();

    watchdog.start(QStringLiteral("open"));
    const double opened = runStep(window, [&] { window.openCase(casePath); });
    report(QStringLiteral("open case, every view loaded"), opened, watchdog,
           QStringLiteral("%1 events").arg(model->rowCount()));

    const int middle = model->rowCount() / 2;
    watchdog.start(QStringLiteral("jump"));
    QElapsedTimer jumping;
    jumping.start();
    QMetaObject::invokeMethod(
        &window, [&] { window.eventTable()->scrollTo(model->index(middle, 0), QAbstractItemView::PositionAtCenter); },
        Qt::QueuedConnection);
    waitFor([&] { return model->index(middle, 0).data(spoor::ui::EventTableModel::RowLoadedRole).toBool(); });
    report(QStringLiteral("jump to the middle row, rows shown"), double(jumping.nsecsElapsed()) / 1e6, watchdog);

    for (const QString& filter : filters) {
        watchdog.start(QStringLiteral("filter"));
        const double ms = runStep(window, [&] {
            window.filterBar()->setText(filter);
            window.filterBar()->apply();
        });
        report(QStringLiteral("filter: %1").arg(filter), ms, watchdog,
               QStringLiteral("%1 events kept").arg(model->rowCount()));
    }

    watchdog.start(QStringLiteral("clear"));
    const double cleared = runStep(window, [&] {
        window.filterBar()->setText(QString());
        window.filterController()->clearFilter();
    });
    report(QStringLiteral("clear the filter"), cleared, watchdog, QStringLiteral("%1 events").arg(model->rowCount()));

    if (model->rowCount() > 0) {
        const std::int64_t event = model->eventId(middle);
        watchdog.start(QStringLiteral("surrounding"));
        const double surrounding = runStep(window, [&] {
            window.filterController()->showSurroundingEvents(event, spoor::ui::SurroundingScope::Host);
        });
        report(QStringLiteral("surrounding events on the host"), surrounding, watchdog,
               QStringLiteral("%1 events").arg(model->rowCount()));
    }
    return 0;
}
