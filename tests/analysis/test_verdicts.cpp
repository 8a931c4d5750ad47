#include "analysis/finding_groups.h"
#include "analysis/verdicts.h"
#include "ingest/importer.h"
#include "report/report_loader.h"
#include "rules/builtin_rules.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using spoor::analysis::Exclusion;
using spoor::analysis::GroupingRequest;
using spoor::analysis::GroupKey;
using spoor::analysis::Verdict;
using spoor::analysis::VerdictError;
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

struct StoredVerdict
{
    std::optional<std::string> verdict;
    std::optional<std::string> reason;
};

StoredVerdict storedVerdict(CaseFile& caseFile, std::int64_t findingId)
{
    auto select = caseFile.db().prepare("SELECT verdict, verdict_reason FROM findings WHERE id = ?");
    select.bind(1, findingId);
    if (!select.step())
        return {};
    return {select.optionalText(0), select.optionalText(1)};
}

std::int64_t scalar(CaseFile& caseFile, const std::string& sql)
{
    auto select = caseFile.db().prepare(sql);
    select.step();
    return select.int64(0);
}

// A case holding the XZ sample dump and one run of the built-in rules.
class SampleCase
{
public:
    SampleCase()
    {
        const std::string sample = QDir(QStringLiteral(SPOOR_SOURCE_DIR))
                                       .filePath(QStringLiteral("resources/sample/xz-sample.ndjson.gz"))
                                       .toStdString();
        caseFile = std::make_unique<CaseFile>(CaseFile::open(dir.filePath(QStringLiteral("v.spoor")).toStdString()));
        spoor::ingest::importPaths(*caseFile, {sample});
        run = runRules();
    }

    std::int64_t runRules()
    {
        const auto runs = spoor::scan::runRules(*caseFile, spoor::rules::builtinRules());
        return runs.empty() ? 0 : runs.front().runId;
    }

    // Groups the latest run's findings by the command line of step 2.
    std::vector<spoor::analysis::FindingGroup> commandGroups() const
    {
        return spoor::analysis::groupFindings(caseFile->db(), commandRequest);
    }

    // Returns the group of the exploitation, whose step 2 is the payload "sh -c id".
    spoor::analysis::FindingGroup exploitGroup() const
    {
        for (const auto& group : commandGroups()) {
            if (group.label == "sh -c id")
                return group;
        }
        return {};
    }

    // Clears the verdicts that excluding `group` set, so that a later run's findings get their verdict from
    // the exclusion rather than a copy from these identical findings.
    void clearFirstRunVerdicts(const spoor::analysis::FindingGroup& group)
    {
        spoor::analysis::clearVerdict(caseFile->db(), group.findingIds);
    }

    QTemporaryDir dir;
    std::unique_ptr<CaseFile> caseFile;
    std::int64_t run = 0;
    GroupingRequest commandRequest = byKey(GroupKey::StepCommandLine, 1);
};

} // namespace

class TestVerdicts : public QObject
{
    Q_OBJECT

private slots:
    void verdictNamesRoundTrip()
    {
        QCOMPARE(spoor::analysis::verdictName(Verdict::Benign), std::string_view("benign"));
        QCOMPARE(spoor::analysis::verdictName(Verdict::Malicious), std::string_view("malicious"));
        QCOMPARE(spoor::analysis::parseVerdict("benign"), std::optional(Verdict::Benign));
        QCOMPARE(spoor::analysis::parseVerdict("malicious"), std::optional(Verdict::Malicious));
        QVERIFY(!spoor::analysis::parseVerdict("Benign"));
        QVERIFY(!spoor::analysis::parseVerdict(""));
    }

