#include "analysis/sshd_connections.h"
#include "finding_steps.h"
#include "jobs/import_job.h"
#include "jobs/job_context.h"
#include "sample_case.h"
#include "scenario/scenario.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "timeline/events_chart.h"
#include "timeline/sshd_timeline_view.h"
#include "timeline/timeline_canvas.h"
#include "widgets/data_readiness_view.h"

#include <QComboBox>
#include <QDir>
#include <QLineSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>

using spoor::ui::SshdTimelineView;
using spoor::ui::TimelineCanvas;
using spoor::ui::TimelineLane;
using spoor::ui::TimelineRow;

namespace {

using HostKey = std::optional<std::string>;

constexpr std::int64_t minuteNs = 60'000'000'000;
constexpr std::int64_t millisecondNs = 1'000'000;

// Sets the process's local time zone (the TZ variable) for the lifetime of the object.
class LocalTimeZone
{
public:
    explicit LocalTimeZone(const char* zone) : saved_(qgetenv("TZ")), wasSet_(qEnvironmentVariableIsSet("TZ"))
    {
        qputenv("TZ", zone);
        tzset();
    }
    ~LocalTimeZone()
    {
        if (wasSet_)
            qputenv("TZ", saved_);
        else
            qunsetenv("TZ");
        tzset();
    }
    LocalTimeZone(const LocalTimeZone&) = delete;
    LocalTimeZone& operator=(const LocalTimeZone&) = delete;

private:
    QByteArray saved_;
    bool wasSet_;
};

// Writes a generated scenario of several hosts and imports it with the built-in rules, as the window does.
QString importGeneratedCase(const QTemporaryDir& dir, int linuxHosts, int minutes, double rate)
{
    const QString dump = dir.filePath(QStringLiteral("generated.ndjson"));
    {
        std::ofstream out(dump.toStdString());
        spoor::scenario::Options options;
        options.linuxHosts = linuxHosts;
        options.windowsHosts = 0;
        options.minutes = minutes;
        options.connectionsPerHostPerMinute = rate;
        spoor::scenario::generate(options, out);
    }
    const QString casePath = dir.filePath(QStringLiteral("generated.spoor"));
    spoor::ui::JobContext context;
    const auto outcome = spoor::ui::runImport({casePath, {dump}, true, {}}, context);
    if (!outcome.imported)
        return {};
    return casePath;
}

std::map<HostKey, int> lanesPerHost(const TimelineCanvas& canvas)
{
    std::map<HostKey, int> counts;
    for (const TimelineLane& lane : canvas.lanes())
        ++counts[canvas.hosts()[std::size_t(lane.host)].hostId];
    return counts;
}

std::shared_ptr<spoor::store::CaseFile> openCase(const QString& path)
{
    return std::make_shared<spoor::store::CaseFile>(
        spoor::store::CaseFile::open(path.toStdString(), spoor::store::CaseFile::Access::ReadOnly));
}

// Returns the finding of the sample case whose step 2 is neither pam_motd's run-parts nor unix_chkpwd: the
// exploitation.
std::int64_t exploitationFinding(const spoor::store::Database& db)
{
    auto statement = db.prepare(R"sql(
SELECT f.finding FROM finding_events AS f JOIN events AS e ON e.id = f.event
WHERE f.step = 1 AND e.command_line NOT LIKE '%run-parts%' AND e.command_line NOT LIKE '%unix_chkpwd%'
ORDER BY f.finding LIMIT 1
)sql");
    return statement.step() ? statement.int64(0) : 0;
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The time-zone choice goes to a test location, not the user's settings.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("spoor-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_timeline"));
        QSettings().clear();
        QVERIFY(dir_.isValid());
        // About 3 hosts x 60 minutes x 3 connections: more sshd processes than the synchronous limit.
        casePath_ = importGeneratedCase(dir_, 3, 60, 3);
        QVERIFY(!casePath_.isEmpty());
        caseFile_ = openCase(casePath_);
    }

    void lanesPerHostMatchAnalysis()
    {
        SshdTimelineView view;
        view.resize(1200, 700);
        view.show();
        view.setCase(caseFile_);
        QVERIFY(view.isLoading()); // read on a worker thread
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);

