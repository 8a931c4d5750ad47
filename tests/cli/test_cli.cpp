#include "analysis/finding_groups.h"
#include "analysis/verdicts.h"
#include "cli_runner.h"
#include "common/shared_data.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unistd.h>

namespace {

// The event.id of every step of every sequence of the first rule, in output order.
std::vector<std::vector<std::string>> sequenceEventIds(const nlohmann::json& results)
{
    std::vector<std::vector<std::string>> sequences;
    for (const auto& sequence : results["rules"][0]["hits"]["sequences"]) {
        std::vector<std::string> ids;
        for (const auto& event : sequence["events"])
            ids.push_back(event["_source"]["event"]["id"].get<std::string>());
        sequences.push_back(ids);
    }
    return sequences;
}

std::vector<std::vector<std::string>> truthEventIds(const QString& truthPath)
{
    std::ifstream file(truthPath.toStdString());
    const auto truth = nlohmann::json::parse(file);
    std::vector<std::vector<std::string>> sequences;
    for (const auto& match : truth["rule_matches"])
        sequences.push_back(match["events"].get<std::vector<std::string>>());
    return sequences;
}

void writeFile(const QString& path, const std::string& content)
{
    std::ofstream file(path.toStdString(), std::ios::binary);
    file << content;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void scanMatchesTruth_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("ndjson") << "corpus/scenarios/xz-basic.ndjson";
        QTest::newRow("gzip") << "corpus/scenarios/xz-basic.ndjson.gz";
        QTest::newRow("search response") << "corpus/scenarios/xz-basic.search.json";
    }