    void setVerdictStoresReason()
    {
        SampleCase sample;
        const std::int64_t exploit = sample.exploitGroup().findingIds.at(0);
        const auto updated = spoor::analysis::setVerdict(sample.caseFile->db(), {exploit, 999999}, Verdict::Malicious,
                                                         "payload run by the XZ backdoor");
        QCOMPARE(updated, std::int64_t(1));
        const StoredVerdict stored = storedVerdict(*sample.caseFile, exploit);
        QCOMPARE(stored.verdict, std::optional<std::string>("malicious"));
        QCOMPARE(stored.reason, std::optional<std::string>("payload run by the XZ backdoor"));
        QCOMPARE(scalar(*sample.caseFile, "SELECT count(*) FROM findings WHERE verdict IS NOT NULL"), std::int64_t(1));
    }

    void setVerdictRejectsBlankReason()
    {
        SampleCase sample;
        const std::int64_t finding = sample.commandGroups().front().findingIds.front();
        QVERIFY_THROWS_EXCEPTION(VerdictError,
                                 spoor::analysis::setVerdict(sample.caseFile->db(), {finding}, Verdict::Benign, " \t"));
        QVERIFY(!storedVerdict(*sample.caseFile, finding).verdict);
    }

    void clearVerdictRemovesBoth()
    {
        SampleCase sample;
        const auto ids = sample.commandGroups().front().findingIds;
        spoor::analysis::setVerdict(sample.caseFile->db(), ids, Verdict::Benign, "motd");
        QCOMPARE(spoor::analysis::clearVerdict(sample.caseFile->db(), {ids.front()}), std::int64_t(1));
        const StoredVerdict cleared = storedVerdict(*sample.caseFile, ids.front());
        QVERIFY(!cleared.verdict);
        QVERIFY(!cleared.reason);
        QCOMPARE(storedVerdict(*sample.caseFile, ids.back()).verdict, std::optional<std::string>("benign"));
    }

    void groupCountsVerdicts()
    {
        SampleCase sample;
        const auto ids = sample.commandGroups().front().findingIds;
        spoor::analysis::setVerdict(sample.caseFile->db(), {ids[0], ids[1]}, Verdict::Benign, "motd");
        spoor::analysis::setVerdict(sample.caseFile->db(), {ids[2]}, Verdict::Malicious, "odd");
        const auto group = sample.commandGroups().front();
        QCOMPARE(group.benign, std::int64_t(2));
        QCOMPARE(group.malicious, std::int64_t(1));
    }

    void reportShowsVerdict()
    {
        SampleCase sample;
        const std::int64_t exploit = sample.exploitGroup().findingIds.at(0);
        spoor::analysis::setVerdict(sample.caseFile->db(), {exploit}, Verdict::Malicious, "payload");
        const auto report = spoor::report::loadReport(*sample.caseFile);
        int malicious = 0;
        for (const auto& finding : report.findings) {
            if (finding.verdict == "malicious") {
                ++malicious;
                QCOMPARE(finding.verdictReason, std::string("payload"));
            }
        }
        QCOMPARE(malicious, 1);
    }

    void laterRunCopiesVerdict()
    {
        SampleCase sample;
        const std::int64_t judged = sample.exploitGroup().findingIds.at(0);
        spoor::analysis::setVerdict(sample.caseFile->db(), {judged}, Verdict::Malicious, "payload");
        const auto runs = spoor::scan::runRules(*sample.caseFile, spoor::rules::builtinRules());
        QCOMPARE(runs.front().verdictsCarried, std::int64_t(1));

        const auto exploit = sample.exploitGroup();
        QCOMPARE(exploit.malicious, std::int64_t(1));
        const std::int64_t copy = exploit.findingIds.at(0);
        QVERIFY(copy != judged);
        const std::string reason = "Copied from finding " + std::to_string(judged) + ": payload";
        QCOMPARE(storedVerdict(*sample.caseFile, copy).reason, std::optional(reason));
        QCOMPARE(scalar(*sample.caseFile, "SELECT count(*) FROM findings WHERE verdict IS NOT NULL"), std::int64_t(2));

        const auto report = spoor::report::loadReport(*sample.caseFile);
        int malicious = 0;
        for (const auto& finding : report.findings) {
            if (finding.verdict == "malicious") {
                ++malicious;
                QCOMPARE(finding.verdictReason, reason);
            }
        }
        QCOMPARE(malicious, 1);

        // A third run names the finding the analyst judged, not the copy.
        sample.runRules();
        const std::int64_t third = sample.exploitGroup().findingIds.at(0);
        QCOMPARE(storedVerdict(*sample.caseFile, third).reason, std::optional(reason));
    }