        std::map<HostKey, int> expected;
        for (const auto& connection : spoor::analysis::loadSshdConnections(caseFile_->db()))
            ++expected[connection.hostId];
        QCOMPARE(expected.size(), std::size_t(3));
        QCOMPARE(lanesPerHost(*view.canvas()), expected);

        // One header row per host, then its lanes; listeners before connections.
        const auto& rows = view.canvas()->rows();
        QCOMPARE(rows.size(), view.lanes().size() + 3);
        QCOMPARE(rows.front().kind, TimelineRow::Kind::Host);
        QCOMPARE(view.lanes()[std::size_t(rows[1].index)].role, TimelineLane::Role::Listener);
    }

    void cancelDropsLoad()
    {
        SshdTimelineView view;
        view.setCase(caseFile_);
        QVERIFY(view.isLoading());
        view.cancelLoading();
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);
        QVERIFY(view.lanes().empty());
    }

    void chartSeriesMatchSql()
    {
        SshdTimelineView view;
        view.setCase(caseFile_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);
        std::map<std::string, qint64> expected;
        auto statement = caseFile_->db().prepare(
            "SELECT host_name, count(*) FROM events WHERE timestamp_ns IS NOT NULL GROUP BY host_id");
        while (statement.step())
            expected[statement.text(0)] = statement.int64(1);

        const QList<QLineSeries*> series = view.chart()->hostSeries();
        QCOMPARE(std::size_t(series.size()), expected.size());
        for (QLineSeries* host : series) {
            qint64 sum = 0;
            for (const QPointF& point : host->points())
                sum += qint64(point.y());
            QCOMPARE(sum, expected.at(host->name().toStdString()));
        }
    }

    // "<+02>-2" is a POSIX zone two hours east of UTC without daylight saving time, so no zone file is needed.
    void chartAxisFollowsTimeZone()
    {
        const LocalTimeZone zone("<+02>-2");
        spoor::ui::EventsChart chart;
        chart.resize(900, 200);
        // Half an hour of events from 2024-04-03T01:00:00Z.
        const std::int64_t start = 1'712'106'000LL * 1'000'000'000;
        std::vector<spoor::analysis::MinuteBucket> buckets;
        for (int minute = 0; minute < 30; ++minute)
            buckets.push_back({std::string("host-1"), "web-01", start + minute * minuteNs, 10});
        chart.setData(buckets, {});

        QCOMPARE(chart.timeZone(), TimelineCanvas::TimeZone::Utc);
        const QStringList utc = chart.timeLabels();
        QVERIFY2(utc.size() >= 3, qPrintable(utc.join(QLatin1Char(','))));
        QVERIFY2(utc.contains(QStringLiteral("01:00")), qPrintable(utc.join(QLatin1Char(','))));
        QVERIFY2(utc.contains(QStringLiteral("01:20")), qPrintable(utc.join(QLatin1Char(','))));
        QVERIFY(!utc.contains(QStringLiteral("03:20")));
        QCOMPARE(chart.timeLabelValue(QStringLiteral("01:20")), double((start + 20 * minuteNs) / millisecondNs));

        chart.setTimeZone(TimelineCanvas::TimeZone::Local);
        const QStringList local = chart.timeLabels();
        QCOMPARE(local.size(), utc.size());
        QVERIFY2(local.contains(QStringLiteral("03:00")), qPrintable(local.join(QLatin1Char(','))));
        QVERIFY2(local.contains(QStringLiteral("03:20")), qPrintable(local.join(QLatin1Char(','))));
        QVERIFY(!local.contains(QStringLiteral("01:20")));
        // The label moved with the zone, the time it marks did not.
        QCOMPARE(chart.timeLabelValue(QStringLiteral("03:20")), double((start + 20 * minuteNs) / millisecondNs));
    }

    void timeZoneSettingRelabelsChart()
    {
        const LocalTimeZone zone("<+02>-2");
        SshdTimelineView view;
        view.resize(1200, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCase(caseFile_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);
        auto* choice = view.findChild<QComboBox*>();
        QVERIFY(choice);
        choice->setCurrentIndex(0);
        QCOMPARE(view.chart()->timeZone(), TimelineCanvas::TimeZone::Utc);
        const QStringList utc = view.chart()->timeLabels();
        QVERIFY(!utc.isEmpty());

        choice->setCurrentIndex(1);
        QCOMPARE(view.chart()->timeZone(), TimelineCanvas::TimeZone::Local);
        QCOMPARE(view.canvas()->timeZone(), TimelineCanvas::TimeZone::Local);
        const QStringList local = view.chart()->timeLabels();
        QCOMPARE(local.size(), utc.size());
        // Each tick is two hours later on the local clock ("HH:mm", or "MM-dd HH:mm" across days).
        for (int index = 0; index < utc.size(); ++index) {
            const QTime utcTime = QTime::fromString(utc.at(index).right(5), QStringLiteral("HH:mm"));
            const QTime localTime = QTime::fromString(local.at(index).right(5), QStringLiteral("HH:mm"));
            QVERIFY2(utcTime.isValid(), qPrintable(utc.at(index)));
            QCOMPARE(localTime, utcTime.addSecs(2 * 3600));
        }
        choice->setCurrentIndex(0);
    }

    void findingStepsScrolledIntoView()
    {
        SshdTimelineView view;
        view.resize(1200, 500);
        view.show();
        view.setCase(caseFile_);
        // Steps marked while loading are placed when the load ends.
        auto last = caseFile_->db().prepare("SELECT max(id) FROM findings");
        QVERIFY(last.step());
        const auto steps = spoor::ui::loadFindingSteps(caseFile_->db(), last.int64(0));
        QCOMPARE(steps.size(), std::size_t(4));
        view.markSteps(steps);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);

        const auto& marks = view.stepMarks();
        QCOMPARE(marks.size(), std::size_t(4));
        for (std::size_t index = 0; index < marks.size(); ++index) {
            QCOMPARE(marks[index].number, int(index) + 1);
            QCOMPARE(marks[index].lane, marks[0].lane);
        }
        TimelineCanvas* canvas = view.canvas();
        const int row = canvas->rowOfLane(marks[0].lane);
        QVERIFY(row > 0);
        const double top =
            TimelineCanvas::axisHeight + double(row) * TimelineCanvas::rowHeight - canvas->verticalScroll();
        QVERIFY2(top >= TimelineCanvas::axisHeight, qPrintable(QString::number(top)));
        QVERIFY2(top + TimelineCanvas::rowHeight <= canvas->viewport()->height(), qPrintable(QString::number(top)));
        // Zoomed so that every step is inside the time area, with Back to the whole range.
        for (const auto& mark : marks) {
            const double x = canvas->scale().toPixel(mark.timeNs);
            QVERIFY(x >= 0 && x <= canvas->timeAreaWidth());
        }
        QCOMPARE(canvas->zoomStack().size(), std::size_t(1));

        // Clicking the first step's mark selects its event, and its tool tip names the mark.
        const QPoint position(int(TimelineCanvas::labelWidth + canvas->scale().toPixel(marks[0].timeNs)),
                              int(top + TimelineCanvas::rowHeight / 2));
        QSignalSpy clicked(canvas, &TimelineCanvas::eventClicked);
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, position);
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked[0][0].value<qint64>(), marks[0].eventId);
        const QString tip = canvas->toolTipAt(position);
        QVERIFY2(tip.contains(QLatin1String("Exec")) && tip.contains(QLatin1String("pid")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("-D -R")), qPrintable(tip));

        QVERIFY(canvas->zoomBack());
        QVERIFY(canvas->zoomStack().empty());
    }

    void bookmarksFlaggedOnLanes()
    {
        SshdTimelineView view;
        view.resize(1200, 500);
        view.show();
        view.setCase(caseFile_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);
        // A connection whose accept (also on the listener's lane) comes before its exec (on this lane only).
        const TimelineLane* connection = nullptr;
        for (const TimelineLane& lane : view.lanes()) {
            if (lane.role == TimelineLane::Role::Connection && lane.marks.size() >= 2 &&
                lane.marks[0].kind == spoor::ui::TimelineMark::Kind::Accept &&
                lane.marks[1].kind == spoor::ui::TimelineMark::Kind::Exec &&
                lane.marks[1].timeNs > lane.marks[0].timeNs) {
                connection = &lane;
                break;
            }
        }
        QVERIFY(connection);
        const int laneIndex = int(connection - view.lanes().data());
        const spoor::ui::TimelineMark accept = connection->marks[0];
        const spoor::ui::TimelineMark exec = connection->marks[1];
        view.setBookmarks({{exec.eventId, QStringLiteral("<b>first</b> shell")}, {accept.eventId, QString()}});

        const auto& placed = view.bookmarkMarks();
        QCOMPARE(placed.size(), std::size_t(3));
        int onLane = 0;
        for (const auto& bookmark : placed) {
            if (bookmark.lane == laneIndex)
                ++onLane;
        }
        QCOMPARE(onLane, 2);

        // The tool tips of the bookmarked marks say so, with the note escaped.
        TimelineCanvas* canvas = view.canvas();
        canvas->zoomToRange(accept.timeNs, exec.timeNs);
        canvas->ensureLaneVisible(laneIndex);
        // The viewport position of a mark on the connection's lane, at the current scale and scroll.
        const auto positionOf = [&](const spoor::ui::TimelineMark& mark) {
            const double middle = TimelineCanvas::axisHeight +
                                  double(canvas->rowOfLane(laneIndex)) * TimelineCanvas::rowHeight -
                                  canvas->verticalScroll() + TimelineCanvas::rowHeight / 2.0;
            return QPoint(int(TimelineCanvas::labelWidth + canvas->scale().toPixel(mark.timeNs)), int(middle));
        };
        const QString tip = canvas->toolTipAt(positionOf(exec));
        QVERIFY2(tip.contains(QLatin1String("Bookmarked</b>: &lt;b&gt;first&lt;/b&gt; shell")), qPrintable(tip));
        const QString acceptTip = canvas->toolTipAt(positionOf(accept));
        QVERIFY2(acceptTip.endsWith(QLatin1String("<br><b>Bookmarked</b>")), qPrintable(acceptTip));
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage painted = canvas->viewport()->grab().toImage();
        const QPoint flagPixel = positionOf(exec) + QPoint(3, -int(TimelineCanvas::rowHeight / 2.0) + 3);
        QCOMPARE(painted.pixelColor(flagPixel), QColor(0x2f, 0x6f, 0xd0));

        // A new note replaces the old one, and reloaded lanes keep the flags.
        view.setBookmarks({{exec.eventId, QStringLiteral("second note")}});
        QCOMPARE(view.bookmarkMarks().size(), std::size_t(1));
        QVERIFY(canvas->toolTipAt(positionOf(exec)).contains(QLatin1String("Bookmarked</b>: second note")));
        view.setCase(caseFile_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);
        QCOMPARE(view.bookmarkMarks().size(), std::size_t(1));
        QCOMPARE(view.bookmarkMarks().front().eventId, exec.eventId);

        // Removing the bookmarks removes the flags.
        view.setBookmarks({});
        QVERIFY(view.bookmarkMarks().empty());
        canvas->zoomToRange(accept.timeNs, exec.timeNs);
        canvas->ensureLaneVisible(laneIndex);
        QVERIFY(!canvas->toolTipAt(positionOf(exec)).contains(QLatin1String("Bookmarked")));
    }

    void eventFilterHidesLanes()
    {
        SshdTimelineView view;
        view.setCase(caseFile_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);
        const TimelineLane& kept = view.lanes()[5];
        auto events = std::make_shared<std::vector<std::int64_t>>();
        events->push_back(kept.marks.front().eventId);
        view.setEventFilter(events);
        const auto& rows = view.canvas()->rows();
        // The accept of a connection is on its listener's lane too.
        QVERIFY(rows.size() == 2 || rows.size() == 3);
        QCOMPARE(rows[0].kind, TimelineRow::Kind::Host);
        QVERIFY(view.canvas()->rowOfLane(5) > 0);
        view.setEventFilter(nullptr);
        QCOMPARE(view.canvas()->rows().size(), view.lanes().size() + 3);
    }

    void chartRangeZoomsTimeline()
    {
        SshdTimelineView view;
        view.resize(1200, 600);
        view.show();
        view.setCase(caseFile_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60'000);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* chart = view.chart();
        const auto buckets = spoor::analysis::eventsPerMinute(caseFile_->db());
        const std::int64_t first = buckets.front().minuteStartNs + 10 * 60'000'000'000LL;
        const std::int64_t last = first + 5 * 60'000'000'000LL;
        chart->selectRange(chart->xForTime(first), chart->xForTime(last));
        const auto& scale = view.canvas()->scale();
        const std::int64_t shownFirst = scale.toNs(0);
        const std::int64_t shownLast = scale.toNs(view.canvas()->timeAreaWidth());
        // Within a minute of the dragged range on both ends (the chart's pixels are coarser than the timeline's).
        QVERIFY2(std::abs(shownFirst - first) < 60'000'000'000LL, qPrintable(QString::number(shownFirst - first)));
        QVERIFY2(std::abs(shownLast - last) < 60'000'000'000LL, qPrintable(QString::number(shownLast - last)));
        QCOMPARE(view.canvas()->zoomStack().size(), std::size_t(1));
    }

    void readinessViewListsRules()
    {
        spoor::ui::DataReadinessView view;
        view.setCase(caseFile_);
        QVERIFY(view.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isRunning(), 60'000);
        QVERIFY(view.report());
        const auto& rules = view.report()->rules;
        QVERIFY(!rules.empty());
        QCOMPARE(view.tree()->topLevelItemCount(), int(rules.size()));
        // The generated events are Elastic Defend-shaped, with event.ingested and process.entity_id.
        QCOMPARE(rules[0].verdict, spoor::analysis::RuleReadiness::Verdict::Ready);
        QCOMPARE(view.tree()->topLevelItem(0)->text(spoor::ui::DataReadinessView::VerdictColumn),
                 QStringLiteral("ready"));
        // Per step: the category, join keys and condition fields of each of the four steps.
        QCOMPARE(view.tree()->topLevelItem(0)->childCount(), 4);
    }

    // Writes timeline-match.png and data-readiness.png into $SPOOR_SCREENSHOT_DIR (scripts/screenshots.sh):
    // the sample case's exploitation on the timeline, and the readiness of its rules. It also writes
    // timeline-bookmark.png: the exploitation's whole connection with its first and last events bookmarked.
    void screenshots()
    {
        const QString folder = qEnvironmentVariable("SPOOR_SCREENSHOT_DIR");
        if (folder.isEmpty())
            QSKIP("SPOOR_SCREENSHOT_DIR is not set");
        SPOOR_REQUIRE_SAMPLE(dump);
        const QString casePath = dir_.filePath(QStringLiteral("sample.spoor"));
        QVERIFY(importSample(dump, casePath).imported);
        auto sample = openCase(casePath);
        const std::int64_t finding = exploitationFinding(sample->db());
        QVERIFY(finding > 0);

        SshdTimelineView timeline;
        timeline.resize(1400, 620);
        timeline.show();
        timeline.setCase(sample);
        QTRY_VERIFY_WITH_TIMEOUT(!timeline.isLoading(), 60'000);
        timeline.markSteps(spoor::ui::loadFindingSteps(sample->db(), finding), spoor::ui::ReviewState::Malicious);
        QCOMPARE(timeline.stepMarks().size(), std::size_t(4));
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QVERIFY(timeline.grab().save(QDir(folder).filePath(QStringLiteral("timeline-match.png"))));

        // The whole exploitation connection without the step circles, its first and last events bookmarked.
        const int stepLane = timeline.stepMarks().front().lane;
        const TimelineLane& lane = timeline.lanes()[std::size_t(stepLane)];
        timeline.clearSteps();
        timeline.setBookmarks({{lane.marks.front().eventId, QStringLiteral("attacker connects")},
                               {lane.marks.back().eventId, QStringLiteral("end of the exploitation")}});
        QVERIFY(timeline.bookmarkMarks().size() >= 2);
        const auto range = lane.timeRange();
        QVERIFY(range);
        timeline.canvas()->zoomToRange(range->first, range->second);
        timeline.canvas()->ensureLaneVisible(stepLane);
        QVERIFY(timeline.grab().save(QDir(folder).filePath(QStringLiteral("timeline-bookmark.png"))));

        spoor::ui::DataReadinessView readiness;
        readiness.resize(1100, 680);
        readiness.show();
        readiness.setCase(sample);
        QTRY_VERIFY_WITH_TIMEOUT(!readiness.isRunning(), 60'000);
        readiness.tree()->expandAll();
        QVERIFY(QTest::qWaitForWindowExposed(&readiness));
        QVERIFY(readiness.grab().save(QDir(folder).filePath(QStringLiteral("data-readiness.png"))));
    }

private:
    QTemporaryDir dir_;
    QString casePath_;
    std::shared_ptr<spoor::store::CaseFile> caseFile_;
};

QTEST_MAIN(TestTimeline)
#include "test_timeline.moc"
