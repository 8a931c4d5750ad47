#include "analysis/data_readiness.h"
#include "analysis/process_table.h"
#include "case_builder.h"
#include "eql/query.h"
#include "ingest/importer.h"
#include "rules/builtin_rules.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using spoor::analysis::FieldUse;
using spoor::analysis::ReadinessNote;
using spoor::analysis::RuleReadiness;
using spoor::store::CaseFile;

namespace {

std::string samplePath()
{
    return QDir(QStringLiteral(SPOOR_SOURCE_DIR))
        .filePath(QStringLiteral("resources/sample/xz-sample.ndjson.gz"))
        .toStdString();
}

const FieldUse* findUse(const spoor::analysis::StepNeeds& step, const std::string& field, FieldUse::Kind kind)
{
    const auto found = std::find_if(step.uses.begin(), step.uses.end(),
                                    [&](const FieldUse& use) { return use.field == field && use.kind == kind; });
    return found == step.uses.end() ? nullptr : &*found;
}

const ReadinessNote* findNote(const RuleReadiness& rule, const std::string& field, ReadinessNote::Severity severity)
{
    const auto found = std::find_if(rule.notes.begin(), rule.notes.end(), [&](const ReadinessNote& note) {
        return note.field == field && note.severity == severity;
    });
    return found == rule.notes.end() ? nullptr : &*found;
}

spoor::rules::Rule xzRule()
{
    const auto rules = spoor::rules::builtinRules();
    return rules.front();
}

// A process exec and end and a network event without event.ingested, process.entity_id or any
// disconnect_received: the shape of an auditd-derived dump.
void addEventsWithoutIngestedOrEntity(CaseBuilder& builder)
{
    const nlohmann::json host = {{"id", "h1"}, {"name", "web-01"}, {"os", {{"type", "linux"}}}};
    builder.insert({{"@timestamp", "2024-04-03T01:00:00Z"},
                    {"event", {{"action", "exec"}, {"category", {"process"}}, {"type", {"start"}}}},
                    {"host", host},
                    {"user", {{"id", "0"}}},
                    {"process", {{"pid", 10}, {"name", "sshd"}, {"args", {"/usr/sbin/sshd", "-D", "-R"}}}}});
    builder.insert({{"@timestamp", "2024-04-03T01:00:01Z"},
                    {"event", {{"action", "end"}, {"category", {"process"}}, {"type", {"end"}}}},
                    {"host", host},
                    {"user", {{"id", "0"}}},
                    {"process", {{"pid", 10}, {"name", "sshd"}, {"exit_code", 255}}}});
    builder.insert({{"@timestamp", "2024-04-03T01:00:01Z"},
                    {"event", {{"action", "disconnected"}, {"category", {"network"}}, {"type", {"end"}}}},
                    {"host", host},
                    {"user", {{"id", "0"}}},
                    {"process", {{"pid", 10}, {"name", "sshd"}}}});
}

} // namespace

class TestDataReadiness : public QObject
{
    Q_OBJECT

private slots:
    void xzRuleNeedsPerStep()
    {
        const spoor::rules::Rule rule = xzRule();
        const auto needs = spoor::analysis::ruleNeeds(spoor::eql::Query::parse(rule.query), rule.timestampOverride);
        QCOMPARE(needs.timestampField, std::string("event.ingested"));
        QCOMPARE(needs.steps.size(), std::size_t(4));
        QCOMPARE(needs.steps[0].category, std::string("process"));
        QCOMPARE(needs.steps[3].category, std::string("network"));
        const std::vector<std::string> firstKeys = needs.steps[0].keyFields;
        QCOMPARE(firstKeys, (std::vector<std::string>{"host.id", "user.id", "process.pid", "process.entity_id"}));
        QCOMPARE(needs.steps[1].keyFields[3], std::string("process.parent.entity_id"));

        const FieldUse* exec = findUse(needs.steps[0], "event.action", FieldUse::Kind::Equals);
        QVERIFY(exec);
        QVERIFY(exec->required);
        QCOMPARE(exec->values, std::vector<std::string>{"exec"});
        QVERIFY(findUse(needs.steps[0], "process.args", FieldUse::Kind::Equals));
        // != is a set complement in Elasticsearch, so the step does not need the field.
        const FieldUse* executable = findUse(needs.steps[1], "process.executable", FieldUse::Kind::Excludes);
        QVERIFY(executable);
        QVERIFY(!executable->required);
        const FieldUse* disconnect = findUse(needs.steps[3], "event.action", FieldUse::Kind::Equals);
        QVERIFY(disconnect);
        QCOMPARE(disconnect->values, std::vector<std::string>{"disconnect_received"});
    }

