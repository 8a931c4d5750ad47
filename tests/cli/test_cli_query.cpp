#include "cli_runner.h"
#include "common/shared_data.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

void writeFile(const QString& path, const std::string& content)
{
    std::ofstream file(path.toStdString(), std::ios::binary);
    file << content;
}

// Five events of two hosts, written out of time order. "n" is the event's number, in time order.
const char* const dump =
    R"({"@timestamp": "2024-04-03T01:00:03Z", "n": 3, "event": {"category": ["process"], "sequence": 3}, "host": {"id": "h1"}, "process": {"name": "b", "pid": 30}}
{"@timestamp": "2024-04-03T01:00:01Z", "n": 1, "event": {"category": ["process"], "sequence": 1}, "host": {"id": "h1"}, "process": {"name": "a", "pid": 10}}
{"@timestamp": "2024-04-03T01:00:02Z", "n": 2, "event": {"category": ["process"], "sequence": 2}, "host": {"id": "h2"}, "process": {"name": "a", "pid": 20}}
{"@timestamp": "2024-04-03T01:00:04Z", "n": 4, "event": {"category": ["network"], "sequence": 4}, "host": {"id": "h2"}, "process": {"name": "c", "pid": 20}}
{"@timestamp": "2024-04-03T01:00:05Z", "n": 5, "event": {"category": ["process"], "sequence": 5}, "host": {"id": "h2"}, "process": {"name": "b", "pid": 21}}
)";

// The "n" of every event of a list of hits, as "1,2,3"; a missing event is "-".
QString numbers(const nlohmann::json& events)
{
    QStringList result;
    for (const auto& event : events)
        result << (event.value("missing", false) ? QStringLiteral("-")
                                                 : QString::number(event["_source"]["n"].get<int>()));
    return result.join(',');
}

// The numbers of the events of every sequence, as "1,2;2,3".
QString sequenceNumbers(const nlohmann::json& response)
{
    QStringList result;
    for (const auto& sequence : response["hits"]["sequences"])
        result << numbers(sequence["events"]);
    return result.join(';');
}

// Compact JSON text, for comparisons that print both sides on failure.
QString jsonText(const nlohmann::json& json)
{
    return QString::fromStdString(json.dump());
}

} // namespace

