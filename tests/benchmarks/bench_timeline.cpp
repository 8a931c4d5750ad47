// Measures the painted sshd timeline with 100,000 connection lanes: the time to hand the lanes to the
// canvas and the time of a full repaint of its viewport at several zoom levels.
// Usage: bench_timeline [LANES]   (default 100000; runs on the offscreen platform unless QT_QPA_PLATFORM is set)
#include "timeline/timeline_canvas.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using spoor::ui::TimelineCanvas;
using spoor::ui::TimelineHost;
using spoor::ui::TimelineLane;
using spoor::ui::TimelineMark;

namespace {

constexpr std::int64_t secondNs = 1'000'000'000;
constexpr std::int64_t startNs = 1'712'106'000 * secondNs; // 2024-04-03T01:00:00Z
constexpr int hostCount = 10;
constexpr int repaints = 20;

// Lanes spread over 24 hours, each with an accept, an exec, three children, an exit and a disconnect in
// its first 2 seconds, like the short automated logins that dominate real sshd data.
std::vector<TimelineLane> makeLanes(int count)
{
    std::vector<TimelineLane> lanes;
    lanes.reserve(static_cast<std::size_t>(count));
    const std::int64_t spacing = 86'400 * secondNs / count;
    std::int64_t eventId = 1;
    for (int index = 0; index < count; ++index) {
        TimelineLane lane;
        lane.host = index % hostCount;
        lane.processId = index + 1;
        lane.label = QStringLiteral("sshd %1").arg(10'000 + index);
        const std::int64_t start = startNs + index * spacing;
        auto add = [&](TimelineMark::Kind kind, std::int64_t offset) {
            lane.marks.push_back({kind, start + offset, eventId++, QStringLiteral("mark"), 10'000 + index, {}, {}});
        };
        add(TimelineMark::Kind::Accept, 0);
        add(TimelineMark::Kind::Exec, 2'000'000);
        for (int child = 0; child < 3; ++child)
            add(TimelineMark::Kind::Child, 50'000'000 + child * 20'000'000);
        add(TimelineMark::Kind::Exit, 1'500'000'000);
        lane.marks.back().exitCode = index % 3 == 0 ? 255 : 0;
        add(TimelineMark::Kind::Disconnect, 1'600'000'000);
        lane.startNs = lane.marks[1].timeNs;
        lane.endNs = lane.marks[5].timeNs;
        lanes.push_back(std::move(lane));
    }
    // The canvas expects each host's lanes in time order, as the loader delivers them.
    std::stable_sort(lanes.begin(), lanes.end(), [](const auto& a, const auto& b) { return a.host < b.host; });
    return lanes;
}

double medianMilliseconds(TimelineCanvas& canvas, QImage& image)
{
    std::vector<double> times;
    for (int run = 0; run < repaints; ++run) {
        QElapsedTimer timer;
        timer.start();
        canvas.viewport()->render(&image);
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int laneCount = argc > 1 ? std::atoi(argv[1]) : 100'000;

    std::vector<TimelineHost> hosts;
    for (int host = 0; host < hostCount; ++host)
        hosts.push_back({std::string("host-") + std::to_string(host), QStringLiteral("web-%1").arg(host)});
    std::vector<TimelineLane> lanes = makeLanes(laneCount);

    TimelineCanvas canvas;
    canvas.resize(1600, 900);
    canvas.show();
    QElapsedTimer timer;
    timer.start();
    canvas.setData(std::move(hosts), std::move(lanes));
    const double setDataMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    std::printf("lanes: %d on %d hosts, viewport %dx%d\n", laneCount, hostCount, canvas.viewport()->width(),
                canvas.viewport()->height());
    std::printf("setData (rows, scroll bars, fit): %.1f ms\n", setDataMs);

    QImage image(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    const std::int64_t middle = startNs + 43'200 * secondNs;
    struct Level
    {
        const char* name;
        std::int64_t spanNs;
    };
    const Level levels[] = {{"whole day", 0},
                            {"1 hour", 3'600 * secondNs},
                            {"1 minute", 60 * secondNs},
                            {"1 second", secondNs},
                            {"1 millisecond", 1'000'000}};
    std::printf("| zoom | median full repaint (ms, %d runs) |\n|---|---|\n", repaints);
    canvas.verticalScrollBar()->setValue(canvas.verticalScrollBar()->maximum() / 2);
    for (const Level& level : levels) {
        if (level.spanNs == 0)
            canvas.fitAll();
        else
            canvas.zoomToRange(middle - level.spanNs / 2, middle + level.spanNs / 2);
        std::printf("| %s | %.2f |\n", level.name, medianMilliseconds(canvas, image));
    }
    return 0;
}