    void orAndNotChangeRequired()
    {
        const auto needs = spoor::analysis::ruleNeeds(spoor::eql::Query::parse(
            R"(process where (process.name == "a" or user.name == "b") and not (host.name == "c" or event.code == "d")
                 and not (process.pid > 3 and process.title : "x*"))"));
        const auto& step = needs.steps.at(0);
        QVERIFY(!findUse(step, "process.name", FieldUse::Kind::Equals)->required);
        QVERIFY(!findUse(step, "user.name", FieldUse::Kind::Equals)->required);
        QVERIFY(findUse(step, "host.name", FieldUse::Kind::Excludes));
        QVERIFY(findUse(step, "event.code", FieldUse::Kind::Excludes));
        QVERIFY(!findUse(step, "process.pid", FieldUse::Kind::Tests)->required);
        QVERIFY(findUse(step, "process.title", FieldUse::Kind::Excludes));
    }

    void equalsNullAndNotNull()
    {
        const auto needs = spoor::analysis::ruleNeeds(
            spoor::eql::Query::parse(R"(process where process.executable != null and process.title == null)"));
        const auto& step = needs.steps.at(0);
        const FieldUse* present = findUse(step, "process.executable", FieldUse::Kind::Tests);
        QVERIFY(present);
        QVERIFY(present->required);
        QVERIFY(findUse(step, "process.title", FieldUse::Kind::IsNull));
    }

    void sampleCaseIsReadyForXz()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto caseFile = CaseFile::open(dir.filePath(QStringLiteral("sample.spoor")).toStdString());
        spoor::ingest::importPaths(caseFile, {samplePath()});
        spoor::analysis::buildProcessTable(caseFile);
        const auto report = spoor::analysis::assessReadiness(caseFile.db(), {xzRule()});
        QCOMPARE(report.census.events, std::int64_t(3331));
        QCOMPARE(report.rules.size(), std::size_t(1));
        const RuleReadiness& rule = report.rules[0];
        for (const ReadinessNote& note : rule.notes)
            qInfo("step %d %s: %s", note.step, note.field.c_str(), note.message.c_str());
        QCOMPARE(rule.verdict, RuleReadiness::Verdict::Ready);
        const auto* args = report.census.find("process.args");
        QVERIFY(args);
        QVERIFY(!args->hotColumn);
        QVERIFY(args->tests.at("== -D") > 0);
        QCOMPARE(report.census.find("event.ingested")->events, std::int64_t(3331));
    }

