// A rule whose timestamp_override names a field the case has no column for is ordered by that field's values in
// the documents, with @timestamp for the events that lack it.

#include "ingest/importer.h"
#include "rules/rule.h"
#include "rules/rule_loader.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using spoor::store::CaseFile;

namespace {

// "a" and "b" are 4 s apart by @timestamp, in the order b, a, but 300 ms apart by custom.time, in the order a, b.
// "c" has no custom.time and falls back to its @timestamp.
const char* const events =
    R"({"@timestamp":"2024-04-01T10:00:05Z","custom":{"time":"2024-04-01T10:00:00.200Z"},"event":{"category":"process"},"host":{"id":"h1"},"process":{"name":"a","pid":1}})"
    "\n"
    R"({"@timestamp":"2024-04-01T10:00:01Z","custom":{"time":"2024-04-01T10:00:00.500Z"},"event":{"category":"process"},"host":{"id":"h1"},"process":{"name":"b","pid":2}})"
    "\n"
    R"({"@timestamp":"2024-04-01T10:00:09Z","event":{"category":"process"},"host":{"id":"h1"},"process":{"name":"c","pid":3}})"
    "\n";

QByteArray ruleToml(const char* timestampOverride)
{
    QByteArray toml = "[metadata]\ncreation_date = \"2024/04/01\"\nupdated_date = \"2024/04/01\"\n\n[rule]\n"
                      "rule_id = \"3f1d0e0a-0000-4000-8000-000000000001\"\nname = \"a then b\"\n"
                      "description = \"test\"\nrisk_score = 47\nseverity = \"medium\"\ntype = \"eql\"\n"
                      "language = \"eql\"\n";
    if (timestampOverride)
        toml += "timestamp_override = \"" + QByteArray(timestampOverride) + "\"\n";
    toml += "query = '''\nsequence by host.id with maxspan=1s\n  [process where process.name == \"a\"]\n"
            "  [process where process.name == \"b\"]\n'''\n";
    return toml;
}

// The process names of each finding's steps, e.g. "a b".
QStringList findingSteps(CaseFile& caseFile, std::int64_t runId)
{
    auto select = caseFile.db().prepare(
        "SELECT group_concat(e.process_name, ' ') FROM (SELECT fe.finding, e.process_name FROM findings f"
        " JOIN finding_events fe ON fe.finding = f.id JOIN events e ON e.id = fe.event WHERE f.run = ?"
        " ORDER BY fe.finding, fe.step) e GROUP BY e.finding");
    select.bind(1, runId);
    QStringList findings;
    while (select.step())
        findings << QString::fromStdString(select.text(0));
    return findings;
}

} // namespace

class TestTimestampOverride : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void ordersByDocumentField();
    void atTimestampOrderDoesNotMatch();
    void cancelled();
    void partialFallbackWarns();
    void absentFieldNamesTimestamp();
    void missingIngestedNamesTimestamp();
    void unknownFieldWarns();

private:
    spoor::scan::RuleRunSummary run(const char* timestampOverride, const std::atomic<bool>* cancel = nullptr);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<CaseFile> case_;
};

void TestTimestampOverride::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    QFile dump(dir_->filePath(QStringLiteral("dump.ndjson")));
    QVERIFY(dump.open(QIODevice::WriteOnly));
    dump.write(events);
    dump.close();
    case_ = std::make_unique<CaseFile>(CaseFile::open(dir_->filePath(QStringLiteral("c.spoor")).toStdString()));
    const auto summary = spoor::ingest::importPaths(*case_, {dump.fileName().toStdString()});
    QCOMPARE(summary.events(), std::uint64_t(3));
}

spoor::scan::RuleRunSummary TestTimestampOverride::run(const char* timestampOverride, const std::atomic<bool>* cancel)
{
    const auto rule = spoor::rules::parseRule(ruleToml(timestampOverride).toStdString(), "test.toml");
    spoor::scan::RunOptions options;
    options.cancel = cancel;
    return spoor::scan::runRules(*case_, {rule}, options).front();
}

