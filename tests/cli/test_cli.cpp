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
        }

        const std::string htmlPath = dir.filePath(QStringLiteral("r.html")).toStdString();
        const CliResult html = runCli({"report", "--case", casePath, "--format", "html", "--output", htmlPath});
        QVERIFY2(html.status == 0, html.err.c_str());
        std::ifstream htmlFile(htmlPath);
        const std::string htmlText((std::istreambuf_iterator<char>(htmlFile)), std::istreambuf_iterator<char>());
        QVERIFY(htmlText.find("Potential Execution via XZBackdoor") != std::string::npos);

        const CliResult json = runCli({"report", "--case", casePath, "--format", "json"});
        QCOMPARE(json.status, 0);
        const auto report = nlohmann::json::parse(json.out);
        QCOMPARE(report["findings"].size(), std::size_t(23));

        const CliResult markdown = runCli({"report", "--case", casePath, "--format", "markdown"});
        QCOMPARE(markdown.status, 0);
        QVERIFY(markdown.out.find("# ") != std::string::npos);
        QVERIFY(markdown.out.find("Potential Execution via XZBackdoor") != std::string::npos);

        const CliResult csv = runCli({"report", "--case", casePath, "--format", "csv"});
        QCOMPARE(csv.status, 0);
        const auto rows = std::count(csv.out.begin(), csv.out.end(), '\n');
        QCOMPARE(rows, 1 + 23 * 4);
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
