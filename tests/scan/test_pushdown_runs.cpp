// Rule runs with and without push-down must store the same findings and run counts.

#include "common/shared_data.h"
#include "ingest/importer.h"
#include "rules/builtin_rules.h"
#include "rules/rule.h"
#include "rules/rule_loader.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <memory>
#include <random>

using spoor::rules::Rule;
using spoor::scan::RuleRunSummary;
using spoor::store::CaseFile;

namespace {

// Events whose column values differ from the values the query compares: arrays, numbers and booleans in keyword
// fields, digit strings in integer fields, case variants, and a ',' inside an array element.
const char* const craftedEvents[] = {
    R"({"@timestamp":"2024-04-01T10:00:01Z","event":{"category":["process"],"type":["start"],"action":"exec","ingested":"2024-04-01T10:00:01Z"},"data_stream":{"dataset":"endpoint.events.process"},"host":{"id":"h1"},"user":{"id":"0"},"process":{"name":"sshd","pid":42}})",
    R"({"@timestamp":"2024-04-01T10:00:02Z","event":{"category":["process"]},"host":{"id":"h1"},"process":{"name":["sshd","sshd-session"],"pid":[42,43]}})",
    R"({"@timestamp":"2024-04-01T10:00:03Z","event":{"category":["process"]},"host":{"id":"h1"},"process":{"name":"SSHD","pid":"42"}})",
    R"({"@timestamp":"2024-04-01T10:00:04Z","event":{"category":["process"]},"host":{"id":"h1"},"process":{"name":123,"pid":42.0}})",
    R"({"@timestamp":"2024-04-01T10:00:05Z","event":{"category":["network"],"type":["end"]},"host":{"id":"h1"},"process":{"name":"sshd","pid":7}})",
    R"({"@timestamp":"2024-04-01T10:00:06Z","event":{"category":["process","network"],"type":"start"},"host":{"id":"h1"},"process":{"name":"bash","pid":8}})",
    R"({"@timestamp":"2024-04-01T10:00:07Z","event":{"category":["process"]},"host":{"id":"h1"},"process":{"name":"ss[h","pid":"42.0"}})",
    R"({"@timestamp":"2024-04-01T10:00:08Z","event":{"category":["process"],"type":["x,start"]},"host":{"id":"h1"},"process":{"name":"Ssh-agent","pid":9}})",
    R"({"@timestamp":"2024-04-01T10:00:09Z","host":{"id":"h1"},"process":{"name":"sshd","pid":42}})",
    R"({"@timestamp":"2024-04-01T10:00:10Z","event":{"category":["process"]},"host":{"id":"h1"},"user":{"id":0},"process":{"name":"bash","pid":10}})",
    R"({"@timestamp":"2024-04-01T10:00:11Z","event":{"category":["process"]},"host":{"id":"h1"},"process":{"name":true,"pid":11}})",
    R"({"@timestamp":"2024-04-01T10:00:12Z","event":{"category":"process"},"host":{"id":"h1"},"process":{"name":["sshd"],"pid":12}})",
    R"({"@timestamp":"2024-04-01T10:00:13Z","event":{"category":["process"]},"data_stream":{"dataset":"other.logs"},"host":{"id":"h1"},"process":{"name":"sshd","pid":13}})",
};

// Events for a sequence by host.id with maxspan=5s over process names a, b, c, whose pid and parent pid join
// the steps: a replaced start, steps without partners, a step past maxspan, an array key, a step at exactly
// maxspan and a step on another host. Each is (seconds after 10:00:00, host, name, key field, key value).
struct SequenceEvent
{
    int seconds;
    const char* host;
    const char* name;
    const char* keyField;
    const char* keyValue;
};

const SequenceEvent sequenceEvents[] = {
    {0, "h1", "a", "pid", "1"},   {1, "h1", "a", "pid", "1"},   {2, "h1", "b", "ppid", "1"},
    {3, "h1", "c", "ppid", "1"},  {10, "h1", "b", "ppid", "7"}, {20, "h1", "a", "pid", "2"},
    {26, "h1", "b", "ppid", "2"}, {30, "h1", "a", "pid", "3"},  {31, "h1", "b", "ppid", "[3, 4]"},
    {32, "h1", "c", "ppid", "3"}, {40, "h1", "a", "pid", "5"},  {45, "h1", "b", "ppid", "5"},
    {45, "h1", "c", "ppid", "5"}, {50, "h1", "c", "ppid", "9"}, {60, "h2", "a", "pid", "6"},
    {61, "h1", "b", "ppid", "6"},
};

QByteArray sequenceEventJson(const SequenceEvent& event)
{
    const QString key = QString::fromLatin1(event.keyField) == QStringLiteral("pid")
                            ? QStringLiteral("\"pid\":%1").arg(QLatin1String(event.keyValue))
                            : QStringLiteral("\"parent\":{\"pid\":%1}").arg(QLatin1String(event.keyValue));
    return QStringLiteral("{\"@timestamp\":\"2024-04-01T10:%1:%2Z\",\"event\":{\"category\":[\"process\"]},"
                          "\"host\":{\"id\":\"%3\"},\"process\":{\"name\":\"%4\",%5}}")
        .arg(event.seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(event.seconds % 60, 2, 10, QLatin1Char('0'))
        .arg(QLatin1String(event.host), QLatin1String(event.name), key)
        .toUtf8();
}

// Writes `count` random process events over two hosts, names a, b and c, and pids 1 to 3 within two minutes, so
// that sequences start, get replaced, run past maxspan and join on arrays or missing keys. Fixed seed.
QString writeRandomEvents(const QTemporaryDir& dir, int count)
{
    std::mt19937 random(7);
    const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const char* const pidValues[] = {"1", "2", "3", "[1, 2]", "null"};
    const QString path = dir.filePath(QStringLiteral("random.ndjson"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    for (int i = 0; i < count; ++i) {
        const int millis = pick(120000);
        const QString line =
            QStringLiteral("{\"@timestamp\":\"2024-04-01T10:%1:%2.%3Z\",\"event\":{\"category\":[\"process\"]},"
                           "\"host\":{\"id\":\"h%4\"},\"process\":{\"name\":\"%5\",\"pid\":%6,"
                           "\"parent\":{\"pid\":%7}}}\n")
                .arg(millis / 60000, 2, 10, QLatin1Char('0'))
                .arg(millis / 1000 % 60, 2, 10, QLatin1Char('0'))
                .arg(millis % 1000, 3, 10, QLatin1Char('0'))
                .arg(pick(2))
                .arg(QLatin1Char(static_cast<char>('a' + pick(3))))
                .arg(QLatin1String(pidValues[pick(5)]), QLatin1String(pidValues[pick(5)]));
        file.write(line.toUtf8());
    }
    return path;
}

Rule eqlRule(const QString& id, const QString& query)
{
    Rule rule;
    rule.ruleId = "pushdown-test-" + id.toStdString();
    rule.name = id.toStdString();
    rule.type = "eql";
    rule.language = "eql";
    rule.query = query.toStdString();
    rule.updatedDate = "2024/04/01";
    rule.origin = "test";
    return rule;
}

// The findings of a run as "join keys|step:event ...", in id order.
QStringList findingsOf(CaseFile& caseFile, std::int64_t runId)
{
    auto select = caseFile.db().prepare(
        "SELECT f.join_keys, group_concat(fe.step || ':' || coalesce(fe.event, 'missing'), ' ') FROM findings f"
        " JOIN finding_events fe ON fe.finding = f.id WHERE f.run = ? GROUP BY f.id ORDER BY f.id");
    select.bind(1, runId);
    QStringList findings;
    while (select.step())
        findings << QString::fromStdString(select.text(0) + "|" + select.text(1));
    return findings;
}

RuleRunSummary runOne(CaseFile& caseFile, const Rule& rule, bool pushDown)
{
    spoor::scan::RunOptions options;
    options.pushDown = pushDown;
    return spoor::scan::runRules(caseFile, {rule}, options).front();
}

// Runs the rule both ways and checks that the stored outcome is the same. Returns the push-down run.
RuleRunSummary compareRuns(CaseFile& caseFile, const Rule& rule)
{
    const RuleRunSummary full = runOne(caseFile, rule, false);
    const RuleRunSummary pushed = runOne(caseFile, rule, true);
    const QByteArray context = QByteArray::fromStdString(rule.name + " (" + rule.origin + ")");
    [&] {
        QVERIFY2(full.status == pushed.status, context);
        QVERIFY2(full.message == pushed.message, context + ": " + QByteArray::fromStdString(pushed.message));
        QVERIFY2(full.eventsScanned == pushed.eventsScanned, context);
        QVERIFY2(full.timestampFallbacks == pushed.timestampFallbacks, context);
        QVERIFY2(pushed.candidatesRead <= full.candidatesRead, context);
        const QStringList expected = findingsOf(caseFile, full.runId);
        const QStringList actual = findingsOf(caseFile, pushed.runId);
        QVERIFY2(expected == actual, context + ": " + QByteArray::number(expected.size()) + " findings without, " +
                                         QByteArray::number(actual.size()) + " with push-down");
    }();
    return pushed;
}

std::unique_ptr<CaseFile> importCase(const QTemporaryDir& dir, const QString& input)
{
    auto caseFile = std::make_unique<CaseFile>(CaseFile::open(dir.filePath(QStringLiteral("c.spoor")).toStdString()));
    spoor::ingest::importPaths(*caseFile, {input.toStdString()});
    return caseFile;
}

std::vector<Rule> sampleRules()
{
    std::vector<Rule> rules = spoor::rules::builtinRules();
    std::vector<std::string> paths;
    for (const char* folder : {"rules/xzbackdoor-history", "rules/detection-rules/rules/linux"}) {
        const QString path = sharedPath(QString::fromLatin1(folder));
        if (!path.isEmpty())
            paths.push_back(path.toStdString());
    }
    if (!paths.empty()) {
        auto loaded = spoor::rules::loadRulePaths(paths);
        rules.insert(rules.end(), loaded.rules.begin(), loaded.rules.end());
    }
    return rules;
}

} // namespace

class TestPushDownRuns : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void craftedEvents_data();
    void craftedEvents();
    void indexPatternCounts();
    void timestampFallbackCounts();
    void cancelBeforeFirstRow();
    void prunedSequence();
    void prunedSequenceCancelled();
    void prunedRandomEvents_data();
    void prunedRandomEvents();
    void sampleRules_data();
    void sampleRules();

private:
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<CaseFile> crafted_;
};

void TestPushDownRuns::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    const QString input = dir_->filePath(QStringLiteral("crafted.ndjson"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (const char* event : ::craftedEvents)
        file.write(QByteArray(event) + '\n');
    file.close();
    crafted_ = importCase(*dir_, input);
}

void TestPushDownRuns::craftedEvents_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("matches");
    QTest::addColumn<int>("candidates"); // -1: not checked

    QTest::newRow("equality over arrays") << "process where process.name == \"sshd\"" << 4 << 4;
    QTest::newRow("integer from strings") << "any where process.pid == 42" << 6 << 6;
    QTest::newRow("colon wildcard") << "process where process.name : \"ssh*\"" << 6 << -1;
    QTest::newRow("like with bracket") << "any where process.name like \"ss[h\"" << 1 << 2;
    QTest::newRow("array element") << "any where event.type == \"start\"" << 2 << -1;
    QTest::newRow("in on two categories") << "network where process.name in (\"sshd\", \"bash\")" << 2 << 2;
    QTest::newRow("colon without wildcard") << "any where process.name : \"SSHD\"" << 7 << -1;
    QTest::newRow("numeric string") << "any where user.id == \"0\"" << 2 << 13;
    QTest::newRow("boolean string") << "any where process.name == \"true\"" << 1 << 13;
    QTest::newRow("in~") << "any where process.name in~ (\"SSH-AGENT\", \"bash\")" << 3 << -1;
    QTest::newRow("colon on category") << "process where event.category : \"NETWORK\"" << 1 << -1;
    QTest::newRow("not equal over arrays") << "any where process.name != \"sshd\"" << 7 << 8;
    QTest::newRow("not equal from strings") << "any where process.pid != 42" << 7 << 9;
    QTest::newRow("sequence") << "sequence by host.id [process where process.name == \"sshd\"]"
                                 " [network where process.name == \"sshd\"]"
                              << 1 << 5;
}

void TestPushDownRuns::craftedEvents()
{
    QFETCH(QString, query);
    QFETCH(int, matches);
    QFETCH(int, candidates);

    const RuleRunSummary pushed = compareRuns(*crafted_, eqlRule(QTest::currentDataTag(), query));
    QCOMPARE(pushed.status, std::string("complete"));
    QCOMPARE(pushed.eventsScanned, std::uint64_t(std::size(::craftedEvents)));
    QCOMPARE(static_cast<int>(pushed.findingIds.size()), matches);
    if (candidates >= 0)
        QCOMPARE(static_cast<int>(pushed.candidatesRead), candidates);
}

void TestPushDownRuns::indexPatternCounts()
{
    Rule rule = eqlRule(QStringLiteral("index"), QStringLiteral("process where process.name == \"sshd\""));
    rule.index = {"logs-endpoint.events.*"};
    const RuleRunSummary pushed = compareRuns(*crafted_, rule);
    QCOMPARE(pushed.message, std::string("1 event was outside the rule's index patterns and were not scanned"));
    QCOMPARE(pushed.findingIds.size(), std::size_t(3));
}

void TestPushDownRuns::timestampFallbackCounts()
{
    Rule rule = eqlRule(QStringLiteral("ingested"), QStringLiteral("process where process.name == \"sshd\""));
    rule.timestampOverride = "event.ingested";
    const RuleRunSummary pushed = compareRuns(*crafted_, rule);
    QCOMPARE(pushed.timestampFallbacks, std::uint64_t(std::size(::craftedEvents) - 1));
}

void TestPushDownRuns::cancelBeforeFirstRow()
{
    const std::atomic<bool> cancel{true};
    spoor::scan::RunOptions options;
    options.cancel = &cancel;
    const auto runs = spoor::scan::runRules(
        *crafted_, {eqlRule(QStringLiteral("cancel"), QStringLiteral("any where true"))}, options);
    QCOMPARE(runs.size(), std::size_t(1));
    QCOMPARE(runs.front().status, std::string("cancelled"));
    QCOMPARE(runs.front().candidatesRead, std::uint64_t(0));
    QVERIFY(runs.front().findingIds.empty());
}

void TestPushDownRuns::prunedSequence()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString input = dir.filePath(QStringLiteral("sequence.ndjson"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (const SequenceEvent& event : ::sequenceEvents)
        file.write(sequenceEventJson(event) + '\n');
    file.close();
    auto caseFile = importCase(dir, input);

    const Rule rule = eqlRule(QStringLiteral("pruned"),
                              QStringLiteral("sequence by host.id with maxspan=5s"
                                             " [process where process.name == \"a\"] by process.pid"
                                             " [process where process.name == \"b\"] by process.parent.pid"
                                             " [process where process.name == \"c\"] by process.parent.pid"));
    const RuleRunSummary pushed = compareRuns(*caseFile, rule);
    QCOMPARE(pushed.findingIds.size(), std::size_t(3));
    QCOMPARE(pushed.candidatesRead, std::uint64_t(std::size(::sequenceEvents)));
    // Dropped: the b and c without a start, the a and b 6 s apart, and both events of the two hosts.
    QCOMPARE(pushed.documentsRead, std::uint64_t(10));
    const QStringList findings = findingsOf(*caseFile, pushed.runId);
    QCOMPARE(findings.value(0), QStringLiteral("[\"h1\",1]|0:2 1:3 2:4"));
}

void TestPushDownRuns::prunedSequenceCancelled()
{
    const std::atomic<bool> cancel{true};
    spoor::scan::RunOptions options;
    options.cancel = &cancel;
    const Rule rule = eqlRule(QStringLiteral("cancel pruned"),
                              QStringLiteral("sequence by host.id with maxspan=5s [process where process.name =="
                                             " \"sshd\"] [process where process.name == \"bash\"]"));
    const auto runs = spoor::scan::runRules(*crafted_, {rule}, options);
    QCOMPARE(runs.front().status, std::string("cancelled"));
    QCOMPARE(runs.front().candidatesRead, std::uint64_t(0));
    QCOMPARE(runs.front().documentsRead, std::uint64_t(0));
}

void TestPushDownRuns::prunedRandomEvents_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("three stages by pid")
        << "sequence by host.id with maxspan=3s [process where process.name == \"a\"] by process.pid"
           " [process where process.name == \"b\"] by process.parent.pid"
           " [process where process.name == \"c\"] by process.parent.pid";
    QTest::newRow("without keys") << "sequence with maxspan=2s [process where process.name == \"a\"]"
                                     " [process where process.name in (\"b\", \"c\")]";
    QTest::newRow("repeated stage") << "sequence by process.pid with maxspan=5s [process where process.name == \"a\"]"
                                       " [process where process.name == \"a\"] [process where process.name == \"b\"]";
    QTest::newRow("short maxspan") << "sequence by host.id with maxspan=100ms [process where process.name == \"a\"]"
                                      " [process where process.name == \"b\"]";
}

void TestPushDownRuns::prunedRandomEvents()
{
    QFETCH(QString, query);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString input = writeRandomEvents(dir, 3000);
    QVERIFY(!input.isEmpty());
    auto caseFile = importCase(dir, input);

    const RuleRunSummary pushed = compareRuns(*caseFile, eqlRule(QTest::currentDataTag(), query));
    QCOMPARE(pushed.status, std::string("complete"));
    QVERIFY2(!pushed.findingIds.empty(), "no matches, so the comparison shows nothing");
    QVERIFY(pushed.documentsRead < pushed.candidatesRead);
}

void TestPushDownRuns::sampleRules_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("xz-sample")
        << QDir(QStringLiteral(SPOOR_SOURCE_DIR)).filePath(QStringLiteral("resources/sample/xz-sample.ndjson.gz"));
    QTest::newRow("xz-basic") << sharedPath(QStringLiteral("corpus/scenarios/xz-basic.ndjson"));
}

void TestPushDownRuns::sampleRules()
{
    QFETCH(QString, input);
    if (input.isEmpty())
        QSKIP("shared corpus not found: corpus/scenarios/xz-basic.ndjson (expected next to the checkout in ../shared)");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto caseFile = importCase(dir, input);
    std::size_t findings = 0;
    for (const Rule& rule : ::sampleRules()) {
        const RuleRunSummary pushed = compareRuns(*caseFile, rule);
        if (QTest::currentTestFailed())
            return;
        findings += pushed.findingIds.size();
    }
    QVERIFY2(findings > 0, "the sample rules found nothing, so the comparison shows nothing");
}

QTEST_GUILESS_MAIN(TestPushDownRuns)
#include "test_pushdown_runs.moc"
