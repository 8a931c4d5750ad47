#include "case_location.h"
#include "timeline/lane_layout.h"
#include "timeline/time_scale.h"
#include "timeline/time_ticks.h"
#include "timeline/timeline_bookmarks.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using spoor::ui::RowGeometry;
using spoor::ui::TickStep;
using spoor::ui::TimelineLane;
using spoor::ui::TimelineMark;
using spoor::ui::TimelineRow;
using spoor::ui::TimeScale;
using spoor::ui::ZoomStack;

class TestGuiGeometry : public QObject
{
    Q_OBJECT

private slots:
    void scaleMapsBothWays()
    {
        TimeScale scale;
        scale.originNs = 1'000'000'000;
        scale.nsPerPixel = 1000;
        QCOMPARE(scale.toPixel(1'000'500'000), 500.0);
        QCOMPARE(scale.toNs(500), std::int64_t(1'000'500'000));
        QCOMPARE(scale.toPixel(999'999'000), -1.0);
    }

    void fitShowsRangeInsideMargins()
    {
        const TimeScale scale = TimeScale::fit(5'000, 15'000, 120, 10);
        QCOMPARE(scale.toPixel(5'000), 10.0);
        QCOMPARE(scale.toPixel(15'000), 110.0);
    }

    void fitEmptyRangeShowsOneSecond()
    {
        const TimeScale scale = TimeScale::fit(7, 7, 1000);
        QCOMPARE(scale.nsPerPixel, 1'000'000.0);
        QCOMPARE(scale.originNs, std::int64_t(7));
    }

    void zoom_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("anchorX");
        QTest::addColumn<double>("expectedNsPerPixel");
        QTest::newRow("in at left edge") << 2.0 << 0.0 << 500.0;
        QTest::newRow("in at middle") << 4.0 << 300.0 << 250.0;
        QTest::newRow("out at right") << 0.5 << 600.0 << 2000.0;
        QTest::newRow("clamped at 1 ns") << 1e9 << 100.0 << TimeScale::minNsPerPixel;
        QTest::newRow("zero factor ignored") << 0.0 << 100.0 << 1000.0;
    }

    void zoom()
    {
        QFETCH(double, factor);
        QFETCH(double, anchorX);
        QFETCH(double, expectedNsPerPixel);
        TimeScale scale;
        scale.originNs = 10'000'000;
        scale.nsPerPixel = 1000;
        const std::int64_t anchorNs = scale.toNs(anchorX);
        scale.zoom(factor, anchorX);
        QCOMPARE(scale.nsPerPixel, expectedNsPerPixel);
        QCOMPARE(scale.toNs(anchorX), anchorNs);
    }

    void panMovesOrigin()
    {
        TimeScale scale;
        scale.originNs = 0;
        scale.nsPerPixel = 10;
        scale.pan(25);
        QCOMPARE(scale.originNs, std::int64_t(250));
        scale.pan(-50);
        QCOMPARE(scale.originNs, std::int64_t(-250));
    }

    void tickStep_data()
    {
        QTest::addColumn<double>("nsPerPixel");
        QTest::addColumn<qint64>("expectedNs");
        QTest::addColumn<int>("expectedPrecision");
        using Precision = TickStep::Precision;
        // Ticks at least 100 px apart.
        QTest::newRow("nanoseconds") << 0.01 << qint64(1) << int(Precision::Nanosecond);
        QTest::newRow("5 ns") << 0.03 << qint64(5) << int(Precision::Nanosecond);
        QTest::newRow("microsecond") << 10.0 << qint64(1'000) << int(Precision::Microsecond);
        QTest::newRow("200 ms") << 1.5e6 << qint64(200'000'000) << int(Precision::Millisecond);
        QTest::newRow("500 ms is the last decimal step") << 5.0e6 << qint64(500'000'000) << int(Precision::Millisecond);
        QTest::newRow("10 s") << 1.0e8 << qint64(10'000'000'000) << int(Precision::Second);
        QTest::newRow("15 s, not 20 s") << 1.2e8 << qint64(15'000'000'000) << int(Precision::Second);
        QTest::newRow("2 min") << 1.0e9 << qint64(120'000'000'000) << int(Precision::Minute);
        QTest::newRow("3 h") << 1.0e11 << qint64(3 * 3'600'000'000'000) << int(Precision::Minute);
        QTest::newRow("2 days") << 1.0e12 << qint64(2 * 86'400'000'000'000) << int(Precision::Day);
        QTest::newRow("120 days") << 1.0e14 << qint64(120 * 86'400'000'000'000) << int(Precision::Day);
    }

    void tickStep()
    {
        QFETCH(double, nsPerPixel);
        QFETCH(qint64, expectedNs);
        QFETCH(int, expectedPrecision);
        TimeScale scale;
        scale.nsPerPixel = nsPerPixel;
        const TickStep step = spoor::ui::tickStepFor(scale, 100);
        QCOMPARE(step.ns, expectedNs);
        QCOMPARE(int(step.precision), expectedPrecision);
    }

    void ticksAlignToDisplayZone()
    {
        TimeScale scale;
        scale.originNs = 0;
        scale.nsPerPixel = 1e9; // 1 s per pixel
        const TickStep hour{3'600'000'000'000, TickStep::Precision::Minute};
        const std::vector<std::int64_t> utc = spoor::ui::tickTimes(scale, 7200, hour);
        QCOMPARE(utc, (std::vector<std::int64_t>{0, 3'600'000'000'000, 7'200'000'000'000}));
        // 30 minutes ahead of UTC: full local hours fall at 00:30 and 01:30 UTC.
        const std::vector<std::int64_t> local = spoor::ui::tickTimes(scale, 7200, hour, 1'800'000'000'000);
        QCOMPARE(local, (std::vector<std::int64_t>{1'800'000'000'000, 5'400'000'000'000}));
    }

    void ticksBeforeEpoch()
    {
        TimeScale scale;
        scale.originNs = -2'500;
        scale.nsPerPixel = 1;
        const std::vector<std::int64_t> ticks =
            spoor::ui::tickTimes(scale, 3000, {1'000, TickStep::Precision::Microsecond});
        QCOMPARE(ticks, (std::vector<std::int64_t>{-2'000, -1'000, 0}));
    }

    void rowsGroupedByHost()
    {
        std::vector<TimelineLane> lanes(4);
        lanes[0].host = 1;
        lanes[1].host = 0;
        lanes[2].host = 1;
        lanes[3].host = 2;
        const auto rows = spoor::ui::layoutRows(lanes, 3);
        QCOMPARE(rows.size(), std::size_t(7));
        QCOMPARE(rows[0].kind, TimelineRow::Kind::Host);
        QCOMPARE(rows[0].index, 0);
        QCOMPARE(rows[1].index, 1);
        QCOMPARE(rows[2].kind, TimelineRow::Kind::Host);
        QCOMPARE(rows[2].index, 1);
        QCOMPARE(rows[3].index, 0);
        QCOMPARE(rows[4].index, 2);
        QCOMPARE(rows[6].index, 3);

        // A host whose lanes are all hidden loses its header too.
        const auto filtered = spoor::ui::layoutRows(lanes, 3, [](const TimelineLane& lane) { return lane.host != 0; });
        QCOMPARE(filtered.size(), std::size_t(5));
        QCOMPARE(filtered[0].kind, TimelineRow::Kind::Host);
        QCOMPARE(filtered[0].index, 1);
    }

    void rowHitTesting()
    {
        const RowGeometry geometry{24, 20};
        QCOMPARE(geometry.rowAt(10, 0, 100), -1); // on the axis
        QCOMPARE(geometry.rowAt(24, 0, 100), 0);
        QCOMPARE(geometry.rowAt(43.9, 0, 100), 0);
        QCOMPARE(geometry.rowAt(44, 0, 100), 1);
        QCOMPARE(geometry.rowAt(24, 210, 100), 10);      // scrolled by 10.5 rows
        QCOMPARE(geometry.rowAt(24 + 20 * 5, 0, 5), -1); // past the last row
        QCOMPARE(geometry.visibleRows(0, 124, 100), std::pair(0, 5));
        QCOMPARE(geometry.visibleRows(210, 124, 100), std::pair(10, 16));
        QCOMPARE(geometry.visibleRows(0, 1000, 3), std::pair(0, 3));
    }

    void scrollToShowRow()
    {
        const RowGeometry geometry{24, 20};
        // 100 px of rows visible: rows 0 to 4 at scroll 0.
        QCOMPARE(geometry.scrollToShow(2, 0, 124), 0);
        QCOMPARE(geometry.scrollToShow(7, 0, 124), 60);   // row 7 becomes the last visible one
        QCOMPARE(geometry.scrollToShow(3, 200, 124), 60); // row 3 becomes the first visible one
    }

    void markHitTesting()
    {
        TimelineLane lane;
        for (const std::int64_t time : {1'000, 1'004, 1'100})
            lane.marks.push_back({TimelineMark::Kind::Exec, time, time, {}, {}, {}, {}});
        TimeScale scale;
        scale.originNs = 1'000;
        scale.nsPerPixel = 1;
        QCOMPARE(spoor::ui::markAt(lane, scale, 0, 3), 0);
        QCOMPARE(spoor::ui::markAt(lane, scale, 3, 3), 1); // nearer to 1004 than to 1000
        QCOMPARE(spoor::ui::markAt(lane, scale, 50, 3), -1);
        QCOMPARE(spoor::ui::markAt(lane, scale, 97, 3), 2);
        QCOMPARE(spoor::ui::marksBetween(lane, 1'001, 1'100), std::pair(std::size_t(1), std::size_t(3)));
    }

    void bookmarksPlacedOnEveryLane()
    {
        // An accept is on its listener's lane and on its connection's lane.
        std::vector<TimelineLane> lanes(3);
        lanes[0].marks.push_back({TimelineMark::Kind::Accept, 1'000, 11, {}, {}, {}, {}});
        lanes[0].marks.push_back({TimelineMark::Kind::Accept, 2'000, 21, {}, {}, {}, {}});
        lanes[1].marks.push_back({TimelineMark::Kind::Accept, 1'000, 11, {}, {}, {}, {}});
        lanes[1].marks.push_back({TimelineMark::Kind::Exec, 1'010, 12, {}, {}, {}, {}});
        lanes[1].marks.push_back({TimelineMark::Kind::Exit, 1'500, 13, {}, {}, {}, 0});
        lanes[2].marks.push_back({TimelineMark::Kind::Accept, 2'000, 21, {}, {}, {}, {}});

        const std::map<std::int64_t, QString> bookmarks = {
            {11, QStringLiteral("accepted")}, {13, QString()}, {99, QStringLiteral("on no lane")}};
        const auto placed = spoor::ui::placeBookmarks(lanes, bookmarks);
        QCOMPARE(placed.size(), std::size_t(3));
        QCOMPARE(placed[0].eventId, std::int64_t(11));
        QCOMPARE(placed[0].lane, 0);
        QCOMPARE(placed[0].timeNs, std::int64_t(1'000));
        QCOMPARE(placed[1].eventId, std::int64_t(11));
        QCOMPARE(placed[1].lane, 1);
        QCOMPARE(placed[2].eventId, std::int64_t(13));
        QCOMPARE(placed[2].lane, 1);
        QCOMPARE(placed[2].timeNs, std::int64_t(1'500));

        QVERIFY(spoor::ui::placeBookmarks(lanes, {}).empty());
        QVERIFY(spoor::ui::placeBookmarks({}, bookmarks).empty());
    }

    void bookmarkFlagInsideRow()
    {
        const double top = 100;
        const double rowHeight = 22;
        const double markRadius = 4.5; // of the marks painted on the lane
        const QPolygonF flag = spoor::ui::bookmarkFlag(300, top, rowHeight);
        const QRectF bounds = flag.boundingRect();
        QVERIFY2(bounds.top() >= top, qPrintable(QString::number(bounds.top())));
        // The flag stays above the mark, so the mark's kind and colour still show.
        QVERIFY2(bounds.bottom() < top + rowHeight / 2 - markRadius, qPrintable(QString::number(bounds.bottom())));
        // Its left edge is at the mark's time and it points right.
        QVERIFY(bounds.left() <= 300);
        QVERIFY(bounds.left() >= 299);
        QVERIFY(bounds.right() > 305);
        QVERIFY(flag.containsPoint(QPointF(300, top + 3), Qt::OddEvenFill));
        QVERIFY(flag.containsPoint(QPointF(303, top + 3), Qt::OddEvenFill));
        QVERIFY(!flag.containsPoint(QPointF(300, top + rowHeight / 2), Qt::OddEvenFill));
    }

    void rubberBandToRange()
    {
        TimeScale scale;
        scale.originNs = 1'000;
        scale.nsPerPixel = 10;
        QCOMPARE(spoor::ui::rubberBandRange(scale, 100, 50),
                 std::optional(std::pair<std::int64_t, std::int64_t>(1'500, 2'000)));
        QVERIFY(!spoor::ui::rubberBandRange(scale, 100, 102));
        // The zoomed scale shows the band's range across the whole width.
        const auto range = *spoor::ui::rubberBandRange(scale, 50, 100);
        const TimeScale zoomed = TimeScale::fit(range.first, range.second, 500);
        QCOMPARE(zoomed.toNs(0), std::int64_t(1'500));
        QCOMPARE(zoomed.toNs(500), std::int64_t(2'000));
    }

    void zoomStack()
    {
        ZoomStack stack;
        QVERIFY(!stack.pop());
        TimeScale first;
        first.nsPerPixel = 100;
        TimeScale second;
        second.nsPerPixel = 50;
        stack.push(first);
        stack.push(first); // an unchanged scale is kept once
        stack.push(second);
        QCOMPARE(stack.size(), std::size_t(2));
        QCOMPARE(stack.pop()->nsPerPixel, 50.0);
        QCOMPARE(stack.pop()->nsPerPixel, 100.0);
        QVERIFY(stack.empty());
        for (std::size_t index = 0; index < ZoomStack::maxDepth + 5; ++index) {
            TimeScale scale;
            scale.originNs = static_cast<std::int64_t>(index);
            stack.push(scale);
        }
        QCOMPARE(stack.size(), ZoomStack::maxDepth);
        QCOMPARE(stack.pop()->originNs, std::int64_t(ZoomStack::maxDepth + 4));
    }

    void caseFileName_data()
    {
        QTest::addColumn<QString>("dump");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ndjson") << QStringLiteral("/data/xz-basic.ndjson") << QStringLiteral("xz-basic.spoor");
        QTest::newRow("gzip") << QStringLiteral("/data/xz-basic.ndjson.gz") << QStringLiteral("xz-basic.spoor");
        QTest::newRow("zstd upper case") << QStringLiteral("/data/a.json.ZST") << QStringLiteral("a.spoor");
        QTest::newRow("dotted date") << QStringLiteral("/d/logs-2024.04.03.json")
                                     << QStringLiteral("logs-2024.04.03.spoor");
        QTest::newRow("no suffix") << QStringLiteral("/d/dump") << QStringLiteral("dump.spoor");
        QTest::newRow("hidden file") << QStringLiteral("/d/.dump") << QStringLiteral(".dump.spoor");
    }

    void caseFileName()
    {
        QFETCH(QString, dump);
        QFETCH(QString, expected);
        QCOMPARE(spoor::ui::caseFileNameForDump(dump), expected);
    }

    void caseFileNameOfFolder()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("exports.v2")));
        QCOMPARE(spoor::ui::caseFileNameForDump(dir.filePath(QStringLiteral("exports.v2"))),
                 QStringLiteral("exports.v2.spoor"));
    }

    void newCaseNextToDump()
    {
        QTemporaryDir dir;
        const QString dump = dir.filePath(QStringLiteral("a.ndjson"));
        QCOMPARE(spoor::ui::newCaseLocation({dump}, QStringLiteral("/nonexistent")),
                 dir.filePath(QStringLiteral("a.spoor")));
    }

    void newCaseNeverReusesFile()
    {
        QTemporaryDir dir;
        for (const char* name : {"a.spoor", "a-2.spoor"}) {
            QFile file(dir.filePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const QString dump = dir.filePath(QStringLiteral("a.ndjson"));
        QCOMPARE(spoor::ui::newCaseLocation({dump}, QString()), dir.filePath(QStringLiteral("a-3.spoor")));
    }

    void newCaseFallsBackWhenFolderReadOnly()
    {
        QTemporaryDir dir;
        const QString readOnly = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("ro")));
        QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ExeOwner));
        if (QFileInfo(readOnly).isWritable())
            QSKIP("running as a user that can write to read-only folders (root)");
        const QString fallback = dir.filePath(QStringLiteral("data/spoor"));
        const QString location = spoor::ui::newCaseLocation({readOnly + QStringLiteral("/x.ndjson")}, fallback);
        QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(location, QDir(fallback).filePath(QStringLiteral("x.spoor")));
        QVERIFY(QFileInfo(fallback).isDir());
    }
};

QTEST_GUILESS_MAIN(TestGuiGeometry)
#include "test_gui_geometry.moc"
