#include "fuzz_targets.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <cstdint>
#include <exception>

namespace {

using FuzzFunction = int (*)(const std::uint8_t*, std::size_t);

struct FuzzTarget
{
    const char* name; // folder name under corpus/ and regressions/, and the executable name
    FuzzFunction function;
};

constexpr FuzzTarget targets[] = {
    {"fuzz_eql_parser", spoor::fuzz::fuzzEqlParser},   {"fuzz_eql_evaluator", spoor::fuzz::fuzzEqlEvaluator},
    {"fuzz_ingest", spoor::fuzz::fuzzIngest},          {"fuzz_ingest_gzip", spoor::fuzz::fuzzIngestGzip},
    {"fuzz_rule_loader", spoor::fuzz::fuzzRuleLoader},
    {"fuzz_ndjson_decoder", spoor::fuzz::fuzzNdjsonDecoder},
    {"fuzz_search_decoder", spoor::fuzz::fuzzSearchDecoder},
    {"fuzz_csv_decoder", spoor::fuzz::fuzzCsvDecoder},
    {"fuzz_sysmon_decoder", spoor::fuzz::fuzzSysmonDecoder},
    {"fuzz_auditd_decoder", spoor::fuzz::fuzzAuditdDecoder},
};

// Crash inputs whose bug is still open, by row name. QEXPECT_FAIL turns their failure into XFAIL and a pass
// into XPASS, which fails the test, so delete the row here once the bug is fixed.
const QStringList openBugs = {};

// Crash inputs whose open bug kills the process in a sanitizer build (a stack overflow, undefined behaviour), so
// running them would end the test. They are skipped, so delete each row once its bug is fixed.
const QStringList openCrashes = {};

QStringList inputFiles(const QString& kind, const char* target)
{
    const QDir folder(QStringLiteral(SPOOR_FUZZ_DIR "/%1/%2").arg(kind, QLatin1String(target)));
    return folder.entryList(QDir::Files, QDir::Name);
}

} // namespace

// Replays the seed corpora and the minimised crash inputs through the fuzz target bodies, so that every
// crash found by fuzzing stays fixed in builds without libFuzzer.
class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    void corpusPresent_data();
    void corpusPresent();
    void replay_data();
    void replay();
};

void TestFuzzRegressions::corpusPresent_data()
{
    QTest::addColumn<QString>("target");
    for (const auto& target : targets)
        QTest::newRow(target.name) << QString::fromLatin1(target.name);
}

void TestFuzzRegressions::corpusPresent()
{
    QFETCH(QString, target);
    QVERIFY2(!inputFiles(QStringLiteral("corpus"), qPrintable(target)).isEmpty(),
             qPrintable(QStringLiteral("no seed files in tests/fuzz/corpus/%1").arg(target)));
}

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<int>("targetIndex");
    QTest::addColumn<QString>("path");
    for (int i = 0; i < static_cast<int>(std::size(targets)); ++i) {
        for (const QString& kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
            const QString folder = QStringLiteral(SPOOR_FUZZ_DIR "/%1/%2").arg(kind, QLatin1String(targets[i].name));
            for (const QString& file : inputFiles(kind, targets[i].name)) {
                const QString row = QStringLiteral("%1/%2/%3").arg(kind, QLatin1String(targets[i].name), file);
                QTest::newRow(qPrintable(row)) << i << folder + QLatin1Char('/') + file;
            }
        }
    }
}

void TestFuzzRegressions::replay()
{
    QFETCH(int, targetIndex);
    QFETCH(QString, path);
    if (openCrashes.contains(QLatin1String(QTest::currentDataTag())))
        QSKIP("the bug behind this input is still open and kills the process under sanitizers");
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray bytes = file.readAll();
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.constData());

    // Catching here lets the other rows run and names the input. libFuzzer reports the same exception as a crash.
    QString error;
    try {
        targets[targetIndex].function(data, static_cast<std::size_t>(bytes.size()));
    } catch (const std::exception& exception) {
        error = QString::fromUtf8(exception.what());
    }
    if (openBugs.contains(QLatin1String(QTest::currentDataTag())))
        QEXPECT_FAIL("", "the bug behind this input is still open", Continue);
    QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("%1: exception escaped: %2").arg(path, error)));
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
