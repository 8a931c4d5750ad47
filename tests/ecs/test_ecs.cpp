#include "common/shared_data.h"
#include "ecs/document_parser.h"
#include "ecs/flatten.h"
#include "ecs/timestamp.h"

#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

using spoor::ecs::Event;
using spoor::ecs::Value;

class TestEcs : public QObject
{
    Q_OBJECT

private slots:
    void flattenNestedAndDotted()
    {
        const auto json = nlohmann::json::parse(R"({"process": {"pid": 7, "parent": {"name": "sshd"}},
                                                    "process.name": "sh", "host": {"os.type": "linux"}})");
        const Event event = spoor::ecs::flatten(json);
        QVERIFY(event.find("process.pid"));
        QCOMPARE(event.find("process.pid")->asInt(), 7);
        QCOMPARE(event.find("process.parent.name")->asString(), std::string("sshd"));
        QCOMPARE(event.find("process.name")->asString(), std::string("sh"));
        QCOMPARE(event.find("host.os.type")->asString(), std::string("linux"));
        QVERIFY(!event.find("process"));
    }

    void flattenArrays()
    {
        const auto json = nlohmann::json::parse(
            R"({"event": {"category": ["process"]}, "args": ["-D", "-R"], "related": [{"ip": "a"}, {"ip": "b"}],
                "empty": [], "nothing": null})");
        const Event event = spoor::ecs::flatten(json);
        QVERIFY(event.find("event.category")->isArray());
        QCOMPARE(event.find("event.category")->asArray().size(), std::size_t(1));
        QCOMPARE(event.find("args")->asArray().size(), std::size_t(2));
        QCOMPARE(event.find("args")->asArray()[1].asString(), std::string("-R"));
        const Value* related = event.find("related.ip");
        QVERIFY(related && related->isArray());
        QCOMPARE(related->asArray().size(), std::size_t(2));
        QVERIFY(event.find("empty")->isArray());
        QVERIFY(event.find("empty")->asArray().empty());
        QVERIFY(event.find("nothing")->isNull());
    }

    void normalizeIdentifiers()
    {
        Event event = spoor::ecs::flatten(nlohmann::json::parse(R"({"user": {"id": 0, "name": "root"},
            "process": {"user": {"id": 1000}}, "group": {"id": "5"}, "pid": 3})"));
        spoor::ecs::normalizeIdentifiers(event);
        QCOMPARE(event.find("user.id")->asString(), std::string("0"));
        QCOMPARE(event.find("process.user.id")->asString(), std::string("1000"));
        QCOMPARE(event.find("group.id")->asString(), std::string("5"));
        QVERIFY(event.find("pid")->isInt());
    }

    void documentParserMatchesFlatten_data()
    {
        QTest::addColumn<QString>("document");
        QTest::newRow("nested") << R"({"process": {"pid": 7, "args": ["-D", "-R"], "parent": {"name": "sshd"}}})";
        QTest::newRow("dotted keys") << R"({"process.name": "sh", "process": {"pid": 1}, "host": {"os.type": "x"}})";
        QTest::newRow("array of objects") << R"({"related": [{"ip": "a"}, {"ip": "b", "x": [1, 2]}], "e": []})";
        QTest::newRow("scalars") << R"({"a": true, "b": null, "c": 1.5, "d": -3, "u": 18446744073709551615})";
        QTest::newRow("ids") << R"({"user": {"id": 0}, "group": {"id": [1, "2"]}})";
        QTest::newRow("nested arrays") << R"({"a": [[1, 2], [3, [4]]], "b": [{"c": [{"d": 1}]}]})";
    }

    void documentParserMatchesFlatten()
    {
        QFETCH(QString, document);
        const std::string text = document.toStdString();
        Event expected = spoor::ecs::flatten(nlohmann::json::parse(text));
        spoor::ecs::normalizeIdentifiers(expected);
        Event actual;
        spoor::ecs::DocumentParser parser;
        QVERIFY(parser.parse(text, actual));
        QCOMPARE(actual.size(), expected.size());
        for (const auto& [path, value] : expected.fields()) {
            const Value* parsed = actual.find(path);
            QVERIFY2(parsed, path.c_str());
            QCOMPARE(parsed->toJson(), value.toJson());
        }
    }

    void documentParserKeepsSelectedFields()
    {
        spoor::ecs::DocumentParser parser({"process.args", "related.ip", "user.id"});
        Event event;
        QVERIFY(parser.parse(R"({"process": {"pid": 7, "args": ["-D"]}, "related": [{"ip": "a"}], "user": {"id": 0},
                                 "host": {"name": "h"}})",
                             event));
        QCOMPARE(event.size(), std::size_t(3));
        QVERIFY(event.find("process.args"));
        QVERIFY(event.find("related.ip"));
        QCOMPARE(event.find("user.id")->asString(), std::string("0"));
        QVERIFY(!event.find("process.pid"));
        QVERIFY(!event.find("host.name"));
    }

    void documentParserRejectsNonObjects()
    {
        spoor::ecs::DocumentParser parser;
        Event event;
        QVERIFY(!parser.parse("[1, 2]", event));
        QVERIFY(!parser.parse("{broken", event));
        QVERIFY(!parser.parse("", event));
        QVERIFY(event.empty());
    }

    void documentParserOnCorpus()
    {
        SPOOR_REQUIRE_SHARED(path, "corpus/scenarios/xz-basic.ndjson");
        std::ifstream file(path.toStdString());
        spoor::ecs::DocumentParser parser;
        std::string line;
        int lines = 0;
        while (std::getline(file, line)) {
            Event expected = spoor::ecs::flatten(nlohmann::json::parse(line));
            spoor::ecs::normalizeIdentifiers(expected);
            Event actual;
            QVERIFY(parser.parse(line, actual));
            QCOMPARE(actual.size(), expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                QCOMPARE(actual.fields()[i].first, expected.fields()[i].first);
                QVERIFY(actual.fields()[i].second == expected.fields()[i].second);
            }
            ++lines;
        }
        QCOMPARE(lines, 3063);
    }

    void parseTimestamp_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<bool>("valid");
        QTest::newRow("seven digits") << "2024-04-03T01:28:14.1234567Z" << qint64(1712107694123456700) << true;
        QTest::newRow("whole seconds") << "2024-04-03T01:28:17Z" << qint64(1712107697000000000) << true;
        QTest::newRow("nine digits") << "1970-01-01T00:00:00.000000001Z" << qint64(1) << true;
        QTest::newRow("offset") << "2024-04-03T03:28:17+02:00" << qint64(1712107697000000000) << true;
        QTest::newRow("offset no colon") << "2024-04-02T20:28:17-0500" << qint64(1712107697000000000) << true;
        QTest::newRow("no zone") << "2024-04-03T01:28:17" << qint64(1712107697000000000) << true;
        QTest::newRow("date only") << "2024-04-03" << qint64(1712102400000000000) << true;
        QTest::newRow("millis") << "2020-12-07T11:06:07.123Z" << qint64(1607339167123000000) << true;
        QTest::newRow("before epoch") << "1969-12-31T23:59:59.5Z" << qint64(-500000000) << true;
        QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800000000000) << true;
        QTest::newRow("no leap day") << "2023-02-29T00:00:00Z" << qint64(0) << false;
        QTest::newRow("month 13") << "2024-13-01T00:00:00Z" << qint64(0) << false;
        QTest::newRow("garbage") << "yesterday" << qint64(0) << false;
        QTest::newRow("trailing") << "2024-04-03T01:28:17Zx" << qint64(0) << false;
        QTest::newRow("empty fraction") << "2024-04-03T01:28:17.Z" << qint64(0) << false;
    }

    void parseTimestamp()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        QFETCH(bool, valid);
        const auto parsed = spoor::ecs::parseIsoTimestamp(text.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(qint64(*parsed), expected);
    }

    void formatTimestamp()
    {
        QCOMPARE(spoor::ecs::formatIsoTimestamp(1712107694123456700, 7), std::string("2024-04-03T01:28:14.1234567Z"));
        QCOMPARE(spoor::ecs::formatIsoTimestamp(1712107697000000000, 0), std::string("2024-04-03T01:28:17Z"));
        QCOMPARE(spoor::ecs::formatIsoTimestamp(-500000000, 3), std::string("1969-12-31T23:59:59.500Z"));
    }

    void valueToString()
    {
        QCOMPARE(Value(std::int64_t(5)).toString(), std::string("5"));
        QCOMPARE(Value(true).toString(), std::string("true"));
        QCOMPARE(Value(2.5).toString(), std::string("2.5"));
        QCOMPARE(Value(2.0).toString(), std::string("2.0"));
        QCOMPARE(Value().toString(), std::string("null"));
        QCOMPARE(Value(Value::Array{Value("a"), Value(std::int64_t(1))}).toJson(), std::string(R"(["a",1])"));
    }
};

QTEST_GUILESS_MAIN(TestEcs)
#include "test_ecs.moc"