    void scanMatchesTruth()
    {
        QFETCH(QString, input);
        SPOOR_REQUIRE_SHARED(truthPath, "corpus/scenarios/xz-basic.truth.json");
        const QString inputPath = sharedPath(input);
        QVERIFY2(!inputPath.isEmpty(), qPrintable(input));

        const CliResult result = runCli({"scan", "--format", "json", inputPath.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto json = nlohmann::json::parse(result.out);
        QCOMPARE(json["rules"].size(), std::size_t(1));
        const auto& rule = json["rules"][0];
        QCOMPARE(rule["rule_id"].get<std::string>(), std::string("7afc6cc9-8800-4c7f-be6b-b688d2dea248"));
        QCOMPARE(rule["timestamp_field"].get<std::string>(), std::string("event.ingested"));
        QCOMPARE(rule["hits"]["total"]["relation"].get<std::string>(), std::string("eq"));

        const auto actual = sequenceEventIds(json);
        const auto expected = truthEventIds(truthPath);
        QCOMPARE(rule["hits"]["total"]["value"].get<std::size_t>(), expected.size());
        const std::set<std::vector<std::string>> actualSet(actual.begin(), actual.end());
        const std::set<std::vector<std::string>> expectedSet(expected.begin(), expected.end());
        QCOMPARE(actualSet.size(), actual.size());
        QVERIFY(actualSet == expectedSet);
        // Elasticsearch orders sequences by the position of their last event; the truth file does too.
        QVERIFY(actual == expected);
    }

    void scanKeepsHitWrapper()
    {
        SPOOR_REQUIRE_SHARED(inputPath, "corpus/scenarios/xz-basic.search.json");
        const CliResult result = runCli({"scan", inputPath.toStdString()});
        QCOMPARE(result.status, 0);
        const auto json = nlohmann::json::parse(result.out);
        const auto& sequence = json["rules"][0]["hits"]["sequences"][0];
        QCOMPARE(sequence["join_keys"].size(), std::size_t(4));
        const auto& event = sequence["events"][0];
        QVERIFY(event.contains("_index"));
        QVERIFY(event.contains("_id"));
        QVERIFY(event["_index"].get<std::string>().find("logs-endpoint.events.process") != std::string::npos);
        QVERIFY(event["_source"].is_object());
    }

    void scanFindsNothingOnMisses()
    {
        SPOOR_REQUIRE_SHARED(inputPath, "corpus/scenarios/xz-basic.ndjson");
        SPOOR_REQUIRE_SHARED(truthPath, "corpus/scenarios/xz-basic.truth.json");
        const CliResult result = runCli({"scan", inputPath.toStdString()});
        QCOMPARE(result.status, 0);
        const auto json = nlohmann::json::parse(result.out);

        std::ifstream truthFile(truthPath.toStdString());
        const auto truth = nlohmann::json::parse(truthFile);
        std::set<std::string> missedMonitors;
        for (const auto& exploit : truth["malicious"]) {
            if (exploit["case"] != "xz_exploit")
                missedMonitors.insert(exploit["monitor_entity_id"].get<std::string>());
        }
        QVERIFY(!missedMonitors.empty());
        for (const auto& sequence : json["rules"][0]["hits"]["sequences"]) {
            const auto& first = sequence["events"][0]["_source"];
            QCOMPARE(first["host"]["os"]["type"].get<std::string>(), std::string("linux"));
            QVERIFY(!missedMonitors.count(first["process"]["entity_id"].get<std::string>()));
        }
    }

    void scanTextFormat()
    {
        SPOOR_REQUIRE_SHARED(inputPath, "corpus/scenarios/xz-basic.ndjson");
        const CliResult result = runCli({"scan", "--format", "text", inputPath.toStdString()});
        QCOMPARE(result.status, 0);
        QVERIFY(result.out.find("Potential Execution via XZBackdoor") != std::string::npos);
        QVERIFY(result.out.find("23 matches") != std::string::npos);
    }

    void importThenReport()
    {
        SPOOR_REQUIRE_SHARED(inputPath, "corpus/scenarios/xz-basic.ndjson");
        QTemporaryDir dir;
        const std::string casePath = dir.filePath(QStringLiteral("c.spoor")).toStdString();
        const CliResult imported = runCli({"import", "--case", casePath, inputPath.toStdString()});
        QVERIFY2(imported.status == 0, imported.err.c_str());
        QVERIFY(imported.out.find("3063 events imported") != std::string::npos);

        const CliResult scanned = runCli({"scan", "--case", casePath, "--format", "text"});
        QVERIFY2(scanned.status == 0, scanned.err.c_str());
        // A second scan must not double the findings of the report.
        QCOMPARE(runCli({"scan", "--case", casePath}).status, 0);
        {
            auto caseFile = spoor::store::CaseFile::open(casePath);
            auto processes = caseFile.db().prepare("SELECT count(*) FROM processes");
            QVERIFY(processes.step());
            QVERIFY(processes.int64(0) > 0);
            caseFile.db().exec("INSERT INTO bookmarks (event, created_at, note) SELECT min(id),"
                               " '2026-01-02T03:04:05.000Z', '=cmd|'' /C calc''!A0 <script>' FROM events");
        }

        const std::string htmlPath = dir.filePath(QStringLiteral("r.html")).toStdString();
        const CliResult html = runCli({"report", "--case", casePath, "--format", "html", "--output", htmlPath});
        QVERIFY2(html.status == 0, html.err.c_str());
        std::ifstream htmlFile(htmlPath);
        const std::string htmlText((std::istreambuf_iterator<char>(htmlFile)), std::istreambuf_iterator<char>());
        QVERIFY(htmlText.find("Potential Execution via XZBackdoor") != std::string::npos);
        QVERIFY(htmlText.find("<h2>Bookmarks (1)</h2>") != std::string::npos);
        QVERIFY(htmlText.find("=cmd|&#39; /C calc&#39;!A0 &lt;script&gt;") != std::string::npos);
        QVERIFY(html.err.find("23 findings and 1 bookmark written") != std::string::npos);

        const CliResult json = runCli({"report", "--case", casePath, "--format", "json"});
        QCOMPARE(json.status, 0);
        const auto report = nlohmann::json::parse(json.out);
        QCOMPARE(report["findings"].size(), std::size_t(23));
        QCOMPARE(report["bookmarks"].size(), std::size_t(1));
        QCOMPARE(report["bookmarks"][0]["note"].get<std::string>(), std::string("=cmd|' /C calc'!A0 <script>"));
        QCOMPARE(report["bookmarks"][0]["created_at"].get<std::string>(), std::string("2026-01-02T03:04:05.000Z"));

        const CliResult markdown = runCli({"report", "--case", casePath, "--format", "markdown"});
        QCOMPARE(markdown.status, 0);
        QVERIFY(markdown.out.find("# ") != std::string::npos);
        QVERIFY(markdown.out.find("Potential Execution via XZBackdoor") != std::string::npos);
        QVERIFY(markdown.out.find("## Bookmarks (1)") != std::string::npos);
        QVERIFY(markdown.out.find("=cmd\\|&#39; /C calc&#39;!A0 &lt;script&gt;") != std::string::npos);

        const CliResult csv = runCli({"report", "--case", casePath, "--format", "csv"});
        QCOMPARE(csv.status, 0);
        const auto rows = std::count(csv.out.begin(), csv.out.end(), '\n');
        QCOMPARE(rows, 1 + 23 * 4 + 1);
        QVERIFY(csv.out.find("\r\nbookmark,") != std::string::npos);
        QVERIFY(csv.out.find(",'=cmd|' /C calc'!A0 <script>\r\n") != std::string::npos);
    }

    void scanAppliesExclusions()
    {
        SPOOR_REQUIRE_SHARED(inputPath, "corpus/scenarios/xz-basic.ndjson");
        QTemporaryDir dir;
        const std::string casePath = dir.filePath(QStringLiteral("c.spoor")).toStdString();
        QCOMPARE(runCli({"scan", "--case", casePath, inputPath.toStdString()}).status, 0);
        {
            auto caseFile = spoor::store::CaseFile::open(casePath);
            const spoor::analysis::GroupingRequest request;
            const auto groups = spoor::analysis::groupFindings(caseFile.db(), request);
            QVERIFY(!groups.empty());
            QCOMPARE(groups.front().findingIds.size(), std::size_t(21));
            spoor::analysis::excludeGroup(caseFile.db(), groups.front(), request, "pam_motd on every login");
            // Without the verdicts that excluding set, the next run's findings are judged by the exclusion alone.
            spoor::analysis::clearVerdict(caseFile.db(), groups.front().findingIds);
        }
        const CliResult rescanned = runCli({"scan", "--case", casePath});
        QCOMPARE(rescanned.status, 0);
        QVERIFY2(rescanned.err.find("21 findings marked benign") != std::string::npos, rescanned.err.c_str());

        // A third run copies those verdicts from the identical findings of the second.
        const CliResult third = runCli({"scan", "--case", casePath});
        QCOMPARE(third.status, 0);
        QVERIFY2(third.err.find("21 findings took the verdict of the identical finding of an earlier run") !=
                     std::string::npos,
                 third.err.c_str());
        QVERIFY2(third.err.find("marked benign") == std::string::npos, third.err.c_str());
    }

    void importReportsBadLines()
    {
        QTemporaryDir dir;
        const QString dumpPath = dir.filePath(QStringLiteral("bad.ndjson"));
        writeFile(dumpPath, "{\"@timestamp\": \"2024-04-03T01:28:14Z\", \"event\": {\"id\": \"a\"}}\n"
                            "{not json\n"
                            "{\"@timestamp\": \"2024-04-03T01:28:15Z\", \"event\": {\"id\": \"b\"}}\n");
        const std::string casePath = dir.filePath(QStringLiteral("c.spoor")).toStdString();
        const CliResult result = runCli({"import", "--case", casePath, dumpPath.toStdString()});
        QCOMPARE(result.status, 0);
        QVERIFY(result.out.find("2 events imported") != std::string::npos);
        QVERIFY(result.out.find("1 rejected") != std::string::npos);
        QVERIFY(result.err.find("bad.ndjson:2:") != std::string::npos);
    }

    void scanBundledSampleMatchesTruth()
    {
        const QString sample = QStringLiteral(SPOOR_SOURCE_DIR "/resources/sample/xz-sample.ndjson.gz");
        const QString truthPath = QStringLiteral(SPOOR_SOURCE_DIR "/resources/sample/xz-sample.truth.json");
        const CliResult result = runCli({"scan", sample.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto actual = sequenceEventIds(nlohmann::json::parse(result.out));

        std::ifstream file(truthPath.toStdString());
        const auto truth = nlohmann::json::parse(file);
        std::set<std::vector<std::string>> expected;
        for (const auto& match : truth["expected_rule_matches"])
            expected.insert(match["events"].get<std::vector<std::string>>());
        QCOMPARE(expected.size(), std::size_t(38));
        QCOMPARE(actual.size(), expected.size());
        QVERIFY(std::set<std::vector<std::string>>(actual.begin(), actual.end()) == expected);
    }

    void generateThenScan()
    {
        QTemporaryDir dir;
        const std::string dump = dir.filePath(QStringLiteral("g.ndjson.gz")).toStdString();
        const std::string truthPath = dir.filePath(QStringLiteral("g.truth.json")).toStdString();
        const CliResult generated = runCli({"generate", "--seed", "7", "--linux-hosts", "3", "--minutes", "10",
                                            "--exploits", "3", "--output", dump, "--truth", truthPath});
        QVERIFY2(generated.status == 0, generated.err.c_str());
        std::ifstream file(truthPath);
        const auto truth = nlohmann::json::parse(file);

        const CliResult scanned = runCli({"scan", dump});
        QVERIFY2(scanned.status == 0, scanned.err.c_str());
        const auto actual = sequenceEventIds(nlohmann::json::parse(scanned.out));
        std::set<std::vector<std::string>> expected;
        int exploits = 0;
        for (const auto& match : truth["expected_rule_matches"]) {
            expected.insert(match["events"].get<std::vector<std::string>>());
            exploits += match["case"] == "xz_exploit" ? 1 : 0;
        }
        QCOMPARE(exploits, 3);
        QVERIFY(std::set<std::vector<std::string>>(actual.begin(), actual.end()) == expected);
    }

    void generateRejectsBadOptions()
    {
        QCOMPARE(runCli({"generate"}).status, 2);
        QCOMPARE(runCli({"generate", "--output", "x", "--rate", "-1"}).status, 2);
        QCOMPARE(runCli({"generate", "--output", "x", "--seed", "abc"}).status, 2);
        QCOMPARE(runCli({"generate", "--output", "/nonexistent-folder/x.ndjson"}).status, 1);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("scan without input") << QStringList{QStringLiteral("scan")};
        QTest::newRow("bad format") << QStringList{QStringLiteral("scan"), QStringLiteral("--format"),
                                                   QStringLiteral("xml"), QStringLiteral("x")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("import"), QStringLiteral("--frob")};
        QTest::newRow("import without case") << QStringList{QStringLiteral("import"), QStringLiteral("x")};
        QTest::newRow("report without case") << QStringList{QStringLiteral("report")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("report"), QStringLiteral("--case")};
        QTest::newRow("scan from stdin") << QStringList{QStringLiteral("scan"), QStringLiteral("-")};
        QTest::newRow("query from stdin")
            << QStringList{QStringLiteral("query"), QStringLiteral("any where true"), QStringLiteral("-")};
        QTest::newRow("import from stdin") << QStringList{QStringLiteral("import"), QStringLiteral("--case"),
                                                          QStringLiteral("x.spoor"), QStringLiteral("-")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        std::vector<std::string> arguments;
        for (const auto& arg : args)
            arguments.push_back(arg.toStdString());
        const CliResult result = runCli(arguments);
        QCOMPARE(result.status, 2);
        QVERIFY(!result.err.empty());
        QVERIFY(result.out.empty());
    }

    void standardInputRejected()
    {
        const CliResult result = runCli({"scan", "-"});
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.find("standard input ('-') is not supported") != std::string::npos, result.err.c_str());
    }

    void summaryCountsSingular()
    {
        QTemporaryDir dir;
        const QString dumpPath = dir.filePath(QStringLiteral("one.ndjson"));
        writeFile(dumpPath, "{\"@timestamp\": \"2024-04-03T01:28:14Z\", \"event\": {\"id\": \"a\"}}\n"
                            "{\"@timestamp\": \"2024-04-03T01:28:14Z\", \"event\": {\"id\": \"a\"}}\n");
        const std::string casePath = dir.filePath(QStringLiteral("c.spoor")).toStdString();
        const CliResult result = runCli({"import", "--case", casePath, dumpPath.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        QVERIFY2(result.out.find(", 1 event imported, 0 rejected, 1 duplicate skipped") != std::string::npos,
                 result.out.c_str());
        QVERIFY2(result.out.find("skipped from 1 file\n") != std::string::npos, result.out.c_str());

        const std::string jsonPath = dir.filePath(QStringLiteral("r.json")).toStdString();
        const CliResult report = runCli({"report", "--case", casePath, "--format", "json", "--output", jsonPath});
        QVERIFY2(report.status == 0, report.err.c_str());
        QVERIFY2(report.err.find("report with 0 findings and 0 bookmarks written") != std::string::npos,
                 report.err.c_str());
    }

    void missingInputFails()
    {
        QTemporaryDir dir;
        const CliResult result = runCli({"scan", dir.filePath(QStringLiteral("absent.ndjson")).toStdString()});
        QCOMPARE(result.status, 1);
        QVERIFY(result.err.find("absent.ndjson") != std::string::npos);
    }

    void scanOnMissingCaseFails()
    {
        QTemporaryDir dir;
        const std::string casePath = dir.filePath(QStringLiteral("typo.spoor")).toStdString();
        const CliResult result = runCli({"scan", "--case", casePath});
        QCOMPARE(result.status, 1);
        QVERIFY(result.err.find("not found") != std::string::npos);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(casePath)));
    }

    void reportOutputOverCaseRejected()
    {
        QTemporaryDir dir;
        const QString dumpPath = dir.filePath(QStringLiteral("d.ndjson"));
        writeFile(dumpPath, "{\"@timestamp\": \"2024-04-03T01:28:14Z\", \"event\": {\"id\": \"a\"}}\n");
        const std::string casePath = dir.filePath(QStringLiteral("c.spoor")).toStdString();
        QCOMPARE(runCli({"import", "--case", casePath, dumpPath.toStdString()}).status, 0);
        const auto sizeBefore = QFileInfo(QString::fromStdString(casePath)).size();
        const std::string linkPath = dir.filePath(QStringLiteral("link.spoor")).toStdString();
        QVERIFY(QFile::link(QString::fromStdString(casePath), QString::fromStdString(linkPath)));

        const std::vector<std::string> outputs = {casePath, casePath + "-wal", linkPath,
                                                  dir.path().toStdString() + "/./c.spoor"};
        for (const auto& output : outputs) {
            const CliResult result = runCli({"report", "--case", casePath, "--format", "json", "--output", output});
            QVERIFY2(result.status == 2, output.c_str());
            QVERIFY2(result.err.find("is the case file") != std::string::npos, result.err.c_str());
        }
        QCOMPARE(QFileInfo(QString::fromStdString(casePath)).size(), sizeBefore);
        const CliResult report = runCli({"report", "--case", casePath, "--format", "json"});
        QVERIFY2(report.status == 0, report.err.c_str());
    }

    void scanOutputOverInputRejected()
    {
        QTemporaryDir dir;
        const QString dumpPath = dir.filePath(QStringLiteral("d.ndjson"));
        const std::string content = "{\"@timestamp\": \"2024-04-03T01:28:14Z\", \"event\": {\"id\": \"a\"}}\n";
        writeFile(dumpPath, content);
        const std::string dump = dumpPath.toStdString();
        const std::string hardLink = dir.filePath(QStringLiteral("hard.ndjson")).toStdString();
        QVERIFY(::link(dump.c_str(), hardLink.c_str()) == 0);
        const std::string casePath = dir.filePath(QStringLiteral("c.spoor")).toStdString();
        const std::string danglingLink = dir.filePath(QStringLiteral("link.json")).toStdString();
        QVERIFY(::symlink(casePath.c_str(), danglingLink.c_str()) == 0);

        const std::vector<std::vector<std::string>> commands = {
            {"scan", "--output", dump, dump},
            {"scan", "--output", hardLink, dump},
            {"scan", "--output", dump, dir.path().toStdString()},
            {"scan", "--case", casePath, "--output", casePath, dump},
            {"scan", "--case", casePath, "--output", danglingLink, dump},
            {"scan", "--rule", dump, "--output", dump, hardLink},
        };
        for (const auto& command : commands) {
            const CliResult result = runCli(command);
            QVERIFY2(result.status == 2, result.err.c_str());
            QVERIFY2(result.err.find("choose another --output path") != std::string::npos, result.err.c_str());
        }
        std::ifstream file(dump, std::ios::binary);
        const std::string after((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        QCOMPARE(after, content);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(casePath)));
    }

    void generateTruthOverOutputRejected()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("g.ndjson")).toStdString();
        const CliResult result = runCli({"generate", "--minutes", "1", "--output", path, "--truth", path});
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.find("name the same file") != std::string::npos, result.err.c_str());
    }

    void scanTextEscapesControlCharacters()
    {
        QTemporaryDir dir;
        const QString dumpPath = dir.filePath(QStringLiteral("evil.ndjson"));
        writeFile(dumpPath,
                  "{\"@timestamp\": \"2024-04-03T01:28:14Z\", \"event\": {\"category\": [\"process\"]}, "
                  "\"host\": {\"name\": \"web\\u001b[2J\\n  match 99, join keys []\\r\\u0000\"}, "
                  "\"user\": {\"name\": \"r\\u007foot\\u009b31m\"}, \"process\": {\"command_line\": \"ls \u00e9\"}}\n");
        const QString rulePath = dir.filePath(QStringLiteral("rule.toml"));
        writeFile(rulePath,
                  "[metadata]\nupdated_date = \"2024/05/01\"\n[rule]\n"
                  "rule_id = \"00000000-0000-0000-0000-000000000002\"\nname = \"Any \\u001b]0;title\\u0007 process\"\n"
                  "severity = \"low\"\nrisk_score = 21\nlanguage = \"eql\"\nquery = \"process where true\"\n");
        const CliResult result =
            runCli({"scan", "--format", "text", "--rule", rulePath.toStdString(), dumpPath.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        QVERIFY2(result.out.find('\x1b') == std::string::npos, result.out.c_str());
        QVERIFY(result.out.find('\r') == std::string::npos);
        QVERIFY(result.out.find('\x07') == std::string::npos);
        QVERIFY(result.out.find('\x7f') == std::string::npos);
        QVERIFY(result.out.find(std::string(1, '\0')) == std::string::npos);
        QVERIFY(result.out.find("\xc2\x9b") == std::string::npos);
        QVERIFY2(result.out.find("\n  match 99") == std::string::npos, result.out.c_str());
        QVERIFY2(result.out.find("web\\x1b[2J\\n  match 99, join keys []\\r\\x00") != std::string::npos,
                 result.out.c_str());
        QVERIFY2(result.out.find("user=r\\x7foot\\u009b31m") != std::string::npos, result.out.c_str());
        QVERIFY2(result.out.find("Any \\x1b]0;title\\x07 process") != std::string::npos, result.out.c_str());
        QVERIFY2(result.out.find("ls \xc3\xa9") != std::string::npos, result.out.c_str());
    }

    void reportOnMissingCaseFails()
    {
        QTemporaryDir dir;
        const CliResult result =
            runCli({"report", "--case", dir.filePath(QStringLiteral("absent.spoor")).toStdString()});
        QCOMPARE(result.status, 1);
        QVERIFY(result.err.find("not found") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
