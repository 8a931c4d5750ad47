// Kills `spoor-cli import` with SIGKILL at random points and checks that the case stays consistent and that
// importing the same files again completes them without duplicating events. The test prints its seed, and
// SPOOR_KILL_SEED=N replays the kill points of that run.

#include "cli_process.h"
#include "ingest_fixture.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <csignal>
#include <random>
#include <thread>

namespace {

using spoor::store::CaseFile;

constexpr int generatedEvents = 20000;
constexpr int batchSize = 1000;
// Two kill points per case: one in the first import and one in the import that resumes it. Under AddressSanitizer
// an import runs about ten times slower, so that build checks fewer kill points within Qt Test's time limit.
#ifdef __SANITIZE_ADDRESS__
constexpr int cases = 5;
#else
constexpr int cases = 25;
#endif

qint64 count(CaseFile& caseFile, const std::string& sql)
{
    auto statement = caseFile.db().prepare(sql);
    if (!statement.step())
        return -1;
    return statement.int64(0);
}

// The names of the case's indexes, sorted: an import killed while it had dropped some must get them back.
QStringList indexNames(CaseFile& caseFile)
{
    QStringList names;
    auto statement = caseFile.db().prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name");
    while (statement.step())
        names << QString::fromStdString(statement.text(0));
    return names;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestImportCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killAndResume();

private:
    QStringList importArgs(const QString& casePath) const;
    void checkCommittedBatches(const QString& casePath, int kill);
    void checkComplete(const QString& casePath, const CliProcess::Result& resumed);
    void killAfter(const QString& casePath, std::chrono::microseconds delay, int kill);

    QTemporaryDir dir_;
    QStringList inputs_;
    QStringList expectedIndexes_;
    qint64 expectedEvents_ = 0;
    std::chrono::microseconds fullImportTime_{};
};

QStringList TestImportCrash::importArgs(const QString& casePath) const
{
    return QStringList{QStringLiteral("import"), QStringLiteral("--case"), casePath, QStringLiteral("--batch-size"),
                       QString::number(batchSize)} +
           inputs_;
}

// Generates a dump and splits it over two NDJSON files and one gzip file, then times one full import.
void TestImportCrash::initTestCase()
{
    QVERIFY(dir_.isValid());
    const QString dump = dir_.filePath(QStringLiteral("dump.ndjson"));
    const auto generated = CliProcess::run({QStringLiteral("generate"), QStringLiteral("--output"), dump,
                                            QStringLiteral("--events"), QString::number(generatedEvents)},
                                           dir_.filePath(QStringLiteral("generate")));
    QVERIFY2(generated.exitCode == 0, qPrintable(generated.err));

    QFile file(dump);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    lines.removeAll(QByteArray());
    expectedEvents_ = lines.size();
    // 40 % of the events in the first file, 30 % in the second and the rest in the gzip file.
    QByteArray parts[3];
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const qsizetype tenths = i * 10 / lines.size();
        parts[tenths < 4 ? 0 : (tenths < 7 ? 1 : 2)] += lines[i] + '\n';
    }
    QVERIFY(expectedEvents_ > generatedEvents / 2);
    inputs_ = {dir_.filePath(QStringLiteral("part1.ndjson")), dir_.filePath(QStringLiteral("part2.ndjson")),
               dir_.filePath(QStringLiteral("part3.ndjson.gz"))};
    QVERIFY(writeFile(inputs_[0], parts[0]));
    QVERIFY(writeFile(inputs_[1], parts[1]));
    QVERIFY(writeFile(inputs_[2], gzipped(parts[2])));

    const QString reference = dir_.filePath(QStringLiteral("reference.spoor"));
    QElapsedTimer timer;
    timer.start();
    const auto full = CliProcess::run(importArgs(reference), dir_.filePath(QStringLiteral("reference")));
    fullImportTime_ = std::chrono::microseconds(timer.nsecsElapsed() / 1000);
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));
    auto caseFile = CaseFile::open(reference.toStdString(), CaseFile::Access::ReadOnly);
    QCOMPARE(count(caseFile, "SELECT count(*) FROM events"), expectedEvents_);
    QCOMPARE(count(caseFile, "SELECT sum(duplicates) FROM sources"), qint64(0));
    expectedIndexes_ = indexNames(caseFile);
    qInfo("%lld events in 3 files; one full import takes %lld ms", expectedEvents_,
          static_cast<long long>(fullImportTime_.count() / 1000));
}

