#include "ecs/flatten.h"
#include "eql/date_format.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/field_mappings.h"
#include "eql/query.h"
#include "eql/typed_compare.h"
#include "eql_test_support.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

using spoor::eql::FieldMappings;
using spoor::eql::FieldType;

namespace {

// An index mapping with every feature the engine reads: nested properties, an alias, a multi-field,
// null_value and date formats.
const char* const testMapping = R"({
  "properties": {
    "@timestamp": {"type": "date"},
    "day": {"type": "date", "format": "dd-MM-yyyy"},
    "event_type": {"type": "keyword"},
    "event": {"properties": {"category": {"type": "alias", "path": "event_type"}}},
    "process": {"properties": {"pid": {"type": "integer"}, "name": {"type": "keyword"}}},
    "host": {"properties": {"name": {"type": "text", "fields": {"keyword": {"type": "keyword"}}}}},
    "ip": {"type": "ip"},
    "version": {"type": "version"},
    "tag": {"type": "keyword", "null_value": "NULL"},
    "ok": {"type": "boolean"}
  }
})";

std::shared_ptr<const FieldMappings> testMappings()
{
    return std::make_shared<const FieldMappings>(
        FieldMappings::fromJson(nlohmann::json::parse(testMapping), "test.mapping"));
}

std::vector<spoor::eql::Match> runMapped(const std::string& query, const std::string& eventsJson)
{
    const auto parsed = spoor::eql::Query::parse(query, testMappings());
    spoor::eql::Executor executor(parsed);
    std::int64_t position = 0;
    for (const auto& document : nlohmann::json::parse(eventsJson)) {
        const spoor::ecs::Event fields = spoor::ecs::flatten(document);
        executor.push({document["id"].get<std::int64_t>(), fields, position++});
    }
    return executor.finish();
}

// The error message of a query, or an empty string when it is accepted.
QString analysisError(const std::string& query, std::shared_ptr<const FieldMappings> mappings)
{
    try {
        spoor::eql::Query::parse(query, std::move(mappings));
        return {};
    } catch (const spoor::eql::EqlError& error) {
        return QString::fromUtf8(error.what());
    }
}

} // namespace