    void copyNamesOtherRuleVersion()
    {
        SampleCase sample;
        const std::int64_t judged = sample.exploitGroup().findingIds.at(0);
        spoor::analysis::setVerdict(sample.caseFile->db(), {judged}, Verdict::Benign, "red team");
        auto rules = spoor::rules::builtinRules();
        rules.resize(1);
        rules.front().updatedDate = "2099/01/01";
        const auto runs = spoor::scan::runRules(*sample.caseFile, rules);
        QCOMPARE(runs.front().verdictsCarried, std::int64_t(1));

        const std::int64_t copy =
            scalar(*sample.caseFile,
                   "SELECT id FROM findings WHERE verdict IS NOT NULL AND run = " + std::to_string(runs.front().runId));
        const StoredVerdict copied = storedVerdict(*sample.caseFile, copy);
        QCOMPARE(copied.verdict, std::optional<std::string>("benign"));
        const std::string reason = "Copied from finding " + std::to_string(judged) + " (rule version " +
                                   spoor::rules::builtinRules().front().updatedDate + "): red team";
        QCOMPARE(QString::fromStdString(copied.reason.value_or("")), QString::fromStdString(reason));
    }

    void differentEventsGetNoCopy()
    {
        SampleCase sample;
        const std::int64_t judged = sample.exploitGroup().findingIds.at(0);
        spoor::analysis::setVerdict(sample.caseFile->db(), {judged}, Verdict::Malicious, "payload");
        // The judged finding now differs from the next run's match in the event of its last step.
        sample.caseFile->db().exec(
            "UPDATE finding_events SET event = event + 1 WHERE finding = " + std::to_string(judged) +
            " AND step = (SELECT max(step) FROM finding_events"
            " WHERE finding = " +
            std::to_string(judged) + ")");
        const auto runs = spoor::scan::runRules(*sample.caseFile, spoor::rules::builtinRules());
        QCOMPARE(runs.front().verdictsCarried, std::int64_t(0));
        QCOMPARE(sample.exploitGroup().malicious, std::int64_t(0));
    }

    void clearedVerdictNotRevived()
    {
        SampleCase sample;
        const std::int64_t judged = sample.exploitGroup().findingIds.at(0);
        spoor::analysis::setVerdict(sample.caseFile->db(), {judged}, Verdict::Malicious, "payload");
        sample.runRules();
        const std::int64_t copy = sample.exploitGroup().findingIds.at(0);
        QCOMPARE(spoor::analysis::clearVerdict(sample.caseFile->db(), {copy}), std::int64_t(1));
        QVERIFY(!storedVerdict(*sample.caseFile, judged).verdict);
        sample.runRules();
        QCOMPARE(sample.exploitGroup().malicious, std::int64_t(0));
        QVERIFY(!storedVerdict(*sample.caseFile, sample.exploitGroup().findingIds.at(0)).verdict);
    }

    void copySkipsRunWithoutVerdict()
    {
        SampleCase sample;
        const std::int64_t judged = sample.exploitGroup().findingIds.at(0);
        spoor::analysis::setVerdict(sample.caseFile->db(), {judged}, Verdict::Malicious, "payload");
        // A second run by a build that copied no verdicts left its identical finding without one.
        const std::int64_t secondRun = sample.runRules();
        sample.caseFile->db().exec("UPDATE findings SET verdict = NULL, verdict_reason = NULL WHERE run = " +
                                   std::to_string(secondRun));
        sample.runRules();
        QCOMPARE(sample.exploitGroup().malicious, std::int64_t(1));
    }