// Checks what a killed import must leave: a case that opens and passes integrity_check, whose unfinished
// sources hold whole batches of their first lines and counts that match them.
void TestImportCrash::checkCommittedBatches(const QString& casePath, int kill)
{
    // Opening read-write, as the next import does, also creates the schema when the kill came before it.
    auto caseFile = CaseFile::open(casePath.toStdString());
    auto integrity = caseFile.db().prepare("PRAGMA integrity_check");
    QVERIFY(integrity.step());
    QCOMPARE(QString::fromStdString(integrity.text(0)), QStringLiteral("ok"));

    auto sources = caseFile.db().prepare("SELECT id, path, status, events FROM sources ORDER BY id");
    while (sources.step()) {
        const std::string id = std::to_string(sources.int64(0));
        const QString status = QString::fromStdString(sources.text(2));
        const qint64 stored = count(caseFile, "SELECT count(*) FROM events WHERE source_id = " + id);
        const QString where =
            QStringLiteral("kill %1, %2 (%3)").arg(kill).arg(QString::fromStdString(sources.text(1)), status);
        QVERIFY2(status == QStringLiteral("importing") || status == QStringLiteral("complete"), qPrintable(where));
        QVERIFY2(stored == sources.int64(3), qPrintable(where + QStringLiteral(": events differ from the count")));
        if (status != QStringLiteral("importing"))
            continue;
        QVERIFY2(stored % batchSize == 0, qPrintable(where + QStringLiteral(": a partial batch")));
        QVERIFY2(count(caseFile, "SELECT count(DISTINCT line) FROM events WHERE source_id = " + id) == stored,
                 qPrintable(where + QStringLiteral(": a line stored twice")));
        if (stored > 0) {
            QVERIFY2(count(caseFile, "SELECT max(line) FROM events WHERE source_id = " + id) == stored,
                     qPrintable(where + QStringLiteral(": the events are not the first lines")));
        }
    }
}

void TestImportCrash::checkComplete(const QString& casePath, const CliProcess::Result& resumed)
{
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
    auto integrity = caseFile.db().prepare("PRAGMA integrity_check");
    QVERIFY(integrity.step());
    QCOMPARE(QString::fromStdString(integrity.text(0)), QStringLiteral("ok"));
    QCOMPARE(count(caseFile, "SELECT count(*) FROM sources"), qint64(3));
    QCOMPARE(count(caseFile, "SELECT count(*) FROM sources WHERE status = 'complete'"), qint64(3));
    QCOMPARE(count(caseFile, "SELECT count(*) FROM events"), expectedEvents_);
    QCOMPARE(count(caseFile, "SELECT sum(events) FROM sources"), expectedEvents_);
    QCOMPARE(count(caseFile, "SELECT sum(duplicates) FROM sources"), qint64(0));
    QCOMPARE(
        count(caseFile, "SELECT count(*) FROM (SELECT 1 FROM events GROUP BY source_id, line HAVING count(*) > 1)"),
        qint64(0));
    QCOMPARE(count(caseFile, "SELECT count(*) FROM (SELECT 1 FROM events GROUP BY host_id, event_id "
                             "HAVING count(*) > 1)"),
             qint64(0));
    QCOMPARE(indexNames(caseFile), expectedIndexes_);
}

void TestImportCrash::killAfter(const QString& casePath, std::chrono::microseconds delay, int kill)
{
    CliProcess process(importArgs(casePath), dir_.filePath(QStringLiteral("kill%1").arg(kill)));
    std::this_thread::sleep_for(delay);
    process.kill();
    const auto result = process.wait();
    QVERIFY2(result.signal == SIGKILL || result.exitCode == 0, qPrintable(result.err));
}

void TestImportCrash::killAndResume()
{
    const QByteArray seedText = qgetenv("SPOOR_KILL_SEED");
    const std::uint32_t seed = seedText.isEmpty() ? std::random_device{}() : seedText.toUInt();
    qInfo("kill seed %u (set SPOOR_KILL_SEED=%u to replay these kill points)", seed, seed);
    std::mt19937 random(seed);
    // Up to 20 % past the time of a full import, so that some kills come after the end.
    std::uniform_int_distribution<long long> delay(0, fullImportTime_.count() * 6 / 5);

    int resumedImports = 0;
    for (int i = 0; i < cases; ++i) {
        const QString casePath = dir_.filePath(QStringLiteral("case%1.spoor").arg(i));
        for (int kill = 2 * i; kill < 2 * i + 2; ++kill) {
            const std::chrono::microseconds after(delay(random));
            killAfter(casePath, after, kill);
            if (QTest::currentTestFailed())
                return;
            checkCommittedBatches(casePath, kill);
            if (QTest::currentTestFailed()) {
                qWarning("kill %d came %lld us after the start", kill, static_cast<long long>(after.count()));
                return;
            }
        }
        const auto resumed = CliProcess::run(importArgs(casePath), dir_.filePath(QStringLiteral("resume%1").arg(i)));
        resumedImports += resumed.out.contains(QStringLiteral("resumed after")) ? 1 : 0;
        checkComplete(casePath, resumed);
        if (QTest::currentTestFailed())
            return;
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(casePath + suffix);
    }
    qInfo("%d of %d final imports resumed a file", resumedImports, cases);
}

QTEST_GUILESS_MAIN(TestImportCrash)
#include "test_import_crash.moc"