class TestEqlMappings : public QObject
{
    Q_OBJECT

private slots:
    void readsFieldTypes_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("typeName");
        QTest::addColumn<QString>("sourcePath");
        QTest::newRow("nested integer") << "process.pid" << int(FieldType::Long) << "integer"
                                        << "process.pid";
        QTest::newRow("alias") << "event.category" << int(FieldType::Keyword) << "keyword"
                               << "event_type";
        QTest::newRow("multi-field") << "host.name.keyword" << int(FieldType::Keyword) << "keyword"
                                     << "host.name";
        QTest::newRow("text") << "host.name" << int(FieldType::Text) << "text"
                              << "host.name";
        QTest::newRow("date") << "day" << int(FieldType::Date) << "date"
                              << "day";
        QTest::newRow("ip") << "ip" << int(FieldType::Ip) << "ip"
                            << "ip";
        QTest::newRow("version") << "version" << int(FieldType::Version) << "version"
                                 << "version";
        QTest::newRow("boolean") << "ok" << int(FieldType::Boolean) << "boolean"
                                 << "ok";
        QTest::newRow("object") << "process" << int(FieldType::Object) << "object"
                                << "process";
    }

    void readsFieldTypes()
    {
        QFETCH(QString, field);
        QFETCH(int, type);
        QFETCH(QString, typeName);
        QFETCH(QString, sourcePath);
        const auto mappings = testMappings();
        const auto* mapping = mappings->find(field.toStdString());
        QVERIFY(mapping);
        QCOMPARE(int(mapping->type), type);
        QCOMPARE(QString::fromStdString(mapping->typeName), typeName);
        QCOMPARE(QString::fromStdString(mappings->sourcePath(field.toStdString())), sourcePath);
    }

    void unmappedFieldHasNoType()
    {
        const auto mappings = testMappings();
        QVERIFY(!mappings->find("process.args"));
        QCOMPARE(mappings->sourcePath("process.args"), std::string("process.args"));
        QVERIFY(mappings->fieldNames().contains("event.category"));
        QVERIFY(!mappings->fieldNames().contains("process.args"));
    }

    void readsMappingResponse()
    {
        const auto response = nlohmann::json::parse(R"({
          "logs-a": {"mappings": {"properties": {"a": {"type": "long"}}}},
          "logs-b": {"mappings": {"properties": {"b": {"type": "ip"}}}}
        })");
        const auto mappings = FieldMappings::fromJson(response, "response.json");
        QVERIFY(mappings.find("a"));
        QCOMPARE(int(mappings.find("a")->type), int(FieldType::Long));
        QVERIFY(mappings.find("b"));
        QCOMPARE(int(mappings.find("b")->type), int(FieldType::Ip));
    }

    void loadsFileWithComments()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.mapping"));
        std::ofstream(path.toStdString()) << "# a comment line\n{\"mappings\": {\"properties\": {\"v\": "
                                             "{\"type\": \"version\"}}}}\n";
        const auto mappings = FieldMappings::loadFile(path.toStdString());
        QVERIFY(mappings.find("v"));
        QCOMPARE(int(mappings.find("v")->type), int(FieldType::Version));
    }

    void rejectsInvalidMappings_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a mapping") << R"({"a": 1})"
                                       << "not an index mapping";
        QTest::newRow("alias without path") << R"({"properties": {"a": {"type": "alias"}}})"
                                            << "alias a has no";
        QTest::newRow("alias to nothing") << R"({"properties": {"a": {"type": "alias", "path": "b"}}})"
                                          << "alias a points to b";
        QTest::newRow("date format letter") << R"({"properties": {"d": {"type": "date", "format": "EEE yyyy"}}})"
                                            << "field d: date format";
        QTest::newRow("properties not object") << R"({"properties": []})"
                                               << "must be an object";
    }

    void rejectsInvalidMappings()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        try {
            FieldMappings::fromJson(nlohmann::json::parse(json.toStdString()), "m.json");
            QFAIL("the mapping was accepted");
        } catch (const spoor::eql::MappingError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
            QVERIFY2(QString::fromUtf8(error.what()).startsWith("m.json: "), error.what());
        }
    }

    void missingFileFails()
    {
        QVERIFY_THROWS_EXCEPTION(spoor::eql::MappingError, FieldMappings::loadFile("/nonexistent/m.json"));
    }

    void parsesDateFormats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("millis"); // -1: rejected
        QTest::newRow("day first") << "dd-MM-yyyy"
                                   << "17-12-2022" << qint64(1671235200000);
        QTest::newRow("year first") << "yyyy-MM-dd"
                                    << "2022-12-17" << qint64(1671235200000);
        QTest::newRow("quoted literal") << "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"
                                        << "2022-12-17T01:00:00.250+01:00" << qint64(1671235200250);
        QTest::newRow("alternatives") << "dd/MM/yyyy||epoch_millis"
                                      << "1671235200000" << qint64(1671235200000);
        QTest::newRow("default iso") << ""
                                     << "2022-12-17T00:00:00Z" << qint64(1671235200000);
        QTest::newRow("default epoch") << ""
                                       << "1671235200000" << qint64(1671235200000);
        QTest::newRow("named strict date") << "strict_date"
                                           << "2022-12-17" << qint64(1671235200000);
        QTest::newRow("invalid day") << "dd-MM-yyyy"
                                     << "31-02-2022" << qint64(-1);
        QTest::newRow("trailing text") << "dd-MM-yyyy"
                                       << "17-12-2022x" << qint64(-1);
        QTest::newRow("wrong order") << "yyyy-MM-dd"
                                     << "17-12-2022" << qint64(-1);
    }

    void parsesDateFormats()
    {
        QFETCH(QString, format);
        QFETCH(QString, text);
        QFETCH(qint64, millis);
        const auto dateFormat =
            format.isEmpty() ? spoor::eql::DateFormat() : spoor::eql::DateFormat::compile(format.toStdString());
        const auto ns = dateFormat.parse(spoor::ecs::Value(text.toStdString()));
        if (millis < 0) {
            QVERIFY(!ns);
            return;
        }
        QVERIFY(ns);
        QCOMPARE(*ns / 1'000'000, millis);
    }

    void comparesVersions_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("order");
        QTest::newRow("numeric parts") << "1.11.3"
                                       << "1.5.0" << 1;
        QTest::newRow("equal") << "2.0.0"
                               << "2.0.0" << 0;
        QTest::newRow("pre-release first") << "1.0.0-beta"
                                           << "1.0.0" << -1;
        QTest::newRow("pre-release numeric") << "1.0.0-rc.2"
                                             << "1.0.0-rc.10" << -1;
        QTest::newRow("invalid after valid") << "bad"
                                             << "99.0.0" << 1;
        QTest::newRow("invalid byte-wise") << "abc"
                                           << "abd" << -1;
    }

    void comparesVersions()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, order);
        QCOMPARE(spoor::eql::compareVersions(a.toStdString(), b.toStdString()), order);
        QCOMPARE(spoor::eql::compareVersions(b.toStdString(), a.toStdString()), -order);
    }

    void typedConditions_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("expected"); // ids of the matching events
        QTest::newRow("version greater") << "version > \"1.5.0\""
                                         << "2";
        QTest::newRow("version less") << "version < \"1.11.3\""
                                      << "1";
        QTest::newRow("ip equal expanded") << "ip == \"0:0:0:0:0:0:0:1\""
                                           << "2";
        QTest::newRow("ip in") << "ip in (\"10.0.0.1\", \"::1\")"
                               << "1,2";
        QTest::newRow("cidrMatch on ip") << "cidrMatch(ip, \"10.0.0.0/8\")"
                                         << "1";
        QTest::newRow("custom date format") << "day > \"2022-12-16\""
                                            << "2";
        QTest::newRow("custom date as written") << "day == \"17-12-2022\""
                                                << "2";
        QTest::newRow("date epoch millis") << "day < 1671235200000"
                                           << "1";
        QTest::newRow("null value") << "tag == \"NULL\""
                                    << "1";
        QTest::newRow("null value not null") << "tag != null"
                                             << "1,2";
        QTest::newRow("alias category") << "event.category == \"process\""
                                        << "1,2";
        QTest::newRow("multi-field") << "host.name.keyword == \"web-1\""
                                     << "2";
    }

    void typedConditions()
    {
        QFETCH(QString, condition);
        QFETCH(QString, expected);
        const std::string events = R"([
          {"id": 1, "event_type": "process", "version": "1.5.0", "ip": "10.0.0.1", "day": "12-12-2022", "tag": null},
          {"id": 2, "event_type": "process", "version": "1.11.3", "ip": "::1", "day": "17-12-2022", "tag": "x",
           "host": {"name": "web-1"}}
        ])";
        const auto matches = runMapped("any where " + condition.toStdString(), events);
        QStringList ids;
        for (const auto& match : matches)
            ids << QString::number(*match.eventIds[0]);
        QCOMPARE(ids.join(','), expected);
    }

    void categoryFollowsAlias()
    {
        const auto matches = runMapped("process where true", R"([{"id": 1, "event_type": "process"},
                                                                  {"id": 2, "event_type": "file"}])");
        QCOMPARE(matchIds(matches), QStringLiteral("1"));
    }

    void dateKeysByQueryKind()
    {
        const std::string events = R"([{"id": 1, "event_type": "a", "day": "17-12-2022"},
                                        {"id": 2, "event_type": "b", "day": "17-12-2022"}])";
        QCOMPARE(matchKeys(runMapped("sequence by day [a where true] [b where true]", events)),
                 QStringLiteral("2022-12-17T00:00:00.000Z"));
        QCOMPARE(matchKeys(runMapped("sample by day [a where true] [b where true]", events)),
                 QStringLiteral("1671235200000"));
    }

    void normalizeAppliesMapping()
    {
        auto event =
            spoor::ecs::flatten(nlohmann::json::parse(R"({"tag": null, "day": "17-12-2022", "event_type": "x"})"));
        testMappings()->normalize(event);
        QVERIFY(event.find("tag"));
        QCOMPARE(event.find("tag")->toString(), std::string("NULL"));
        QCOMPARE(event.find("day")->toString(), std::string("2022-12-17T00:00:00.000Z"));
        QVERIFY(event.find("event.category"));
        QCOMPARE(event.find("event.category")->toString(), std::string("x"));
    }

    void typeErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message"); // empty: accepted
        QTest::newRow("long against string")
            << "process where process.pid == \"x\""
            << "1:30: second argument of [process.pid == \"x\"] must be [long], found value [\"x\"] type [string]";
        QTest::newRow("keyword against number")
            << "process where process.name == 1"
            << "1:31: second argument of [process.name == 1] must be [keyword], found value [1] type [numeric]";
        QTest::newRow("in with a wrong type")
            << "process where process.pid in (1, \"2\")"
            << "1:34: third argument of [process.pid in (1, \"2\")] must be [long], found value [\"2\"] type [string]";
        QTest::newRow("cidrMatch on keyword")
            << "network where cidrMatch(host.name, \"10.0.0.0/8\")"
            << "1:25: first argument of [cidrMatch(host.name, \"10.0.0.0/8\")] must be [ip], found [host.name] of "
               "type [keyword]";
        QTest::newRow("string function on long")
            << "process where length(process.pid) > 1"
            << "1:22: first argument of [length(process.pid)] must be [string], found [process.pid] of type [long]";
        QTest::newRow("wildcard on long")
            << "process where process.pid : \"1*\""
            << "1:15: first argument of [process.pid : \"1*\"] must be [string], found [process.pid] of type [long]";
        QTest::newRow("date against string") << "any where @timestamp > \"2024-04-01\""
                                             << "";
        QTest::newRow("date against millis") << "any where @timestamp > 1711929600000"
                                             << "";
        QTest::newRow("ip against string") << "any where source.ip == \"10.0.0.1\""
                                           << "";
        QTest::newRow("cidrMatch on ip") << "any where cidrMatch(source.ip, \"10.0.0.0/8\")"
                                         << "";
        QTest::newRow("unmapped field") << "any where process.args_count == \"x\""
                                        << "";
    }

    void typeErrors()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        const auto ecs = std::make_shared<const FieldMappings>(FieldMappings::ecsDefaults());
        QCOMPARE(analysisError(query.toStdString(), ecs), message);
    }

    void noMappingsNoTypeErrors() { QCOMPARE(analysisError("process where process.pid == \"x\"", nullptr), QString()); }

    void userMappingOverridesDefaults()
    {
        auto mappings = FieldMappings::ecsDefaults();
        mappings.add(FieldMappings::fromJson(
            nlohmann::json::parse(R"({"properties": {"process": {"properties": {"pid": {"type": "keyword"}}}}})"),
            "user.json"));
        const auto shared = std::make_shared<const FieldMappings>(std::move(mappings));
        QCOMPARE(analysisError("process where process.pid == \"x\"", shared), QString());
        QVERIFY(!analysisError("process where process.pid == 1", shared).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEqlMappings)
#include "test_eql_mappings.moc"
