#include "common/shared_data.h"
#include "rules/builtin_rules.h"
#include "rules/rule_loader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using spoor::rules::Rule;
using spoor::rules::RuleError;

namespace {

const char* const xzRuleId = "7afc6cc9-8800-4c7f-be6b-b688d2dea248";
#define XZ_PUBLISHED                                                                                                   \
    "rules/xzbackdoor-history/2024-04-02_f2490007e8_persistence_suspicious_ssh_execution_xzbackdoor.toml"

// A minimal valid EQL rule; tests replace parts of it to break it.
const char* const minimalRule = R"([metadata]
updated_date = "2024/01/02"

[rule]
rule_id = "11111111-2222-3333-4444-555555555555"
name = "Minimal"
risk_score = 21
language = "eql"
query = '''
process where process.name == "sh"
'''
)";

void writeFile(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(text);
}

std::string errorOf(std::string_view text, const std::string& origin)
{
    try {
        spoor::rules::parseRule(text, origin);
    } catch (const RuleError& error) {
        return error.what();
    }
    return "no error";
}

std::vector<std::string> techniqueIds(const Rule& rule)
{
    std::vector<std::string> ids;
    for (const auto& threat : rule.threats)
        for (const auto& technique : threat.techniques)
            ids.push_back(technique.id);
    return ids;
}

} // namespace

class TestRules : public QObject
{
    Q_OBJECT

private slots:
    void builtinXzRule()
    {
        const auto rules = spoor::rules::builtinRules();
        QCOMPARE(rules.size(), std::size_t(1));
        const Rule& rule = rules.front();
        QCOMPARE(rule.ruleId, std::string(xzRuleId));
        QCOMPARE(rule.name, std::string("Potential Execution via XZBackdoor"));
        QCOMPARE(rule.origin, std::string("builtin:xz_backdoor_2024-04-01.toml"));
        QCOMPARE(rule.updatedDate, std::string("2024/04/01"));
        QCOMPARE(rule.creationDate, std::string("2024/04/01"));
        QCOMPARE(rule.maturity, std::string("production"));
        QCOMPARE(rule.severity, std::string("high"));
        QCOMPARE(rule.riskScore, 73);
        QCOMPARE(rule.type, std::string("eql"));
        QVERIFY(rule.isEql());
        QCOMPARE(rule.timestampOverride, std::string("event.ingested"));
        QCOMPARE(rule.license, std::string("Elastic License v2"));
        QCOMPARE(rule.from, std::string("now-9m"));
        QCOMPARE(rule.index, std::vector<std::string>{"logs-endpoint.events.*"});
        QCOMPARE(rule.authors, std::vector<std::string>{"Elastic"});
        QCOMPARE(rule.references.size(), std::size_t(2));
        QCOMPARE(rule.tags.size(), std::size_t(7));
        QVERIFY(rule.query.starts_with("sequence by host.id, user.id with maxspan=1s\n"));
        QCOMPARE(std::count(rule.query.begin(), rule.query.end(), '['), 4);
        QVERIFY(rule.tomlText.starts_with("# "));
        QVERIFY(rule.tomlText.find("Elastic License 2.0") < rule.tomlText.find('\n'));
    }

    void builtinThreatMapping()
    {
        const Rule rule = spoor::rules::builtinRules().front();
        QCOMPARE(rule.threats.size(), std::size_t(3));
        QCOMPARE(rule.threats[0].framework, std::string("MITRE ATT&CK"));
        QCOMPARE(rule.threats[0].tactic.id, std::string("TA0003"));
        QCOMPARE(rule.threats[1].tactic.name, std::string("Credential Access"));
        QCOMPARE(rule.threats[2].tactic.reference, std::string("https://attack.mitre.org/tactics/TA0008/"));
        const std::vector<std::string> expected{"T1543", "T1556", "T1021", "T1021.004", "T1563", "T1563.001"};
        QCOMPARE(techniqueIds(rule), expected);
        QCOMPARE(rule.threats[2].techniques[1].name, std::string("SSH"));
        QCOMPARE(rule.threats[2].techniques[1].reference,
                 std::string("https://attack.mitre.org/techniques/T1021/004/"));
    }

    void builtinQueryLine()
    {
        const Rule rule = spoor::rules::builtinRules().front();
        // One comment line precedes the published text, where "query = '''" is line 36.
        QCOMPARE(rule.queryLine, 38);
    }

