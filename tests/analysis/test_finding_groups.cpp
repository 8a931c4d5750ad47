#include "analysis/finding_groups.h"
#include "case_builder.h"
#include "ingest/importer.h"
#include "rules/builtin_rules.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>
#include <numeric>

using spoor::analysis::FindingGroup;
using spoor::analysis::GroupingRequest;
using spoor::analysis::GroupKey;
using spoor::store::CaseFile;

namespace {

// A request for the latest runs, or for one run.
GroupingRequest byKey(GroupKey key, int step, std::optional<std::int64_t> run = std::nullopt)
{
    GroupingRequest request;
    request.key = key;
    request.step = step;
    request.run = run;
    return request;
}

const std::string motdCommand =
    "sh -c /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    " run-parts --lsbsysinit /etc/update-motd.d > /run/motd.dynamic.new";

std::string samplePath()
{
    return QDir(QStringLiteral(SPOOR_SOURCE_DIR))
        .filePath(QStringLiteral("resources/sample/xz-sample.ndjson.gz"))
        .toStdString();
}

std::int64_t totalCount(const std::vector<FindingGroup>& groups)
{
    return std::accumulate(groups.begin(), groups.end(), std::int64_t(0),
                           [](std::int64_t sum, const FindingGroup& group) { return sum + group.count(); });
}

const FindingGroup* groupLabelled(const std::vector<FindingGroup>& groups, const std::string& label)
{
    const auto found =
        std::find_if(groups.begin(), groups.end(), [&](const FindingGroup& group) { return group.label == label; });
    return found == groups.end() ? nullptr : &*found;
}

// Inserts a rule, a complete run and one single-step finding per command line; returns the run id.
std::int64_t addCommandFindings(CaseBuilder& builder, const std::vector<std::string>& commandLines)
{
    auto& db = builder.db();
    db.exec("INSERT INTO rules (rule_id, name, updated_date, query_hash, language, origin, toml)"
            " VALUES ('test-rule', 'Test rule', '2024/04/01', 'h', 'eql', 'test', '')");
    const std::int64_t rule = db.lastInsertRowId();
    db.exec("INSERT INTO rule_runs (rule, started_at, status, timestamp_field) VALUES (" + std::to_string(rule) +
            ", '2024-04-03T00:00:00Z', 'complete', '@timestamp')");
    const std::int64_t run = db.lastInsertRowId();
    int second = 0;
    for (const std::string& commandLine : commandLines) {
        const std::int64_t event =
            builder.insert({{"@timestamp", "2024-04-03T01:00:0" + std::to_string(second++) + "Z"},
                            {"host", {{"id", "h1"}, {"name", "web-00"}}},
                            {"process", {{"pid", 10}, {"command_line", commandLine}}}});
        auto finding =
            db.prepare("INSERT INTO findings (run, rule, host_name, join_keys) VALUES (?, ?, 'web-00', '[]')");
        finding.bind(1, run).bind(2, rule).run();
        auto step = db.prepare("INSERT INTO finding_events (finding, step, event) VALUES (?, 0, ?)");
        step.bind(1, static_cast<std::int64_t>(db.lastInsertRowId())).bind(2, event).run();
    }
    return run;
}

} // namespace

