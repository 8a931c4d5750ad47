// Opens a case in the main window (offscreen) and measures the event table and the EQL filter bar: the time
// until the table has read the order of its rows, a jump to the middle of the table, each filter applied to
// the table, the tree and the timeline, and clearing the filter. A watchdog timer on the GUI thread's event loop
// records the longest gap between its ticks during each step: the longest the window did not respond. Usage:
// QT_QPA_PLATFORM=offscreen bench_gui_filter CASE [FILTER...]

#include "event_filter_controller.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "widgets/filter_bar.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <QTimer>
#include <chrono>
#include <cstdio>
#include <functional>

namespace {

// Ticks every millisecond on the GUI thread and keeps the longest interval between two ticks.
class StallWatchdog
{
public:
    StallWatchdog()
    {
        timer_.setInterval(1);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const qint64 now = clock_.nsecsElapsed();
            longestNs_ = std::max(longestNs_, now - lastNs_);
            lastNs_ = now;
        });
        clock_.start();
        timer_.start();
    }

    void reset()
    {
        lastNs_ = clock_.nsecsElapsed();
        longestNs_ = 0;
    }

    double longestMs() const { return double(longestNs_) / 1e6; }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastNs_ = 0;
    qint64 longestNs_ = 0;
};

// Runs the event loop until `done` is true; returns the elapsed milliseconds, or -1 after ten minutes.
double waitFor(const std::function<bool()>& done)
{
    QElapsedTimer elapsed;
    elapsed.start();
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (elapsed.elapsed() > 600000)
            return -1;
    }
    return double(elapsed.nsecsElapsed()) / 1e6;
}

void report(const char* step, double ms, const StallWatchdog& watchdog, const QString& detail = {})
{
    std::printf("%-44s %10.0f ms   longest stall %6.1f ms   %s\n", step, ms, watchdog.longestMs(), qPrintable(detail));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
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
    window.show();
    StallWatchdog watchdog;
    spoor::ui::EventTableModel* model = window.eventsModel();
    const auto idle = [&window] { return !window.isBusy(); };

    watchdog.reset();
    QElapsedTimer opening;
    opening.start();
    window.openCase(casePath);
    waitFor(idle);
    report("open case, table row order read", double(opening.nsecsElapsed()) / 1e6, watchdog,
           QStringLiteral("%1 events").arg(model->rowCount()));

    watchdog.reset();
    const int middle = model->rowCount() / 2;
    window.eventTable()->scrollTo(model->index(middle, 0), QAbstractItemView::PositionAtCenter);
    const double jump =
        waitFor([&] { return model->index(middle, 0).data(spoor::ui::EventTableModel::RowLoadedRole).toBool(); });
    report("jump to the middle row, rows shown", jump, watchdog);

    for (const QString& filter : filters) {
        watchdog.reset();
        window.filterBar()->setText(filter);
        window.filterBar()->apply();
        const double ms = waitFor(idle);
        report(qPrintable(QStringLiteral("filter: %1").arg(filter).left(44)), ms, watchdog,
               QStringLiteral("%1 events kept").arg(model->rowCount()));
    }

    watchdog.reset();
    window.filterBar()->setText(QString());
    window.filterController()->clearFilter();
    const double cleared = waitFor(idle);
    report("clear the filter", cleared, watchdog, QStringLiteral("%1 events").arg(model->rowCount()));

    if (model->rowCount() > 0) {
        watchdog.reset();
        const std::int64_t event = model->eventId(middle);
        QElapsedTimer surrounding;
        surrounding.start();
        window.filterController()->showSurroundingEvents(event, spoor::ui::SurroundingScope::Host);
        waitFor(idle);
        report("surrounding events on the host", double(surrounding.nsecsElapsed()) / 1e6, watchdog,
               QStringLiteral("%1 events").arg(model->rowCount()));
    }
    return 0;
}