void TestTimestampOverride::ordersByDocumentField()
{
    const auto summary = run("custom.time");
    QVERIFY2(summary.status == "complete", summary.message.c_str());
    QCOMPARE(QString::fromStdString(summary.timestampField), QStringLiteral("custom.time"));
    QCOMPARE(summary.eventsScanned, std::uint64_t(3));
    QCOMPARE(summary.timestampFallbacks, std::uint64_t(1));
    QCOMPARE(findingSteps(*case_, summary.runId), QStringList{QStringLiteral("a b")});

    auto stored = case_->db().prepare("SELECT timestamp_field, timestamp_fallbacks FROM rule_runs WHERE id = ?");
    stored.bind(1, summary.runId);
    QVERIFY(stored.step());
    QCOMPARE(QString::fromStdString(stored.text(0)), QStringLiteral("custom.time"));
    QCOMPARE(stored.int64(1), std::int64_t(1));
}

void TestTimestampOverride::atTimestampOrderDoesNotMatch()
{
    const auto summary = run(nullptr);
    QCOMPARE(QString::fromStdString(summary.status), QStringLiteral("complete"));
    QVERIFY(findingSteps(*case_, summary.runId).isEmpty());
}

void TestTimestampOverride::cancelled()
{
    const std::atomic<bool> cancel{true};
    const auto summary = run("custom.time", &cancel);
    QCOMPARE(QString::fromStdString(summary.status), QStringLiteral("cancelled"));
    QVERIFY(findingSteps(*case_, summary.runId).isEmpty());
}

void TestTimestampOverride::partialFallbackWarns()
{
    const auto summary = run("custom.time");
    QCOMPARE(summary.warnings.size(), std::size_t(1));
    QCOMPARE(
        QString::fromStdString(summary.warnings.front()),
        QStringLiteral("1 of 3 events lack the timestamp_override field custom.time and were ordered by @timestamp"));
    QCOMPARE(QString::fromStdString(summary.message), QString::fromStdString(summary.warnings.front()));
}

void TestTimestampOverride::absentFieldNamesTimestamp()
{
    const auto summary = run("no.such.field");
    QVERIFY2(summary.status == "complete", summary.message.c_str());
    QCOMPARE(summary.timestampFallbacks, std::uint64_t(3));
    QCOMPARE(QString::fromStdString(summary.timestampField), QStringLiteral("@timestamp"));
    QCOMPARE(summary.warnings.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(summary.warnings.front()),
             QStringLiteral("no event has the timestamp_override field no.such.field, so events were ordered by "
                            "@timestamp"));

    auto stored = case_->db().prepare("SELECT timestamp_field, message FROM rule_runs WHERE id = ?");
    stored.bind(1, summary.runId);
    QVERIFY(stored.step());
    QCOMPARE(QString::fromStdString(stored.text(0)), QStringLiteral("@timestamp"));
    QCOMPARE(QString::fromStdString(stored.text(1)), QString::fromStdString(summary.warnings.front()));
}

// event.ingested has a column, so its run reads candidates by SQL and counts the fallbacks from the case.
void TestTimestampOverride::missingIngestedNamesTimestamp()
{
    const auto summary = run("event.ingested");
    QVERIFY2(summary.status == "complete", summary.message.c_str());
    QCOMPARE(summary.timestampFallbacks, std::uint64_t(3));
    QCOMPARE(QString::fromStdString(summary.timestampField), QStringLiteral("@timestamp"));
    QCOMPARE(summary.warnings.size(), std::size_t(1));
}

void TestTimestampOverride::unknownFieldWarns()
{
    QByteArray toml = ruleToml(nullptr);
    toml.replace("process.name == \"b\"", "process.nmae == \"b\" and ?process.title == null");
    const auto rule = spoor::rules::parseRule(toml.toStdString(), "typo.toml");
    const auto summary = spoor::scan::runRules(*case_, {rule}).front();
    QVERIFY2(summary.status == "complete", summary.message.c_str());
    QCOMPARE(summary.unknownFields, std::vector<std::string>{"process.nmae"});
    QCOMPARE(summary.warnings.size(), std::size_t(1));
    QVERIFY2(summary.warnings.front().starts_with("unknown field process.nmae: "), summary.warnings.front().c_str());
    QVERIFY2(summary.message.find("process.nmae") != std::string::npos, summary.message.c_str());
}

QTEST_GUILESS_MAIN(TestTimestampOverride)
#include "test_timestamp_override.moc"