    void excludeGroupMarksAndStores()
    {
        SampleCase sample;
        const auto motd = sample.commandGroups().front();
        const auto ids =
            spoor::analysis::excludeGroup(sample.caseFile->db(), motd, sample.commandRequest, "pam_motd at login");
        QCOMPARE(ids.size(), std::size_t(1));

        const auto exclusions = spoor::analysis::loadExclusions(sample.caseFile->db());
        QCOMPARE(exclusions.size(), std::size_t(1));
        const Exclusion& exclusion = exclusions.front();
        QCOMPARE(exclusion.id, ids.front());
        QCOMPARE(exclusion.ruleId, std::string("7afc6cc9-8800-4c7f-be6b-b688d2dea248"));
        QCOMPARE(exclusion.step, std::optional(1));
        QCOMPARE(exclusion.field, std::string("process.command_line"));
        QCOMPARE(exclusion.value, motd.label);
        QVERIFY(!exclusion.normalized);
        QCOMPARE(exclusion.reason, std::string("pam_motd at login"));
        QVERIFY(!exclusion.createdAt.empty());

        for (const std::int64_t id : motd.findingIds)
            QCOMPARE(storedVerdict(*sample.caseFile, id).verdict, std::optional<std::string>("benign"));
        QCOMPARE(scalar(*sample.caseFile, "SELECT count(*) FROM findings WHERE verdict IS NOT NULL"), motd.count());
    }

    void laterRunGetsExclusionVerdict()
    {
        SampleCase sample;
        const auto groups = sample.commandGroups();
        spoor::analysis::excludeGroup(sample.caseFile->db(), groups.front(), sample.commandRequest, "pam_motd");
        sample.clearFirstRunVerdicts(groups.front());
        const std::int64_t secondRun = sample.runRules();
        QVERIFY(secondRun > sample.run);

        QCOMPARE(spoor::analysis::applyExclusions(*sample.caseFile, secondRun), std::int64_t(35));
        const auto later = sample.commandGroups();
        QCOMPARE(later.front().benign, std::int64_t(35));
        QCOMPARE(sample.exploitGroup().count(), std::int64_t(1));
        QCOMPARE(sample.exploitGroup().benign, std::int64_t(0));
        const StoredVerdict stored = storedVerdict(*sample.caseFile, later.front().findingIds.front());
        const auto exclusion = spoor::analysis::loadExclusions(sample.caseFile->db()).front();
        QCOMPARE(stored.reason, std::optional(spoor::analysis::exclusionVerdictReason(exclusion)));
        QCOMPARE(*stored.reason, "Exclusion " + std::to_string(exclusion.id) + ": pam_motd");

        // Applying again changes nothing: the findings already have a verdict.
        QCOMPARE(spoor::analysis::applyExclusions(*sample.caseFile, secondRun), std::int64_t(0));
    }

    void exclusionKeepsAnalystVerdict()
    {
        SampleCase sample;
        const auto motd = sample.commandGroups().front();
        spoor::analysis::excludeGroup(sample.caseFile->db(), motd, sample.commandRequest, "pam_motd");
        sample.clearFirstRunVerdicts(motd);
        const std::int64_t secondRun = sample.runRules();
        const std::int64_t kept = sample.commandGroups().front().findingIds.front();
        spoor::analysis::setVerdict(sample.caseFile->db(), {kept}, Verdict::Malicious, "checked by hand");
        QCOMPARE(spoor::analysis::applyExclusions(*sample.caseFile, secondRun), std::int64_t(34));
        QCOMPARE(storedVerdict(*sample.caseFile, kept).verdict, std::optional<std::string>("malicious"));
    }

