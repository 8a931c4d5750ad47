#include "case_location.h"
#include "timeline/time_scale.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using spoor::ui::TimeScale;

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
        QTest::addColumn<double>("minSpacing");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("exact power") << 1.0 << 100.0 << qint64(100);
        QTest::newRow("rounds up to 2") << 1.5 << 100.0 << qint64(200);
        QTest::newRow("rounds up to 5") << 3.0 << 100.0 << qint64(500);
        QTest::newRow("seconds") << 1.0e7 << 100.0 << qint64(1'000'000'000);
        QTest::newRow("below one ns") << 0.001 << 100.0 << qint64(1);
    }

    void tickStep()
    {
        QFETCH(double, nsPerPixel);
        QFETCH(double, minSpacing);
        QFETCH(qint64, expected);
        TimeScale scale;
        scale.nsPerPixel = nsPerPixel;
        QCOMPARE(scale.tickStepNs(minSpacing), expected);
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