    void builtinEqualsPublished()
    {
        SPOOR_REQUIRE_SHARED(path, XZ_PUBLISHED);
        const Rule published = spoor::rules::loadRuleFile(path.toStdString());
        const Rule builtin = spoor::rules::builtinRules().front();
        QCOMPARE(builtin.query, published.query);
        QCOMPARE(builtin.ruleId, published.ruleId);
        QCOMPARE(builtin.name, published.name);
        QCOMPARE(builtin.description, published.description);
        QCOMPARE(builtin.updatedDate, published.updatedDate);
        QCOMPARE(builtin.creationDate, published.creationDate);
        QCOMPARE(builtin.riskScore, published.riskScore);
        QCOMPARE(builtin.severity, published.severity);
        QCOMPARE(builtin.timestampOverride, published.timestampOverride);
        QCOMPARE(builtin.references, published.references);
        QCOMPARE(builtin.tags, published.tags);
        QCOMPARE(builtin.license, published.license);
        QCOMPARE(techniqueIds(builtin), techniqueIds(published));
        QCOMPARE(builtin.queryLine, published.queryLine + 1);
        // The shipped file is the published file with one comment line added at the top.
        QCOMPARE(builtin.tomlText.substr(builtin.tomlText.find('\n') + 1), published.tomlText);
    }