    void caseWithoutIngestedOrEntity()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CaseBuilder builder(dir.filePath(QStringLiteral("audit.spoor")).toStdString());
        addEventsWithoutIngestedOrEntity(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto report = spoor::analysis::assessReadiness(builder.db(), {xzRule()});
        QCOMPARE(report.entityKeys.inferred, report.entityKeys.generations);
        QVERIFY(report.entityKeys.generations > 0);
        const RuleReadiness& rule = report.rules.at(0);
        QCOMPARE(rule.verdict, RuleReadiness::Verdict::CannotMatch);

        using Severity = ReadinessNote::Severity;
        const ReadinessNote* ingested = findNote(rule, "event.ingested", Severity::Warning);
        QVERIFY(ingested);
        QCOMPARE(ingested->step, 0);
        QVERIFY(ingested->message.find("@timestamp") != std::string::npos);
        const ReadinessNote* entity = findNote(rule, "process.entity_id", Severity::Blocking);
        QVERIFY(entity);
        QVERIFY(entity->message.find("join key") != std::string::npos);
        QVERIFY(findNote(rule, "process.entity_id", Severity::Warning));

        const auto disconnect = std::find_if(rule.notes.begin(), rule.notes.end(), [](const ReadinessNote& note) {
            return note.step == 4 && note.field == "event.action";
        });
        QVERIFY(disconnect != rule.notes.end());
        QCOMPARE(disconnect->severity, Severity::Blocking);
        QVERIFY2(disconnect->message.find("\"disconnect_received\": 0 events") != std::string::npos,
                 disconnect->message.c_str());
        QVERIFY2(disconnect->message.find("\"disconnected\" (1)") != std::string::npos, disconnect->message.c_str());
        // An auditd source explains the missing entity id: Spoor derives it for that format.
        const RuleReadiness withFormat =
            spoor::analysis::judgeRule(xzRule(), rule.needs, report.census, report.entityKeys, {"auditd"});
        const ReadinessNote* derived = findNote(withFormat, "process.entity_id", Severity::Information);
        QVERIFY(derived);
        QVERIFY2(derived->message.find("auditd") != std::string::npos, derived->message.c_str());
    }

    void scannedCountsAreCached()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CaseBuilder builder(dir.filePath(QStringLiteral("cache.spoor")).toStdString());
        addEventsWithoutIngestedOrEntity(builder);
        spoor::analysis::CensusRequest request;
        request.addUses(spoor::analysis::ruleNeeds(spoor::eql::Query::parse(R"(process where process.args == "-R")"))
                            .steps[0]
                            .uses);
        const auto first = spoor::analysis::takeCensus(builder.db(), request);
        QCOMPARE(first.find("process.args")->events, std::int64_t(1));
        QCOMPARE(first.find("process.args")->tests.at("== -R"), std::int64_t(1));

        // Change the cached figure: an unchanged case reads it back instead of scanning again.
        builder.db().exec("UPDATE field_census SET events = 42 WHERE field = 'process.args' AND test = ''");
        QCOMPARE(spoor::analysis::takeCensus(builder.db(), request).find("process.args")->events, std::int64_t(42));

        // A new event invalidates the cache.
        addEventsWithoutIngestedOrEntity(builder);
        QCOMPARE(spoor::analysis::takeCensus(builder.db(), request).find("process.args")->events, std::int64_t(2));
    }

    void cancelStopsScan()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CaseBuilder builder(dir.filePath(QStringLiteral("cancel.spoor")).toStdString());
        addEventsWithoutIngestedOrEntity(builder);
        spoor::analysis::CensusRequest request;
        request.addField("process.args");
        const std::atomic<bool> cancelled{true};
        QVERIFY_THROWS_EXCEPTION(spoor::analysis::CensusCancelled,
                                 spoor::analysis::takeCensus(builder.db(), request, &cancelled));
    }

    void nonEqlRuleIsUnsupported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CaseBuilder builder(dir.filePath(QStringLiteral("kql.spoor")).toStdString());
        addEventsWithoutIngestedOrEntity(builder);
        spoor::rules::Rule rule;
        rule.ruleId = "r1";
        rule.name = "kql rule";
        rule.language = "kuery";
        const auto report = spoor::analysis::assessReadiness(builder.db(), {rule});
        QCOMPARE(report.rules.at(0).verdict, RuleReadiness::Verdict::Unsupported);
        QVERIFY(report.rules.at(0).notes.at(0).message.find("kuery") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDataReadiness)
#include "test_data_readiness.moc"