    void exclusionOfOtherRuleIgnored()
    {
        SampleCase sample;
        Exclusion exclusion;
        exclusion.ruleId = "another-rule";
        exclusion.step = 1;
        exclusion.field = "process.name";
        exclusion.value = "dash";
        exclusion.reason = "not this rule";
        spoor::analysis::addExclusion(sample.caseFile->db(), exclusion);
        QCOMPARE(spoor::analysis::applyExclusions(*sample.caseFile, sample.run), std::int64_t(0));
    }

    void hostExclusionMatchesWithoutStep()
    {
        SampleCase sample;
        const GroupingRequest request = byKey(GroupKey::Host, 0);
        const auto hosts = spoor::analysis::groupFindings(sample.caseFile->db(), request);
        Exclusion exclusion;
        exclusion.ruleId = "7afc6cc9-8800-4c7f-be6b-b688d2dea248";
        exclusion.field = "host.name";
        exclusion.value = hosts.front().label;
        exclusion.reason = "lab host";
        const std::int64_t id = spoor::analysis::addExclusion(sample.caseFile->db(), exclusion);
        QVERIFY(!spoor::analysis::loadExclusions(sample.caseFile->db()).front().step);
        QCOMPARE(spoor::analysis::applyExclusions(*sample.caseFile, sample.run), hosts.front().count());

        spoor::analysis::removeExclusion(sample.caseFile->db(), id);
        QVERIFY(spoor::analysis::loadExclusions(sample.caseFile->db()).empty());
        const std::int64_t secondRun = sample.runRules();
        QCOMPARE(spoor::analysis::applyExclusions(*sample.caseFile, secondRun), std::int64_t(0));
    }

    void addExclusionRejects_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown field") << QStringLiteral("process.pid") << 1 << QStringLiteral("r");
        QTest::newRow("rule version") << QString() << 1 << QStringLiteral("r");
        QTest::newRow("step field without step") << QStringLiteral("process.name") << -1 << QStringLiteral("r");
        QTest::newRow("blank reason") << QStringLiteral("process.name") << 1 << QStringLiteral("  ");
    }

    void addExclusionRejects()
    {
        QFETCH(QString, field);
        QFETCH(int, step);
        QFETCH(QString, reason);
        SampleCase sample;
        Exclusion exclusion;
        exclusion.ruleId = "7afc6cc9-8800-4c7f-be6b-b688d2dea248";
        exclusion.field = field.toStdString();
        if (step >= 0)
            exclusion.step = step;
        exclusion.value = "dash";
        exclusion.reason = reason.toStdString();
        QVERIFY_THROWS_EXCEPTION(VerdictError, spoor::analysis::addExclusion(sample.caseFile->db(), exclusion));
        QVERIFY(spoor::analysis::loadExclusions(sample.caseFile->db()).empty());
    }

    void excludeGroupRejects()
    {
        SampleCase sample;
        const GroupingRequest byRule = byKey(GroupKey::RuleVersion, 0);
        const auto rules = spoor::analysis::groupFindings(sample.caseFile->db(), byRule);
        QVERIFY_THROWS_EXCEPTION(
            VerdictError, spoor::analysis::excludeGroup(sample.caseFile->db(), rules.front(), byRule, "everything"));
        const GroupingRequest missingStep = byKey(GroupKey::StepCommandLine, 9);
        const auto none = spoor::analysis::groupFindings(sample.caseFile->db(), missingStep);
        QVERIFY_THROWS_EXCEPTION(
            VerdictError, spoor::analysis::excludeGroup(sample.caseFile->db(), none.front(), missingStep, "nothing"));
        QVERIFY(spoor::analysis::loadExclusions(sample.caseFile->db()).empty());
        QCOMPARE(scalar(*sample.caseFile, "SELECT count(*) FROM findings WHERE verdict IS NOT NULL"), std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestVerdicts)
#include "test_verdicts.moc"