    void xzHistoryLoads_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("updatedDate");
        const char* const suffix = "_persistence_suspicious_ssh_execution_xzbackdoor.toml";
        const std::pair<const char*, const char*> versions[] = {
            {"2024-04-02_f2490007e8", "2024/04/01"}, {"2024-05-22_2c3dbfc039", "2024/04/01"},
            {"2024-05-23_63e91c2f12", "2024/05/21"}, {"2024-05-23_71d2c59b5c", "2024/05/21"},
            {"2024-09-05_e30dc312e4", "2024/09/03"}, {"2024-09-25_b80d8342d6", "2024/09/23"},
            {"2024-10-18_b309bcb7ae", "2024/10/17"}, {"2025-01-22_fe8c81d762", "2025/01/15"},
            {"2025-02-05_0268daa17d", "2025/02/04"}, {"2025-11-17_4c984b0ed5", "2025/11/14"},
            {"2025-12-18_b996a29451", "2025/12/17"}, {"2026-01-08_d968f62a5a", "2025/12/23"},
            {"2026-04-01_8993d1450b", "2026/03/24"},
        };
        for (const auto& [prefix, date] : versions)
            QTest::newRow(prefix) << QString::fromLatin1(prefix) + QString::fromLatin1(suffix) << QString(date);
    }

    void xzHistoryLoads()
    {
        QFETCH(QString, file);
        QFETCH(QString, updatedDate);
        SPOOR_REQUIRE_SHARED(folder, "rules/xzbackdoor-history");
        const Rule rule = spoor::rules::loadRuleFile(QDir(folder).filePath(file).toStdString());
        QCOMPARE(rule.updatedDate, updatedDate.toStdString());
        QCOMPARE(rule.ruleId, std::string(xzRuleId));
        QVERIFY(!rule.query.empty());
        QVERIFY(rule.isEql());
        QVERIFY(rule.queryLine > 0);
    }

    void xzHistoryFolderCount()
    {
        SPOOR_REQUIRE_SHARED(folder, "rules/xzbackdoor-history");
        const auto result = spoor::rules::loadRulePaths({folder.toStdString()});
        QCOMPARE(result.rules.size(), std::size_t(13));
        QVERIFY(result.errors.empty());
        QVERIFY(result.skipped.empty());
        // Sorted by path, so versions come out oldest first.
        QCOMPARE(result.rules.front().updatedDate, std::string("2024/04/01"));
        QCOMPARE(result.rules.back().updatedDate, std::string("2026/03/24"));
    }

    void detectionRulesCorpus()
    {
        SPOOR_REQUIRE_SHARED(folder, "rules/detection-rules");
        const auto result = spoor::rules::loadRulePaths({folder.toStdString()});
        for (const auto& error : result.errors)
            qWarning("%s", error.c_str());
        QCOMPARE(result.errors.size(), std::size_t(0));
        QCOMPARE(result.skipped.size(), std::size_t(0));
        QCOMPARE(result.rules.size(), std::size_t(865));
        std::set<std::string> ids;
        for (const auto& rule : result.rules) {
            QVERIFY2(!rule.query.empty(), rule.origin.c_str());
            QVERIFY2(!rule.ruleId.empty(), rule.origin.c_str());
            QVERIFY2(!rule.updatedDate.empty(), rule.origin.c_str());
            QVERIFY2(rule.queryLine > 0, rule.origin.c_str());
            ids.insert(rule.ruleId);
        }
        QCOMPARE(ids.size(), std::size_t(865));
    }

    void brokenRules_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString minimal = QString::fromUtf8(minimalRule);
        QString syntax = minimal;
        syntax.replace(QStringLiteral("risk_score = 21"), QStringLiteral("risk_score = = 21"));
        QTest::newRow("syntax error") << syntax << "r.toml:7:14: invalid TOML: ";
        QString noRuleId = minimal;
        noRuleId.remove(QStringLiteral("rule_id = \"11111111-2222-3333-4444-555555555555\"\n"));
        QTest::newRow("missing rule_id") << noRuleId << "r.toml:4:1: missing required key rule_id in [rule]";
        QString noName = minimal;
        noName.remove(QStringLiteral("name = \"Minimal\"\n"));
        QTest::newRow("missing name") << noName << "r.toml:4:1: missing required key name in [rule]";
        QString noQuery = minimal;
        noQuery.truncate(noQuery.indexOf(QStringLiteral("query")));
        QTest::newRow("missing query") << noQuery << "r.toml:4:1: missing required key query in [rule]";
        QString riskText = minimal;
        riskText.replace(QStringLiteral("risk_score = 21"), QStringLiteral("risk_score = \"21\""));
        QTest::newRow("risk_score string")
            << riskText << "r.toml:7:14: risk_score in [rule] must be an integer, not string";
        QString riskRange = minimal;
        riskRange.replace(QStringLiteral("risk_score = 21"), QStringLiteral("risk_score = 101"));
        QTest::newRow("risk_score range") << riskRange << "r.toml:7:14: risk_score in [rule] must be between 0 and 100";
        QString tagsText = minimal + QStringLiteral("tags = \"Domain: Endpoint\"\n");
        QTest::newRow("tags not array") << tagsText << "r.toml:12:8: tags in [rule] must be an array of strings";
        QTest::newRow("no rule table") << QStringLiteral("[metadata]\nupdated_date = \"2024/01/02\"\n")
                                       << "r.toml:1:1: missing table [rule]";
        QString threatNoId = minimal + QStringLiteral("\n[[rule.threat]]\nframework = \"MITRE ATT&CK\"\n"
                                                      "[rule.threat.tactic]\nname = \"Persistence\"\n");
        QTest::newRow("tactic without id")
            << threatNoId << "r.toml:15:1: missing required key id in [rule.threat.tactic]";
    }

    void brokenRules()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const std::string message = errorOf(text.toStdString(), "r.toml");
        QVERIFY2(message.starts_with(expected.toStdString()), message.c_str());
    }

    void brokenFileInFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        QByteArray broken(minimalRule);
        broken.replace("risk_score = 21", "risk_score = [");
        writeFile(dir.filePath(QStringLiteral("a_good.toml")), QByteArray(minimalRule));
        writeFile(dir.filePath(QStringLiteral("sub/b_broken.toml")), broken);
        writeFile(dir.filePath(QStringLiteral("notes.txt")), QByteArray("not a rule"));
        const auto result = spoor::rules::loadRulePaths({dir.path().toStdString()});
        QCOMPARE(result.rules.size(), std::size_t(1));
        QCOMPARE(result.errors.size(), std::size_t(1));
        const std::string prefix = dir.filePath(QStringLiteral("sub/b_broken.toml:8:1: invalid TOML: ")).toStdString();
        QVERIFY2(result.errors.front().starts_with(prefix), result.errors.front().c_str());
    }

    void missingPath()
    {
        const auto result = spoor::rules::loadRulePaths({"/nonexistent/spoor/rules"});
        QCOMPARE(result.errors.size(), std::size_t(1));
        QCOMPARE(result.errors.front(), std::string("/nonexistent/spoor/rules: rule file or folder not found"));
    }

    void kueryRuleSkipped()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray kuery(minimalRule);
        kuery.replace("language = \"eql\"", "language = \"kuery\"");
        const QString path = dir.filePath(QStringLiteral("kuery.toml"));
        writeFile(path, kuery);
        const auto result = spoor::rules::loadRulePaths({path.toStdString()});
        QVERIFY(result.rules.empty());
        QVERIFY(result.errors.empty());
        QCOMPARE(result.skipped.size(), std::size_t(1));
        QCOMPARE(result.skipped.front(), path.toStdString() + ": language kuery is not supported");
    }

    void queryLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("query");
        const QString head = QStringLiteral("[rule]\nrule_id = \"x\"\nname = \"n\"\nlanguage = \"eql\"\n");
        QTest::newRow("literal, newline after delimiter") << head + "query = '''\nany where true\n'''\n"
                                                          << 6 << "any where true\n";
        QTest::newRow("literal, text on the delimiter line") << head + "query = '''any where true\n'''\n"
                                                             << 5 << "any where true\n";
        QTest::newRow("basic multi-line") << head + "query = \"\"\"\r\nany where true\"\"\"\n" << 6 << "any where true";
        QTest::newRow("one-line string") << head + "query = \"any where true\"\n" << 5 << "any where true";
    }

    void queryLine()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, query);
        const Rule rule = spoor::rules::parseRule(text.toStdString(), "q.toml");
        QCOMPARE(rule.queryLine, line);
        QCOMPARE(rule.query, query.toStdString());
    }
};

QTEST_GUILESS_MAIN(TestRules)
#include "test_rules.moc"