class TestCliQuery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::string dumpPath_;

    CliResult query(std::vector<std::string> args)
    {
        args.insert(args.begin(), "query");
        args.push_back(dumpPath_);
        return runCli(args);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        dumpPath_ = dir_.filePath(QStringLiteral("dump.ndjson")).toStdString();
        writeFile(QString::fromStdString(dumpPath_), dump);
    }

    void eventQueryInTimeOrder()
    {
        const CliResult result = query({"process where process.name in (\"a\", \"b\")"});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto response = nlohmann::json::parse(result.out);
        QCOMPARE(response["hits"]["total"]["value"].get<int>(), 4);
        QCOMPARE(response["hits"]["total"]["relation"].get<std::string>(), std::string("eq"));
        QCOMPARE(numbers(response["hits"]["events"]), QStringLiteral("1,2,3,5"));
        QVERIFY(!response["hits"].contains("sequences"));
        QCOMPARE(response["hits"]["events"][0]["_source"]["host"]["id"].get<std::string>(), std::string("h1"));
    }

    void sequenceWithMissingEvent()
    {
        const CliResult result = query({"sequence by host.id with maxspan=10s [process where process.name == \"a\"] "
                                        "![network where true] [process where process.name == \"b\"]"});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto response = nlohmann::json::parse(result.out);
        // h2 has a network event between its a and b, so only h1 matches.
        QCOMPARE(response["hits"]["total"]["value"].get<int>(), 1);
        const auto& sequence = response["hits"]["sequences"][0];
        QCOMPARE(jsonText(sequence["join_keys"]), QStringLiteral(R"(["h1"])"));
        QCOMPARE(numbers(sequence["events"]), QStringLiteral("1,-,3"));
        const auto& missing = sequence["events"][1];
        QCOMPARE(jsonText(missing), QStringLiteral(R"({"_id":"","_index":"","_source":{},"missing":true})"));
    }

    void sampleByHost()
    {
        const CliResult result =
            query({"sample by host.id [process where process.name == \"a\"] [process where process.name == \"b\"]"});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto response = nlohmann::json::parse(result.out);
        QCOMPARE(response["hits"]["total"]["value"].get<int>(), 2);
        QCOMPARE(jsonText(response["hits"]["sequences"][0]["join_keys"]), QStringLiteral(R"(["h1"])"));
        QCOMPARE(jsonText(response["hits"]["sequences"][1]["join_keys"]), QStringLiteral(R"(["h2"])"));
        QCOMPARE(sequenceNumbers(response), QStringLiteral("1,3;2,5"));
    }

    void sizeLimitsResults()
    {
        const CliResult result = query({"--size", "2", "process where true"});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto response = nlohmann::json::parse(result.out);
        QCOMPARE(numbers(response["hits"]["events"]), QStringLiteral("1,2"));
    }

    void ndjsonOneHitPerLine()
    {
        const CliResult result = query({"--format", "ndjson", "sequence [process where true] [process where true]"});
        QVERIFY2(result.status == 0, result.err.c_str());
        std::istringstream lines(result.out);
        QStringList sequences;
        for (std::string line; std::getline(lines, line);)
            sequences << numbers(nlohmann::json::parse(line)["events"]);
        QCOMPARE(sequences.join(';'), QStringLiteral("1,2;2,3;3,5"));
    }

    void textFormat()
    {
        const CliResult result = query({"--format", "text", "network where true"});
        QVERIFY2(result.status == 0, result.err.c_str());
        QVERIFY2(result.out.find("1 match of the event query") != std::string::npos, result.out.c_str());
        QVERIFY2(result.out.find("1. 2024-04-03T01:00:04Z") != std::string::npos, result.out.c_str());
    }

    // A ?field that no event has reads as the literal null, which folds every comparison with a constant to
    // null (no match), as in Elasticsearch's test_extra optional* cases. A ?field that some event has reads as
    // an ordinary field, so != is true for the events without it.
    void optionalFieldAbsentIsNull_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("absent !=") << QStringLiteral(R"(process where ?foo.bar != "a")") << QString();
        QTest::newRow("absent not ==") << QStringLiteral(R"(process where not (?foo.bar == "a"))") << QString();
        QTest::newRow("absent ==") << QStringLiteral(R"(process where ?foo.bar == "a")") << QString();
        QTest::newRow("absent == null") << QStringLiteral("process where ?foo.bar == null")
                                        << QStringLiteral("1,2,3,5");
        QTest::newRow("absent != null") << QStringLiteral("process where ?foo.bar != null") << QString();
        QTest::newRow("present !=") << QStringLiteral(R"(process where ?process.name != "a")") << QStringLiteral("3,5");
        QTest::newRow("present in one event !=") << QStringLiteral(R"(any where ?n != 1)") << QStringLiteral("2,3,4,5");
    }

    void optionalFieldAbsentIsNull()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        const CliResult result = this->query({query.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        QCOMPARE(numbers(nlohmann::json::parse(result.out)["hits"]["events"]), expected);
        QVERIFY2(result.err.find("warning") == std::string::npos, result.err.c_str());
    }

    void unknownFieldWarns()
    {
        const CliResult result = query({"process where foo.bar == null"});
        QVERIFY2(result.status == 0, result.err.c_str());
        QCOMPARE(numbers(nlohmann::json::parse(result.out)["hits"]["events"]), QStringLiteral("1,2,3,5"));
        QVERIFY2(result.err.find("warning: unknown field foo.bar:") != std::string::npos, result.err.c_str());
        // A field without an ECS type that the events have is no typo.
        const CliResult known = query({"any where n == 1"});
        QVERIFY2(known.err.find("warning") == std::string::npos, known.err.c_str());
    }

    void jsonWithoutResults()
    {
        const CliResult result = query({"process where process.name == \"absent\""});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto response = nlohmann::json::parse(result.out);
        QCOMPARE(response["hits"]["total"]["value"].get<int>(), 0);
        QVERIFY(response["hits"]["events"].is_array());
        QVERIFY(response["hits"]["events"].empty());
    }

    void textCountFollowsResults()
    {
        const CliResult result = query({"--format", "text", "process where true"});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto count = result.out.find("4 matches of the event query\n");
        QVERIFY2(count != std::string::npos, result.out.c_str());
        QCOMPARE(count + std::string("4 matches of the event query\n").size(), result.out.size());
        QVERIFY(result.out.find("4. 2024-04-03T01:00:05Z") < count);
    }

    void timezoneReadsKibanaCsv()
    {
        const QString path = dir_.filePath(QStringLiteral("discover.csv"));
        writeFile(path, "@timestamp,event.category,process.name\n"
                        "\"Apr 3, 2024 @ 03:28:14.000\",process,sshd\n");
        const std::string csv = path.toStdString();
        const std::string eventQuery = "process where process.name == \"sshd\"";

        const CliResult berlin =
            runCli({"query", "--timezone", "Europe/Berlin", "--format", "ndjson", eventQuery, csv});
        QVERIFY2(berlin.status == 0, berlin.err.c_str());
        const auto berlinHit = nlohmann::json::parse(berlin.out);
        QCOMPARE(berlinHit["_source"]["@timestamp"].get<std::string>(), std::string("2024-04-03T01:28:14.000000000Z"));

        const CliResult utc = runCli({"query", "--format", "ndjson", eventQuery, csv});
        QVERIFY2(utc.status == 0, utc.err.c_str());
        const auto utcHit = nlohmann::json::parse(utc.out);
        QCOMPARE(utcHit["_source"]["@timestamp"].get<std::string>(), std::string("2024-04-03T03:28:14.000000000Z"));

        const CliResult invalid = runCli({"query", "--timezone", "Mars/Olympus", eventQuery, csv});
        QCOMPARE(invalid.status, 2);
        QVERIFY2(invalid.err.find("--timezone") != std::string::npos, invalid.err.c_str());
    }

    void textFormatEscapesControlCharacters()
    {
        const QString path = dir_.filePath(QStringLiteral("evil.ndjson"));
        writeFile(path, "{\"@timestamp\": \"2024-04-03T01:00:00Z\", \"event\": {\"category\": \"process\"}, "
                        "\"host\": {\"name\": \"h\\u001b[2J\\n  2. forged\"}}\n");
        const CliResult result = runCli({"query", "--format", "text", "process where true", path.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        QVERIFY2(result.out.find('\x1b') == std::string::npos, result.out.c_str());
        QVERIFY2(result.out.find("\n  2. forged") == std::string::npos, result.out.c_str());
        QVERIFY2(result.out.find("h\\x1b[2J\\n  2. forged") != std::string::npos, result.out.c_str());
    }

    void tiebreakerOrdersEqualTimes()
    {
        const QString path = dir_.filePath(QStringLiteral("ties.ndjson"));
        writeFile(path, R"({"@timestamp": "2024-04-03T01:00:00Z", "n": 1, "tie": 9, "event": {"category": "process"}}
{"@timestamp": "2024-04-03T01:00:00Z", "n": 2, "tie": 3, "event": {"category": "process"}}
{"@timestamp": "2024-04-03T01:00:00Z", "n": 3, "event": {"category": "process"}}
)");
        const CliResult plain = runCli({"query", "process where true", path.toStdString()});
        QVERIFY2(plain.status == 0, plain.err.c_str());
        QCOMPARE(numbers(nlohmann::json::parse(plain.out)["hits"]["events"]), QStringLiteral("1,2,3"));
        const CliResult tied = runCli({"query", "--tiebreaker-field", "tie", "process where true", path.toStdString()});
        QVERIFY2(tied.status == 0, tied.err.c_str());
        QCOMPARE(numbers(nlohmann::json::parse(tied.out)["hits"]["events"]), QStringLiteral("2,1,3"));
    }

    void customTimestampField()
    {
        const QString dumpPath = dir_.filePath(QStringLiteral("days.json"));
        const QString mappingPath = dir_.filePath(QStringLiteral("days.mapping.json"));
        // A JSON array of documents; "seen" orders them in reverse of @timestamp.
        writeFile(dumpPath, R"([
  {"@timestamp": "2024-04-01T00:00:00Z", "n": 1, "seen": "03-04-2024", "event": {"category": "process"}},
  {"@timestamp": "2024-04-02T00:00:00Z", "n": 2, "seen": "02-04-2024", "event": {"category": "process"}},
  {"@timestamp": "2024-04-03T00:00:00Z", "n": 3, "seen": "01-04-2024", "event": {"category": "process"}}
])");
        writeFile(mappingPath, R"({"mappings": {"properties": {"seen": {"type": "date", "format": "dd-MM-yyyy"}}}})");
        const CliResult result =
            runCli({"query", "--mapping", mappingPath.toStdString(), "--timestamp-field", "seen",
                    "sequence with maxspan=1d [process where true] [process where true]", dumpPath.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        QCOMPARE(sequenceNumbers(nlohmann::json::parse(result.out)), QStringLiteral("3,2;2,1"));
    }

    void jsonArrayInput()
    {
        const QString path = dir_.filePath(QStringLiteral("array.json"));
        writeFile(path, R"([{"@timestamp": "2024-04-03T01:00:00Z", "n": 7, "event": {"category": "file"}},
                            {"@timestamp": "2024-04-03T01:00:01Z", "n": 8, "event": {"category": "process"}}])");
        const CliResult result = runCli({"query", "file where true", path.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        QCOMPARE(numbers(nlohmann::json::parse(result.out)["hits"]["events"]), QStringLiteral("7"));
    }

    void queryOnExistingCase()
    {
        const std::string casePath = dir_.filePath(QStringLiteral("c.spoor")).toStdString();
        QCOMPARE(runCli({"import", "--case", casePath, dumpPath_}).status, 0);
        const CliResult result = runCli({"query", "--case", casePath, "network where true"});
        QVERIFY2(result.status == 0, result.err.c_str());
        QCOMPARE(numbers(nlohmann::json::parse(result.out)["hits"]["events"]), QStringLiteral("4"));
    }

    void parseErrorPositions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("syntax on line 2") << "sequence\n  [process where ]"
                                          << "error: 2:18: ";
        QTest::newRow("unknown function") << "process where frob(process.name)"
                                          << "error: 1:15: unknown function [frob]";
        QTest::newRow("type mismatch") << "process where process.pid == \"x\""
                                       << "error: 1:30: second argument of [process.pid == \"x\"] must be [long]";
    }

    void parseErrorPositions()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const CliResult result = query({text.toStdString()});
        QCOMPARE(result.status, 2);
        QVERIFY(result.out.empty());
        QVERIFY2(result.err.rfind(error.toStdString(), 0) == 0, result.err.c_str());
    }

    void inputErrors()
    {
        QCOMPARE(runCli({"query"}).status, 2);
        QCOMPARE(runCli({"query", "process where true"}).status, 2);
        QCOMPARE(query({"--format", "xml", "process where true"}).status, 2);
        QCOMPARE(query({"--max-samples-per-key", "0", "process where true"}).status, 2);
        const CliResult missing =
            runCli({"query", "process where true", dir_.filePath(QStringLiteral("absent.ndjson")).toStdString()});
        QCOMPARE(missing.status, 1);
        QVERIFY(missing.err.find("absent.ndjson") != std::string::npos);
        const CliResult badMapping = query({"--mapping", "/nonexistent/m.json", "process where true"});
        QCOMPARE(badMapping.status, 1);
        QVERIFY(badMapping.err.find("/nonexistent/m.json") != std::string::npos);
    }

    void validateDetectionRules()
    {
        SPOOR_REQUIRE_SHARED(rulesPath, "rules/detection-rules");
        const CliResult result = runCli({"validate", rulesPath.toStdString()});
        QVERIFY2(result.status == 0, result.out.c_str());
        std::istringstream lines(result.out);
        int ok = 0;
        for (std::string line; std::getline(lines, line);) {
            QVERIFY2(line.rfind("ok ", 0) == 0, line.c_str());
            ++ok;
        }
        QCOMPARE(ok, 865);
    }

    void validateReportsTomlPosition()
    {
        const QString path = dir_.filePath(QStringLiteral("broken.toml"));
        writeFile(path, R"([metadata]
creation_date = "2024/04/01"

[rule]
rule_id = "00000000-0000-0000-0000-000000000001"
name = "Broken"
type = "eql"
language = "eql"
query = '''
sequence by host.id
  [process where process.pid == "x"]
  [process where true]
'''
)");
        const QString kuery = dir_.filePath(QStringLiteral("kuery.toml"));
        writeFile(kuery, R"([rule]
rule_id = "00000000-0000-0000-0000-000000000002"
name = "Kuery"
type = "query"
language = "kuery"
query = "process.name : sshd"
)");
        const CliResult result = runCli({"validate", path.toStdString(), kuery.toStdString()});
        QCOMPARE(result.status, 1);
        const std::string expected = "error " + path.toStdString() +
                                     ":11:33: second argument of [process.pid == \"x\"] must be [long], found "
                                     "value [\"x\"] type [string]\n";
        QVERIFY2(result.out.find(expected) != std::string::npos, result.out.c_str());
        QVERIFY2(result.out.find("skipped " + kuery.toStdString() + ": language kuery is not supported") !=
                     std::string::npos,
                 result.out.c_str());
    }

    void unknownFieldRuleWarns()
    {
        const QString path = dir_.filePath(QStringLiteral("typo.toml"));
        writeFile(path, R"([metadata]
creation_date = "2024/04/01"
updated_date = "2024/04/01"

[rule]
rule_id = "00000000-0000-0000-0000-000000000004"
name = "Typo"
type = "eql"
language = "eql"
query = 'process where process.argz == "-D" or n == 1'
)");
        const std::string typoWarning = "warning " + path.toStdString() + ": unknown field process.argz: ";
        const CliResult validated = runCli({"validate", path.toStdString()});
        QCOMPARE(validated.status, 0);
        QCOMPARE(QString::fromStdString(validated.out), "ok " + path + '\n');
        QVERIFY2(validated.err.find(typoWarning) != std::string::npos, validated.err.c_str());
        QVERIFY2(validated.err.find("did you mean process.args?") != std::string::npos, validated.err.c_str());
        // Without a case, only fields near a typed one count as typos: n is far from every ECS field.
        QVERIFY2(validated.err.find("unknown field n:") == std::string::npos, validated.err.c_str());

        const std::string casePath = dir_.filePath(QStringLiteral("typo.spoor")).toStdString();
        QCOMPARE(runCli({"import", "--case", casePath, dumpPath_}).status, 0);
        const CliResult withCase = runCli({"validate", "--case", casePath, path.toStdString()});
        QCOMPARE(withCase.status, 0);
        QVERIFY2(withCase.err.find(typoWarning) != std::string::npos, withCase.err.c_str());
        QVERIFY2(withCase.err.find("unknown field n:") == std::string::npos, withCase.err.c_str());

        const CliResult scanned = runCli({"scan", "--format", "text", "--rule", path.toStdString(), dumpPath_});
        QCOMPARE(scanned.status, 0);
        const std::string scanWarning =
            "spoor-cli scan: warning: " + path.toStdString() + ": unknown field process.argz";
        QVERIFY2(scanned.err.find(scanWarning) != std::string::npos, scanned.err.c_str());
        QVERIFY2(scanned.err.find("unknown field n") == std::string::npos, scanned.err.c_str());
        QVERIFY2(scanned.out.find("note: unknown field process.argz") != std::string::npos, scanned.out.c_str());
    }

    void scanReportsRuleErrorPosition()
    {
        const QString path = dir_.filePath(QStringLiteral("broken-scan.toml"));
        writeFile(path, R"([metadata]
creation_date = "2024/04/01"

[rule]
rule_id = "00000000-0000-0000-0000-000000000003"
name = "Broken"
type = "eql"
language = "eql"
query = '''
process where process.name == "sshd" and
  proces.pid ==
'''
)");
        const QString dump = dir_.filePath(QStringLiteral("one.ndjson"));
        writeFile(dump,
                  R"({"@timestamp":"2024-04-01T10:00:00Z","event":{"category":"process"},"process":{"name":"sshd"}})"
                  "\n");
        const CliResult result = runCli({"scan", "--rule", path.toStdString(), dump.toStdString()});
        QCOMPARE(result.status, 1);
        const std::string expected = "failed: " + path.toStdString() + ":12:";
        QVERIFY2(result.err.find(expected) != std::string::npos, result.err.c_str());
    }

    void xzHistoryScansComplete()
    {
        SPOOR_REQUIRE_SHARED(historyPath, "rules/xzbackdoor-history");
        SPOOR_REQUIRE_SHARED(dumpPath, "corpus/scenarios/xz-basic.ndjson");
        const QStringList files = QDir(historyPath).entryList({"*.toml"}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString& file : files) {
            const CliResult result =
                runCli({"scan", "--rule", QDir(historyPath).filePath(file).toStdString(), dumpPath.toStdString()});
            QVERIFY2(result.status == 0, qPrintable(file + ": " + QString::fromStdString(result.err)));
            const auto json = nlohmann::json::parse(result.out);
            QCOMPARE(json["rules"].size(), std::size_t(1));
            QVERIFY2(json["rules"][0]["status"] == "complete", qPrintable(file));
        }
    }

    void everyDetectionRuleRuns()
    {
        SPOOR_REQUIRE_SHARED(rulesPath, "rules/detection-rules");
        SPOOR_REQUIRE_SHARED(dumpPath, "corpus/scenarios/xz-basic.ndjson");
        const CliResult result = runCli({"scan", "--rule", rulesPath.toStdString(), dumpPath.toStdString()});
        QVERIFY2(result.status == 0, result.err.c_str());
        const auto json = nlohmann::json::parse(result.out);
        QCOMPARE(json["rules"].size(), std::size_t(865));
        for (const auto& rule : json["rules"]) {
            const std::string status = rule["status"].get<std::string>();
            QVERIFY2(status == "complete", (rule["name"].get<std::string>() + ": " + status).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliQuery)
#include "test_cli_query.moc"