class TestFindingGroups : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        caseFile_ = std::make_unique<CaseFile>(CaseFile::open(dir_.filePath(QStringLiteral("s.spoor")).toStdString()));
        const auto summary = spoor::ingest::importPaths(*caseFile_, {samplePath()});
        QCOMPARE(summary.events(), std::uint64_t(3331));
        const auto runs = spoor::scan::runRules(*caseFile_, spoor::rules::builtinRules());
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs[0].status, std::string("complete"));
        QCOMPARE(runs[0].findingIds.size(), std::size_t(38));
        runId_ = runs[0].runId;
    }

    void stepTwoCommandLineIsolatesExploit()
    {
        const auto groups = spoor::analysis::groupFindings(caseFile_->db(), byKey(GroupKey::StepCommandLine, 1));
        QCOMPARE(totalCount(groups), std::int64_t(38));
        // The motd run-parts command, then unix_chkpwd once for each of two users, then the payload.
        QCOMPARE(groups.size(), std::size_t(4));
        QCOMPARE(groups[0].label, motdCommand);
        QCOMPARE(groups[0].count(), std::int64_t(35));
        const FindingGroup* exploit = groupLabelled(groups, "sh -c id");
        QVERIFY(exploit);
        QCOMPARE(exploit->count(), std::int64_t(1));
        QVERIFY(!exploit->normalized);
        QCOMPARE(exploit->rawValues, std::vector<std::string>{"sh -c id"});
        QVERIFY(groupLabelled(groups, "/usr/sbin/unix_chkpwd alice chkexpiry"));
        QVERIFY(groupLabelled(groups, "/usr/sbin/unix_chkpwd bob chkexpiry"));
    }

    void groupsAreLargestFirst()
    {
        const auto groups = spoor::analysis::groupFindings(caseFile_->db(), byKey(GroupKey::StepCommandLine, 1));
        for (std::size_t index = 1; index < groups.size(); ++index)
            QVERIFY(groups[index - 1].count() >= groups[index].count());
    }

    void groupTimesSpanFindings()
    {
        const auto groups = spoor::analysis::groupFindings(caseFile_->db(), byKey(GroupKey::StepCommandLine, 1));
        auto select = caseFile_->db().prepare("SELECT min(first_ns), max(last_ns) FROM findings WHERE id = ?");
        for (const FindingGroup& group : groups) {
            QVERIFY(group.firstNs);
            QVERIFY(group.lastNs);
            QVERIFY(*group.firstNs <= *group.lastNs);
            for (const std::int64_t id : group.findingIds) {
                select.bind(1, id);
                QVERIFY(select.step());
                QVERIFY(select.int64(0) >= *group.firstNs);
                QVERIFY(select.int64(1) <= *group.lastNs);
                select.reset();
            }
        }
    }

    void otherKeys_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("groupCount");
        QTest::addColumn<QString>("largestLabel");
        QTest::addColumn<int>("largestCount");
        QTest::newRow("process name") << int(GroupKey::StepProcessName) << 2 << QStringLiteral("dash") << 36;
        QTest::newRow("executable") << int(GroupKey::StepExecutable) << 2 << QStringLiteral("/usr/bin/dash") << 36;
        QTest::newRow("parent") << int(GroupKey::StepParent) << 1 << QStringLiteral("/usr/sbin/sshd -D -R") << 38;
        QTest::newRow("user") << int(GroupKey::User) << 1 << QStringLiteral("root") << 38;
    }

    void otherKeys()
    {
        QFETCH(int, key);
        QFETCH(int, groupCount);
        QFETCH(QString, largestLabel);
        QFETCH(int, largestCount);
        const auto groups = spoor::analysis::groupFindings(caseFile_->db(), byKey(GroupKey(key), 1));
        QCOMPARE(groups.size(), std::size_t(groupCount));
        QCOMPARE(groups[0].label, largestLabel.toStdString());
        QCOMPARE(groups[0].count(), std::int64_t(largestCount));
        QCOMPARE(totalCount(groups), std::int64_t(38));
    }

    void hostGroupsMatchFindingHosts()
    {
        const auto groups = spoor::analysis::groupFindings(caseFile_->db(), byKey(GroupKey::Host, 0));
        QVERIFY(groups.size() > 1);
        QCOMPARE(totalCount(groups), std::int64_t(38));
        auto select = caseFile_->db().prepare("SELECT host_name FROM findings WHERE id = ?");
        for (const FindingGroup& group : groups) {
            for (const std::int64_t id : group.findingIds) {
                select.bind(1, id);
                QVERIFY(select.step());
                QCOMPARE(select.text(0), group.label);
                select.reset();
            }
        }
    }

    void ruleVersionLabel()
    {
        const auto groups = spoor::analysis::groupFindings(caseFile_->db(), byKey(GroupKey::RuleVersion, 0));
        QCOMPARE(groups.size(), std::size_t(1));
        QCOMPARE(groups[0].label, std::string("Potential Execution via XZBackdoor (2024/04/01)"));
        QCOMPARE(groups[0].count(), std::int64_t(38));
    }

    void missingStepGroupsAsNone()
    {
        const auto groups = spoor::analysis::groupFindings(caseFile_->db(), byKey(GroupKey::StepCommandLine, 9));
        QCOMPARE(groups.size(), std::size_t(1));
        QCOMPARE(groups[0].label, std::string("(none)"));
        QVERIFY(!groups[0].value);
        QCOMPARE(groups[0].count(), std::int64_t(38));
    }

    void explicitRunAndLatestRuns()
    {
        GroupingRequest request = byKey(GroupKey::StepProcessName, 1, runId_);
        QCOMPARE(totalCount(spoor::analysis::groupFindings(caseFile_->db(), request)), std::int64_t(38));
        request.run = runId_ + 1000;
        QVERIFY(spoor::analysis::groupFindings(caseFile_->db(), request).empty());
    }

    void normalizeVolatile_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("temp folder") << QStringLiteral("/bin/sh /tmp/tmp.4711/run -n 3")
                                     << QStringLiteral("/bin/sh /tmp/tmp.#/run -n 3");
        QTest::newRow("redirect") << QStringLiteral("sh -c id >/var/tmp/out12.txt")
                                  << QStringLiteral("sh -c id >/var/tmp/out#.txt");
        QTest::newRow("shm") << QStringLiteral("/dev/shm/x1y22") << QStringLiteral("/dev/shm/x#y#");
        QTest::newRow("proc") << QStringLiteral("cat /proc/1234/maps") << QStringLiteral("cat /proc/#/maps");
        QTest::newRow("sleep kept") << QStringLiteral("sleep 30") << QStringLiteral("sleep 30");
        QTest::newRow("user kept") << QStringLiteral("/usr/sbin/unix_chkpwd user2 chkexpiry")
                                   << QStringLiteral("/usr/sbin/unix_chkpwd user2 chkexpiry");
        QTest::newRow("spaces kept") << QStringLiteral("a  /tmp/1 ") << QStringLiteral("a  /tmp/# ");
        QTest::newRow("empty") << QString() << QString();
    }

    void normalizeVolatile()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(spoor::analysis::normalizeVolatile(input.toStdString())), expected);
    }

    void normalizedGroupKeepsRawValues()
    {
        QTemporaryDir dir;
        CaseBuilder builder(dir.filePath(QStringLiteral("n.spoor")).toStdString());
        const std::int64_t run =
            addCommandFindings(builder, {"/bin/sh /tmp/tmp.815/x", "sleep 30", "/bin/sh /tmp/tmp.4711/x"});

        GroupingRequest request = byKey(GroupKey::StepCommandLine, 0, run);
        const auto groups = spoor::analysis::groupFindings(builder.db(), request);
        QCOMPARE(groups.size(), std::size_t(2));
        QCOMPARE(groups[0].label, std::string("/bin/sh /tmp/tmp.#/x"));
        QCOMPARE(groups[0].count(), std::int64_t(2));
        QVERIFY(groups[0].normalized);
        const std::vector<std::string> raw{"/bin/sh /tmp/tmp.4711/x", "/bin/sh /tmp/tmp.815/x"};
        QCOMPARE(groups[0].rawValues, raw);
        QVERIFY(!groups[1].normalized);

        request.normalizeVolatile = false;
        QCOMPARE(spoor::analysis::groupFindings(builder.db(), request).size(), std::size_t(3));
    }

    void keyFieldsRoundTrip()
    {
        for (const GroupKey key : {GroupKey::Host, GroupKey::User, GroupKey::StepCommandLine, GroupKey::StepExecutable,
                                   GroupKey::StepProcessName, GroupKey::StepParent}) {
            const auto field = spoor::analysis::groupKeyField(key);
            QVERIFY(!field.empty());
            QCOMPARE(spoor::analysis::groupKeyForField(field), std::optional(key));
        }
        QVERIFY(spoor::analysis::groupKeyField(GroupKey::RuleVersion).empty());
        QVERIFY(!spoor::analysis::groupKeyForField(""));
        QVERIFY(!spoor::analysis::groupKeyForField("process.pid"));
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<CaseFile> caseFile_;
    std::int64_t runId_ = 0;
};

QTEST_GUILESS_MAIN(TestFindingGroups)
#include "test_finding_groups.moc"
