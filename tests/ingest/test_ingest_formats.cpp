#include "test_ingest_formats.h"

#include "common/shared_data.h"
#include "ecs/document_parser.h"
#include "ecs/flatten.h"
#include "ecs/timestamp.h"
#include "ingest/kibana_date.h"
#include "ingest/source_capabilities.h"
#include "ingest/time_zone.h"
#include "ingest_fixture.h"

#include <QFile>
#include <QTest>
#include <nlohmann/json.hpp>

using spoor::ingest::ImportSummary;

namespace {

QByteArray compress(const QByteArray& bytes, const QString& compression)
{
    if (compression == QLatin1String("gzip"))
        return gzipped(bytes);
    if (compression == QLatin1String("zstd"))
        return zstdCompressed(bytes);
    return bytes;
}

void addCompressionRows(const char* name, const QByteArray& input)
{
    for (const char* compression : {"none", "gzip", "zstd"})
        QTest::addRow("%s, %s", name, compression) << compress(input, QLatin1String(compression));
}

// Every field of the stored document, flattened as a rule run reads it, as "path=json" lines.
QString flattenedDocument(CaseFixture& fixture, const std::string& where)
{
    spoor::ecs::DocumentParser parser;
    spoor::ecs::Event event;
    if (!parser.parse(fixture.text("SELECT event_document(doc_block, doc_slot) FROM events WHERE " + where), event))
        return QStringLiteral("<not a JSON object>");
    QStringList lines;
    for (const auto& [path, value] : event.fields())
        lines << QString::fromStdString(path + '=' + value.toJson());
    return lines.join(QLatin1Char('\n'));
}

// The value of one field of the stored document as JSON text, or "<absent>".
std::string fieldOf(CaseFixture& fixture, const std::string& where, const std::string& path)
{
    spoor::ecs::DocumentParser parser;
    spoor::ecs::Event event;
    if (!parser.parse(fixture.text("SELECT event_document(doc_block, doc_slot) FROM events WHERE " + where), event))
        return "<not a JSON object>";
    const spoor::ecs::Value* value = event.find(path);
    return value ? value->toJson() : "<absent>";
}

QByteArray testData(const char* name)
{
    QFile file(QStringLiteral(SPOOR_INGEST_TEST_DATA "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", name);
    return file.readAll();
}

// A fields API object: dotted keys, every value an array.
QByteArray fieldsObject(int number)
{
    const QByteArray n = QByteArray::number(number);
    return R"({"@timestamp":["2024-04-03T01:28:0)" + QByteArray::number(number % 10) +
           R"(.000Z"],"event.id":["fields-)" + n +
           R"("],"event.category":["process"],"event.type":["start"],"event.action":["exec"],)"
           R"("host.name":["web-01"],"process.pid":[)" +
           n +
           R"(],"process.name":["sshd"],"process.args":["/usr/sbin/sshd"],"host.ip":["10.0.0.1"],)"
           R"("user.name":["root"]})";
}

QByteArray fieldsHit(int number)
{
    return R"({"_index":"logs-endpoint","_id":"f)" + QByteArray::number(number) + R"(","_score":null,"fields":)" +
           fieldsObject(number) + "}";
}

QByteArray eqlEvent(int number)
{
    return R"({"_index":"logs-endpoint","_id":"e)" + QByteArray::number(number) + R"(","_source":)" +
           ecsDocument(number) + "}";
}

QByteArray eqlEventsResponse(int count)
{
    QByteArray events;
    for (int i = 0; i < count; ++i)
        events += (i ? "," : "") + eqlEvent(i);
    return R"({"is_partial":false,"is_running":false,"took":4,"timed_out":false,)"
           R"("hits":{"total":{"value":)" +
           QByteArray::number(count) + R"(,"relation":"eq"},"events":[)" + events + "]}}";
}

// Three sequences of two events; the second event of each is the first of the next.
QByteArray eqlSequencesResponse()
{
    QByteArray sequences;
    for (int i = 0; i < 3; ++i) {
        sequences += (i ? ",\n" : "");
        sequences += R"({"join_keys":["host-1"],"events":[)" + eqlEvent(i) + ",\n" + eqlEvent(i + 1) + "]}";
    }
    return "{\n  \"is_partial\": false,\n  \"is_running\": false,\n  \"took\": 9,\n  \"timed_out\": false,\n"
           "  \"hits\": {\"total\": {\"value\": 3, \"relation\": \"eq\"},\n  \"sequences\": [\n" +
           sequences + "\n]}}\n";
}

std::int64_t utcNs(const char* iso)
{
    return *spoor::ecs::parseIsoTimestamp(iso);
}

} // namespace

void TestIngestFormats::bulkActions_data()
{
    QTest::addColumn<QByteArray>("input");
    QByteArray bulk;
    bulk += R"({"index":{"_index":"logs","_id":"a"}})"
            "\n" +
            ecsDocument(0) + '\n';
    bulk += R"({"create":{"_index":"logs","_id":"b"}})"
            "\n" +
            ecsDocument(1) + '\n';
    bulk += R"({"delete":{"_index":"logs","_id":"a"}})"
            "\n";
    bulk += R"({"update":{"_index":"logs","_id":"c"}})"
            "\n"
            R"({"doc":)" +
            ecsDocument(2) + "}\n";
    bulk += R"({"delete":{"_index":"logs","_id":"z"}})"
            "\n";
    bulk += R"({"create":{"_index":"logs","_id":"d"}})"
            "\n" +
            ecsDocument(3) + '\n';
    addCompressionRows("create, delete and update", bulk);
    QByteArray startsWithCreate = R"({"create":{"_index":"logs","_id":"e"}})"
                                  "\n" +
                                  ecsDocument(4) + '\n';
    startsWithCreate += R"({"delete":{"_id":"e"}})"
                        "\n";
    startsWithCreate += R"({"create":{"_index":"logs","_id":"f"}})"
                        "\n" +
                        ecsDocument(5) + '\n';
    addCompressionRows("starts with create", startsWithCreate);
}

void TestIngestFormats::bulkActions()
{
    QFETCH(QByteArray, input);
    CaseFixture fixture;
    const ImportSummary summary = fixture.importOne(fixture.writeInput(QStringLiteral("bulk.txt"), input));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("bulk"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.rejected, std::uint64_t(0));
    const qint64 documents = fixture.count("SELECT count(*) FROM events");
    QCOMPARE(qint64(source.events), documents);
    QVERIFY(documents == 4 || documents == 2);
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE doc_id IS NULL OR doc_index != 'logs'"), qint64(0));
    // A delete action has no document line, so the action after it must not be read as a document.
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE event_document(doc_block, doc_slot) LIKE '{\"delete\"%'"),
             qint64(0));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE event_document(doc_block, doc_slot) LIKE '{\"doc\"%'"),
             qint64(0));
}

void TestIngestFormats::dottedKeysMatchNested()
{
    const QByteArray nested =
        R"({"@timestamp":"2024-04-03T01:28:00Z","event":{"id":"nested","action":"exec","category":["process"]},)"
        R"("host":{"name":"web-01","os":{"type":"linux"}},"user":{"name":"root"},)"
        R"("process":{"pid":42,"name":"sshd","entity_id":"e42","args":["sshd","-D"],"parent":{"pid":1,"name":"init"}}})";
    const QByteArray dotted =
        R"({"@timestamp":"2024-04-03T01:28:00Z","event.id":"dotted","event.action":"exec","event.category":["process"],)"
        R"("host.name":"web-01","host.os.type":"linux","user.name":"root","process.pid":42,"process.name":"sshd",)"
        R"("process.entity_id":"e42","process.args":["sshd","-D"],"process.parent.pid":1,"process.parent.name":"init"})";
    const QByteArray mixed =
        R"({"@timestamp":"2024-04-03T01:28:00Z","event":{"id":"mixed","action":"exec"},"event.category":["process"],)"
        R"("host":{"name":"web-01","os.type":"linux"},"user.name":"root","process":{"pid":42,"name":"sshd",)"
        R"("entity_id":"e42","args":["sshd","-D"],"parent.pid":1},"process.parent":{"name":"init"}})";
    CaseFixture fixture;
    const auto summary = fixture.importOne(
        fixture.writeInput(QStringLiteral("dotted.ndjson"), nested + '\n' + dotted + '\n' + mixed + '\n'));
    QCOMPARE(summary.sources.front().events, std::uint64_t(3));

    const std::string columns = "SELECT category || '|' || action || '|' || host_name || '|' || os_type || '|' || "
                                "user_name || '|' || pid || '|' || process_name || '|' || entity_id || '|' || "
                                "parent_pid || '|' || parent_name FROM events WHERE event_id = ";
    const std::string expected = "process|exec|web-01|linux|root|42|sshd|e42|1|init";
    QCOMPARE(fixture.text(columns + "'nested'"), expected);
    QCOMPARE(fixture.text(columns + "'dotted'"), expected);
    QCOMPARE(fixture.text(columns + "'mixed'"), expected);

    const QString nestedFields = flattenedDocument(fixture, "event_id = 'nested'");
    QCOMPARE(flattenedDocument(fixture, "event_id = 'dotted'"),
             QString(nestedFields).replace(QLatin1String("\"nested\""), QLatin1String("\"dotted\"")));
    QCOMPARE(flattenedDocument(fixture, "event_id = 'mixed'"),
             QString(nestedFields).replace(QLatin1String("\"nested\""), QLatin1String("\"mixed\"")));
}

void TestIngestFormats::prettySearchPages()
{
    // jq and Kibana's inspector write each response pretty-printed, one after the other.
    QByteArray pages;
    for (int page = 0; page < 3; ++page) {
        QByteArray response = searchResponse(4, page * 4);
        response.replace("\"hits\":[", "\n  \"hits\": [\n    ").replace("},{\"_index\"", "},\n    {\"_index\"");
        pages += response + "\n";
    }
    for (const char* compression : {"none", "gzip", "zstd"}) {
        CaseFixture fixture;
        const auto summary = fixture.importOne(
            fixture.writeInput(QStringLiteral("pages.ndjson"), compress(pages, QLatin1String(compression))));
        const auto& source = summary.sources.front();
        QCOMPARE(QString::fromStdString(source.format), QStringLiteral("search-response"));
        QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
        QCOMPARE(source.events, std::uint64_t(12));
        QCOMPARE(fixture.count("SELECT count(DISTINCT doc_id) FROM events"), qint64(12));
    }
}

void TestIngestFormats::searchHitLocations()
{
    // curl writes a _search response on one line, so every hit is on line 1 and only the path and offset tell
    // the hits apart.
    QByteArray response = searchResponse(5);
    const QByteArray badTimestamp = R"("@timestamp":"2024-04-03T01:28:03.1234567Z")";
    QVERIFY(response.contains(badTimestamp));
    response.replace(badTimestamp, R"("@timestamp":"garbage")");
    const QByteArray pid = R"("pid":4,)";
    QVERIFY(response.contains(pid));
    response.replace(pid, R"("pid":"x",)");
    const qint64 badSourceOffset = response.indexOf(R"({"@timestamp":"garbage")");
    const qint64 wrongTypeSourceOffset = response.indexOf("\"_source\":", response.indexOf(R"("_id":"id-4")")) + 10;

    CaseFixture fixture;
    std::vector<spoor::ingest::ImportError> reported;
    spoor::ingest::ImportOptions options;
    options.error = [&](const spoor::ingest::ImportError& error) { reported.push_back(error); };
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("search.json"), response), options);
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("search-response"));
    QCOMPARE(source.events, std::uint64_t(4));
    QCOMPARE(source.rejected, std::uint64_t(1));
    QCOMPARE(source.warnings, std::uint64_t(1));
    QCOMPARE(reported.size(), std::size_t(2));

    const auto& rejected = reported[0];
    QCOMPARE(QString::fromStdString(rejected.reason), QStringLiteral("invalid-timestamp"));
    QCOMPARE(rejected.byteOffset, std::uint64_t(badSourceOffset));
    const std::string rejectedAt = "(hits.hits[3], byte offset " + std::to_string(badSourceOffset) + ")";
    QVERIFY2(rejected.message.ends_with(rejectedAt), rejected.message.c_str());
    QCOMPARE(fixture.count("SELECT byte_offset FROM import_errors WHERE reason = 'invalid-timestamp'"),
             badSourceOffset);
    QVERIFY(fixture.text("SELECT message FROM import_errors WHERE reason = 'invalid-timestamp'").ends_with(rejectedAt));

    const auto& warning = reported[1];
    QCOMPARE(QString::fromStdString(warning.reason), QStringLiteral("wrong-type"));
    const std::string warningAt = "(hits.hits[4], byte offset " + std::to_string(wrongTypeSourceOffset) + ")";
    QVERIFY2(warning.message.ends_with(warningAt), warning.message.c_str());

    QCOMPARE(fixture.count("SELECT count(DISTINCT byte_offset) FROM events"), qint64(4));
    QCOMPARE(fixture.count("SELECT byte_offset FROM events WHERE doc_id = 'id-4'"), wrongTypeSourceOffset);
}

void TestIngestFormats::eqlSequenceEventLocation()
{
    const QByteArray input = R"({"is_partial":false,"is_running":false,"took":1,"timed_out":false,"hits":{)"
                             R"("sequences":[{"join_keys":["a"],"events":[{"_index":"logs","_id":"s0","_source":)" +
                             ecsDocument(0) +
                             R"(}]},{"join_keys":["b"],"events":[{"_index":"logs","_id":"s1","_source":)" +
                             ecsDocument(1) + R"(},{"_index":"logs","_id":"s2","_source":{"event":{"id":"x"}}}]}]}})";
    CaseFixture fixture;
    std::vector<spoor::ingest::ImportError> reported;
    spoor::ingest::ImportOptions options;
    options.error = [&](const spoor::ingest::ImportError& error) { reported.push_back(error); };
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("eql.json"), input), options);
    QCOMPARE(QString::fromStdString(summary.sources.front().format), QStringLiteral("eql-response"));
    QCOMPARE(summary.sources.front().events, std::uint64_t(2));
    QCOMPARE(reported.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(reported[0].reason), QStringLiteral("missing-timestamp"));
    QVERIFY2(reported[0].message.find("(hits.sequences[1].events[1], byte offset ") != std::string::npos,
             reported[0].message.c_str());
}

void TestIngestFormats::truncatedZstdHits()
{
    CaseFixture fixture;
    QByteArray input = zstdCompressed(ndjsonHits(3000));
    input.truncate(input.size() * 2 / 3);
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("cut.json"), input));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("ndjson-hits"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("incomplete"));
    QVERIFY2(source.message.find("decompressed byte offset") != std::string::npos, source.message.c_str());
    QVERIFY(source.events > 1000);
    QVERIFY(source.events < 3000);
    // Every hit before the break is imported: the ids run from 0 without a gap.
    QCOMPARE(fixture.count("SELECT max(CAST(substr(doc_id, 4) AS INTEGER)) FROM events") + 1, qint64(source.events));
    QVERIFY(source.rejected <= 1);
}

void TestIngestFormats::fieldsShapes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("format");
    QByteArray objects;
    QByteArray hits;
    QByteArray hitList;
    for (int i = 0; i < 5; ++i) {
        objects += fieldsObject(i) + '\n';
        hits += fieldsHit(i) + '\n';
        hitList += (i ? "," : "") + fieldsHit(i);
    }
    const QByteArray response = R"({"took":2,"timed_out":false,"hits":{"hits":[)" + hitList + "]}}";
    for (const char* compression : {"none", "gzip", "zstd"}) {
        QTest::addRow("fields objects, %s", compression)
            << compress(objects, QLatin1String(compression)) << QStringLiteral("ndjson-fields");
        QTest::addRow("fields hits, %s", compression)
            << compress(hits, QLatin1String(compression)) << QStringLiteral("ndjson-hits");
        QTest::addRow("search response with fields, %s", compression)
            << compress(response, QLatin1String(compression)) << QStringLiteral("search-response");
    }
}

void TestIngestFormats::fieldsShapes()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, format);
    CaseFixture fixture;
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("export.csv"), input));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), format);
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(5));
    QCOMPARE(source.rejected, std::uint64_t(0));
    QCOMPARE(fixture.count("SELECT pid FROM events WHERE event_id = 'fields-3'"), qint64(3));
    QCOMPARE(fixture.text("SELECT process_name FROM events WHERE event_id = 'fields-3'"), std::string("sshd"));
    const std::string where = "event_id = 'fields-3'";
    QCOMPARE(fieldOf(fixture, where, "process.name"), std::string("\"sshd\""));
    QCOMPARE(fieldOf(fixture, where, "process.pid"), std::string("3"));
    QCOMPARE(fieldOf(fixture, where, "@timestamp"), std::string("\"2024-04-03T01:28:03.000Z\""));
    QCOMPARE(fieldOf(fixture, where, "process.args"), std::string("[\"/usr/sbin/sshd\"]"));
    QCOMPARE(fieldOf(fixture, where, "event.category"), std::string("[\"process\"]"));
    QCOMPARE(fieldOf(fixture, where, "host.ip"), std::string("[\"10.0.0.1\"]"));
    if (format != QLatin1String("ndjson-fields"))
        QCOMPARE(fixture.text("SELECT doc_id FROM events WHERE " + where), std::string("f3"));
}

void TestIngestFormats::eqlResponse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("duplicates");
    for (const char* compression : {"none", "gzip", "zstd"}) {
        QTest::addRow("events, %s", compression)
            << compress(eqlEventsResponse(4), QLatin1String(compression)) << 4 << 0;
        QTest::addRow("sequences, %s", compression)
            << compress(eqlSequencesResponse(), QLatin1String(compression)) << 4 << 2;
        QTest::addRow("two pages, %s", compression)
            << compress(eqlEventsResponse(3) + "\n" + eqlSequencesResponse(), QLatin1String(compression)) << 4 << 5;
    }
}

void TestIngestFormats::eqlResponse()
{
    QFETCH(QByteArray, input);
    QFETCH(int, events);
    QFETCH(int, duplicates);
    CaseFixture fixture;
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("eql.ndjson"), input));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("eql-response"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(events));
    QCOMPARE(source.duplicates, std::uint64_t(duplicates));
    QCOMPARE(source.rejected, std::uint64_t(0));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(events));
    QCOMPARE(fixture.count("SELECT count(DISTINCT doc_id) FROM events"), qint64(events));
    QCOMPARE(fixture.text("SELECT doc_index FROM events WHERE doc_id = 'e1'"), std::string("logs-endpoint"));
    QCOMPARE(QByteArray::fromStdString(
                 fixture.text("SELECT event_document(doc_block, doc_slot) FROM events WHERE doc_id = 'e1'")),
             ecsDocument(1));
}

void TestIngestFormats::kibanaCsvImport()
{
    CaseFixture fixture;
    spoor::ingest::ImportOptions options;
    options.timeZone = "UTC";
    const auto summary = fixture.importOne(
        fixture.writeInput(QStringLiteral("discover.json"), testData("kibana-discover.csv")), options);
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("kibana-csv"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(5));
    QCOMPARE(source.rejected, std::uint64_t(0));
    QCOMPARE(source.warnings, std::uint64_t(0));

    const std::string first = "doc_id = 'k1-aB3x'";
    QCOMPARE(fixture.count("SELECT timestamp_ns FROM events WHERE " + first), utcNs("2024-04-03T01:28:07.123Z"));
    QCOMPARE(fixture.text("SELECT doc_index FROM events WHERE " + first),
             std::string(".ds-logs-endpoint.events.process-default-2024.04.03-000001"));
    QCOMPARE(fixture.count("SELECT line FROM events WHERE " + first), qint64(2));
    QCOMPARE(fieldOf(fixture, first, "@timestamp"), std::string("\"2024-04-03T01:28:07.123000000Z\""));
    QCOMPARE(fieldOf(fixture, first, "process.pid"), std::string("4211"));
    QCOMPARE(fieldOf(fixture, first, "process.parent.pid"), std::string("1"));
    QCOMPARE(fieldOf(fixture, first, "process.args"), std::string("[\"/usr/sbin/sshd\",\"-D\"]"));
    QCOMPARE(fieldOf(fixture, first, "process.command_line"), std::string("\"/usr/sbin/sshd -D\""));
    QCOMPARE(fieldOf(fixture, first, "host.name"), std::string("\"web-01\""));
    QCOMPARE(fieldOf(fixture, first, "event.category"), std::string("\"process\""));
    QCOMPARE(fieldOf(fixture, first, "_id"), std::string("<absent>"));

    // A quoted cell keeps its line break and its doubled quotes become one.
    const std::string second = "doc_id = 'k2-Zq9w'";
    QCOMPARE(fixture.text("SELECT command_line FROM events WHERE " + second),
             std::string("bash -c \"echo a\necho \\\"b\\\"\""));
    QCOMPARE(fieldOf(fixture, second, "process.args"), std::string("[\"bash\",\"-c\",\"echo a\\necho \\\"b\\\"\"]"));
    QCOMPARE(fixture.count("SELECT line FROM events WHERE doc_id = 'k3-Lp0e'"), qint64(5));

    // Kibana's formula guard is undone; "-" means absent.
    const std::string third = "doc_id = 'k3-Lp0e'";
    QCOMPARE(fixture.text("SELECT command_line FROM events WHERE " + third), std::string("=cmd|' /C calc'!A0"));
    QCOMPARE(fieldOf(fixture, third, "process.parent.pid"), std::string("<absent>"));
    QCOMPARE(fieldOf(fixture, third, "process.parent.name"), std::string("<absent>"));

    const std::string fourth = "doc_id = 'k4-Mm2r'";
    QCOMPARE(fixture.count("SELECT timestamp_ns FROM events WHERE " + fourth), utcNs("2024-04-03T01:31:15.250Z"));
    QCOMPARE(fieldOf(fixture, fourth, "user.name"), std::string("<absent>"));
    QCOMPARE(fieldOf(fixture, fourth, "process.parent.pid"), std::string("4301"));

    const std::string fifth = "doc_id = 'k5-Tt7y'";
    QCOMPARE(fixture.count("SELECT pid FROM events WHERE " + fifth), qint64(12345678));
    QCOMPARE(fixture.text("SELECT category FROM events WHERE " + fifth), std::string("process,network"));
    QCOMPARE(fieldOf(fixture, fifth, "process.args"), std::string("[\"postgres\"]"));
}

void TestIngestFormats::kibanaCsvTimeZone_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("summerUtc");
    QTest::addColumn<QString>("winterUtc");
    QTest::newRow("none") << QString() << "2024-04-03T01:28:07.123Z"
                          << "2024-12-31T23:59:59.999Z";
    QTest::newRow("offset") << "+02:00"
                            << "2024-04-02T23:28:07.123Z"
                            << "2024-12-31T21:59:59.999Z";
    QTest::newRow("negative offset") << "-0530"
                                     << "2024-04-03T06:58:07.123Z"
                                     << "2025-01-01T05:29:59.999Z";
    QTest::newRow("Europe/Berlin") << "Europe/Berlin"
                                   << "2024-04-02T23:28:07.123Z"
                                   << "2024-12-31T22:59:59.999Z";
    QTest::newRow("America/New_York") << "America/New_York"
                                      << "2024-04-03T05:28:07.123Z"
                                      << "2025-01-01T04:59:59.999Z";
}

void TestIngestFormats::kibanaCsvTimeZone()
{
    QFETCH(QString, zone);
    QFETCH(QString, summerUtc);
    QFETCH(QString, winterUtc);
    if (!zone.contains(QLatin1Char('/')) || QFile::exists(QStringLiteral("/usr/share/zoneinfo/") + zone)) {
        CaseFixture fixture;
        spoor::ingest::ImportOptions options;
        options.timeZone = zone.toStdString();
        const auto summary = fixture.importOne(
            fixture.writeInput(QStringLiteral("discover.csv"), gzipped(testData("kibana-discover.csv"))), options);
        const auto& source = summary.sources.front();
        QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
        QCOMPARE(source.events, std::uint64_t(5));
        QCOMPARE(fixture.count("SELECT timestamp_ns FROM events WHERE doc_id = 'k1-aB3x'"),
                 utcNs(summerUtc.toLatin1().constData()));
        QCOMPARE(fixture.count("SELECT timestamp_ns FROM events WHERE doc_id = 'k5-Tt7y'"),
                 utcNs(winterUtc.toLatin1().constData()));
        // Without a zone the dates are read as UTC, and one warning reports it.
        const qint64 expectedWarnings = zone.isEmpty() ? 1 : 0;
        QCOMPARE(qint64(source.warnings), expectedWarnings);
        QCOMPARE(fixture.count("SELECT count(*) FROM import_errors WHERE reason = 'assumed-utc'"), expectedWarnings);
    } else {
        QSKIP("the TZ database is not installed under /usr/share/zoneinfo");
    }
}

void TestIngestFormats::kibanaCsvBadRecords()
{
    const QByteArray csv = "@timestamp,host.name,process.pid\n"
                           "2024-04-03T01:00:00Z,web-01,1\n"
                           "2024-04-03T01:00:01Z,web-01\n"
                           "2024-04-03T01:00:02Z,\"web-01\"x,3\n"
                           "not a date,web-01,4\n"
                           "2024-04-03T01:00:04Z,web-01,5\n"
                           "2024-04-03T01:00:05Z,\"web-01,6\n";
    CaseFixture fixture;
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("bad.csv"), csv));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("kibana-csv"));
    QCOMPARE(source.events, std::uint64_t(2));
    QCOMPARE(source.rejected, std::uint64_t(4));
    QCOMPARE(fixture.count("SELECT line FROM import_errors WHERE reason = 'wrong-column-count'"), qint64(3));
    QCOMPARE(fixture.count("SELECT count(*) FROM import_errors WHERE reason = 'invalid-csv'"), qint64(2));
    QCOMPARE(fixture.count("SELECT line FROM import_errors WHERE reason = 'invalid-timestamp'"), qint64(5));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE pid IN (1, 5)"), qint64(2));
}

void TestIngestFormats::kibanaCsvNoFinalLineBreak()
{
    // The last record ends the input without a line break, in every compression.
    QByteArray csv = "@timestamp,host.name,process.pid\n";
    for (int i = 0; i < 300; ++i)
        csv += "2024-04-03T01:00:" + QByteArray::number(i % 60).rightJustified(2, '0') + "Z,web-01," +
               QByteArray::number(i) + '\n';
    csv += "2024-04-03T02:00:00Z,\"db-02\",999";
    for (const char* compression : {"none", "gzip", "zstd"}) {
        CaseFixture fixture;
        const auto summary =
            fixture.importOne(fixture.writeInput(QStringLiteral("cut.csv"), compress(csv, QLatin1String(compression))));
        const auto& source = summary.sources.front();
        QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
        QCOMPARE(source.events, std::uint64_t(301));
        QCOMPARE(fixture.text("SELECT host_name FROM events WHERE pid = 999"), std::string("db-02"));
    }
}

void TestIngestFormats::kibanaCsvInvalidZone()
{
    CaseFixture fixture;
    spoor::ingest::ImportOptions options;
    options.timeZone = "Mars/Olympus_Mons";
    const auto summary =
        fixture.importOne(fixture.writeInput(QStringLiteral("discover.csv"), testData("kibana-discover.csv")), options);
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("failed"));
    QVERIFY2(source.message.find("Mars/Olympus_Mons") != std::string::npos, source.message.c_str());
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(0));
}

void TestIngestFormats::kibanaDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utc"); // empty: not a date
    QTest::addColumn<bool>("zoneApplied");
    QTest::newRow("kibana") << "Apr 1, 2024 @ 12:00:00.000"
                            << "2024-04-01T12:00:00Z" << true;
    QTest::newRow("kibana nanoseconds") << "Apr 1, 2024 @ 12:00:00.123456789"
                                        << "2024-04-01T12:00:00.123456789Z" << true;
    QTest::newRow("kibana no fraction") << "Dec 25, 2023 @ 07:05:09"
                                        << "2023-12-25T07:05:09Z" << true;
    QTest::newRow("full month name") << "September 9, 2024 @ 09:09:09.009"
                                     << "2024-09-09T09:09:09.009Z" << true;
    QTest::newRow("iso local") << "2024-04-01T12:00:00.5"
                               << "2024-04-01T12:00:00.5Z" << true;
    QTest::newRow("iso space") << "2024-04-01 12:00:00"
                               << "2024-04-01T12:00:00Z" << true;
    QTest::newRow("iso utc") << "2024-04-01T12:00:00.000Z"
                             << "2024-04-01T12:00:00Z" << false;
    QTest::newRow("iso offset") << "2024-04-01T14:00:00+02:00"
                                << "2024-04-01T12:00:00Z" << false;
    QTest::newRow("bad month") << "Foo 1, 2024 @ 12:00:00.000" << QString() << false;
    QTest::newRow("day 32") << "Apr 32, 2024 @ 12:00:00.000" << QString() << false;
    QTest::newRow("year out of range") << "Apr 1, 9999 @ 12:00:00.000" << QString() << false;
    QTest::newRow("ten fraction digits") << "Apr 1, 2024 @ 12:00:00.1234567890" << QString() << false;
    QTest::newRow("trailing text") << "Apr 1, 2024 @ 12:00:00.000 CET" << QString() << false;
    QTest::newRow("empty") << QString() << QString() << false;
}

void TestIngestFormats::kibanaDates()
{
    QFETCH(QString, text);
    QFETCH(QString, utc);
    QFETCH(bool, zoneApplied);
    const auto date = spoor::ingest::parseKibanaDate(text.toStdString(), spoor::ingest::TimeZone());
    QCOMPARE(date.has_value(), !utc.isEmpty());
    if (date) {
        QCOMPARE(date->utcNs, utcNs(utc.toLatin1().constData()));
        QCOMPARE(date->zoneApplied, zoneApplied);
    }
}

void TestIngestFormats::timeZoneConversion_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("local"); // written as UTC, read as local wall-clock time
    QTest::addColumn<QString>("utc");
    QTest::newRow("utc") << "UTC"
                         << "2024-07-01T12:00:00Z"
                         << "2024-07-01T12:00:00Z";
    QTest::newRow("offset with colon") << "+05:30"
                                       << "2024-07-01T12:00:00Z"
                                       << "2024-07-01T06:30:00Z";
    QTest::newRow("offset hours") << "-03"
                                  << "2024-07-01T12:00:00Z"
                                  << "2024-07-01T15:00:00Z";
    QTest::newRow("berlin summer") << "Europe/Berlin"
                                   << "2024-07-01T12:00:00Z"
                                   << "2024-07-01T10:00:00Z";
    QTest::newRow("berlin winter") << "Europe/Berlin"
                                   << "2024-01-15T12:00:00Z"
                                   << "2024-01-15T11:00:00Z";
    // 02:30 on 2024-03-31 does not exist in Berlin: the offset before the change (+01:00) applies.
    QTest::newRow("berlin gap") << "Europe/Berlin"
                                << "2024-03-31T02:30:00Z"
                                << "2024-03-31T01:30:00Z";
    // 02:30 on 2024-10-27 occurs twice in Berlin: the first occurrence (+02:00) is taken.
    QTest::newRow("berlin repeated hour") << "Europe/Berlin"
                                          << "2024-10-27T02:30:00Z"
                                          << "2024-10-27T00:30:00Z";
    QTest::newRow("new york summer") << "America/New_York"
                                     << "2024-07-01T12:00:00Z"
                                     << "2024-07-01T16:00:00Z";
    QTest::newRow("kolkata") << "Asia/Kolkata"
                             << "2024-07-01T12:00:00Z"
                             << "2024-07-01T06:30:00Z";
    QTest::newRow("fixed zone file") << "Etc/GMT+5"
                                     << "2024-07-01T12:00:00Z"
                                     << "2024-07-01T17:00:00Z";
}

void TestIngestFormats::timeZoneConversion()
{
    QFETCH(QString, zone);
    QFETCH(QString, local);
    QFETCH(QString, utc);
    if (zone.contains(QLatin1Char('/')) && !QFile::exists(QStringLiteral("/usr/share/zoneinfo/") + zone))
        QSKIP("the TZ database is not installed under /usr/share/zoneinfo");
    std::string error;
    const auto timeZone = spoor::ingest::TimeZone::load(zone.toStdString(), error);
    QVERIFY2(timeZone.has_value(), error.c_str());
    QCOMPARE(timeZone->toUtc(utcNs(local.toLatin1().constData())), utcNs(utc.toLatin1().constData()));
}

void TestIngestFormats::timeZoneRejectsNames()
{
    for (const char* name : {"../../etc/passwd", "/etc/localtime", "Europe/Nowhere", "+25:00", "+2:0", "CEST!", ""}) {
        std::string error;
        const auto zone = spoor::ingest::TimeZone::load(name, error);
        QVERIFY2(!zone.has_value(), name);
        QVERIFY2(!error.empty(), name);
    }
    std::string error;
    QVERIFY(!spoor::ingest::TimeZone::load("Europe", error).has_value());
}

void TestIngestFormats::sysmonMapping()
{
    CaseFixture fixture;
    const auto summary =
        fixture.importOne(fixture.writeInput(QStringLiteral("sysmon.json"), testData("sysmon-sshd.log")));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("sysmon-syslog"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(3));

    const std::string create = "line = 1";
    const struct
    {
        const char* path;
        const char* json;
    } processCreate[] = {
        {"@timestamp", "\"2024-04-03T01:28:07.125Z\""},
        {"event.code", "\"1\""},
        {"event.category", "[\"process\"]"},
        {"event.type", "[\"start\"]"},
        {"event.action", "\"Process Create\""},
        {"event.kind", "\"event\""},
        {"event.provider", "\"Linux-Sysmon\""},
        {"event.created", "\"2024-04-03T01:28:07.130412000Z\""},
        {"event.dataset", "\"sysmon_linux.log\""},
        {"host.name", "\"bastion-1\""},
        {"host.os.type", "\"linux\""},
        {"user.name", "\"deploy\""},
        {"process.entity_id", "\"{4b1e2c55-a1f7-660c-b1d3-8f6e01000000}\""},
        {"process.pid", "4230"},
        {"process.executable", "\"/usr/bin/bash\""},
        {"process.name", "\"bash\""},
        {"process.command_line", "\"bash -c echo \\\"a<b&c>'d'\\\" \u00e9\u2713\""},
        {"process.args", "[\"bash\",\"-c\",\"echo\",\"\\\"a<b&c>'d'\\\"\",\"\u00e9\u2713\"]"},
        {"process.args_count", "5"},
        {"process.working_directory", "\"/home/deploy\""},
        {"process.hash.sha256", "\"2f1b9a2e5c1d0e4f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b\""},
        {"process.hash.md5", "\"0cc175b9c0f1b6a831c399e269772661\""},
        {"process.parent.entity_id", "\"{4b1e2c55-a1f6-660c-c5c1-2d3f01000000}\""},
        {"process.parent.pid", "4211"},
        {"process.parent.executable", "\"/usr/sbin/sshd\""},
        {"process.parent.name", "\"sshd\""},
        {"process.parent.command_line", "\"sshd: deploy@pts/0\""},
        {"process.parent.user.name", "\"root\""},
        {"process.exit_code", "<absent>"},
        {"rule.name", "<absent>"},
        {"winlog.event_id", "\"1\""},
        {"winlog.record_id", "\"101\""},
        {"winlog.computer_name", "\"bastion-1\""},
        {"winlog.process.pid", "812"},
        {"winlog.user.identifier", "\"0\""},
        {"winlog.event_data.LogonId", "\"1000\""},
        {"log.syslog.hostname", "\"bastion-1\""},
        {"log.syslog.appname", "\"sysmon\""},
        {"log.syslog.procid", "\"812\""},
    };
    for (const auto& field : processCreate)
        QCOMPARE(QString::fromStdString(fieldOf(fixture, create, field.path)), QString::fromUtf8(field.json));

    const std::string connect = "line = 2";
    const struct
    {
        const char* path;
        const char* json;
    } networkConnect[] = {
        {"@timestamp", "\"2024-04-03T01:28:07.998Z\""},
        {"event.category", "[\"network\"]"},
        {"event.type", "[\"start\",\"connection\"]"},
        {"source.ip", "\"10.0.4.17\""},
        {"source.port", "50412"},
        {"source.domain", "<absent>"},
        {"destination.ip", "\"203.0.113.9\""},
        {"destination.port", "4444"},
        {"network.transport", "\"tcp\""},
        {"network.direction", "\"egress\""},
        {"network.type", "\"ipv4\""},
        {"process.entity_id", "\"{4b1e2c55-a1f7-660c-b1d3-8f6e01000000}\""},
        {"process.name", "\"bash\""},
    };
    for (const auto& field : networkConnect)
        QCOMPARE(QString::fromStdString(fieldOf(fixture, connect, field.path)), QString::fromUtf8(field.json));

    const std::string terminate = "line = 3";
    QCOMPARE(fieldOf(fixture, terminate, "event.type"), std::string("[\"end\"]"));
    QCOMPARE(fieldOf(fixture, terminate, "event.action"), std::string("\"Process terminated\""));
    QCOMPARE(fieldOf(fixture, terminate, "process.pid"), std::string("4230"));
    QCOMPARE(fieldOf(fixture, terminate, "process.exit_code"), std::string("<absent>"));
    QCOMPARE(fixture.text("SELECT entity_id || '|' || pid || '|' || host_name || '|' || user_name || '|' || "
                          "event_type FROM events WHERE line = 3"),
             std::string("{4b1e2c55-a1f7-660c-b1d3-8f6e01000000}|4230|bastion-1|deploy|end"));
}

void TestIngestFormats::sysmonBadRecords()
{
    CaseFixture fixture;
    const auto summary =
        fixture.importOne(fixture.writeInput(QStringLiteral("sysmon.log"), testData("sysmon-sshd.log")));
    const auto& source = summary.sources.front();
    QCOMPARE(source.rejected, std::uint64_t(2));
    QCOMPARE(source.rejectedByReason.at("invalid-xml"), std::uint64_t(2));
    QCOMPARE(fixture.count("SELECT line FROM import_errors WHERE message LIKE '%&bogus;%'"), qint64(4));
    QCOMPARE(fixture.count("SELECT line FROM import_errors WHERE message LIKE '%not closed%'"), qint64(5));
}

void TestIngestFormats::sysmonCorpusExcerpt()
{
    SPOOR_REQUIRE_SHARED(path, "corpus/elastic-integrations/packages/sysmon_linux/_dev/deploy/docker/sample_logs/"
                               "sysmon.excerpt.log");
    CaseFixture fixture;
    const auto summary = fixture.importOne(path);
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("sysmon-syslog"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(6));
    QCOMPARE(source.rejected, std::uint64_t(1));
    QCOMPARE(source.rejectedByReason.at("not-an-event"), std::uint64_t(1));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE category = 'process' AND event_type = 'end'"), qint64(3));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE category = 'network'"), qint64(2));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE host_name = 'james-ubuntu-demo'"), qint64(6));

    // The first event: entities decoded, the all-zero ProcessGuid left out, UtcTime as @timestamp.
    QCOMPARE(fieldOf(fixture, "line = 2", "process.executable"), std::string("\"<unknown process>\""));
    QCOMPARE(fieldOf(fixture, "line = 2", "process.name"), std::string("<absent>"));
    QCOMPARE(fieldOf(fixture, "line = 2", "process.entity_id"), std::string("<absent>"));
    QCOMPARE(fieldOf(fixture, "line = 2", "@timestamp"), std::string("\"2021-10-24T17:05:38.421Z\""));
    // As Elastic's sysmon_linux integration maps it: ProcessGuid to entity_id, pid, executable as written.
    QCOMPARE(fieldOf(fixture, "line = 7", "process.entity_id"),
             std::string("\"{d65774de-8d1e-6175-0000-000000000000}\""));
    QCOMPARE(fieldOf(fixture, "line = 7", "process.pid"), std::string("783"));
    QCOMPARE(fieldOf(fixture, "line = 7", "process.executable"),
             std::string(
                 "\"/opt/Elastic/Agent/data/elastic-agent-5ae799/install/osquerybeat-7.15.1-linux-x86_64/osqueryd\""));
    QCOMPARE(fieldOf(fixture, "line = 7", "user.name"), std::string("\"root\""));
    QCOMPARE(fieldOf(fixture, "line = 4", "process.executable"), std::string("\"(null)\""));
    // The process create event carries "-" everywhere, so only the ids remain.
    QCOMPARE(fieldOf(fixture, "line = 3", "process.command_line"), std::string("<absent>"));
    QCOMPARE(fieldOf(fixture, "line = 3", "process.pid"), std::string("3100"));
    QCOMPARE(fieldOf(fixture, "line = 3", "process.parent.pid"), std::string("0"));
    QCOMPARE(fieldOf(fixture, "line = 5", "destination.ip"), std::string("\"169.254.169.254\""));
    QCOMPARE(fieldOf(fixture, "line = 5", "destination.port"), std::string("80"));
}

void TestIngestFormats::sysmonMatchesElasticMapping()
{
    SPOOR_REQUIRE_SHARED(logPath, "corpus/elastic-integrations/packages/sysmon_linux/_dev/deploy/docker/sample_logs/"
                                  "sysmon.excerpt.log");
    SPOOR_REQUIRE_SHARED(expectedPath,
                         "corpus/elastic-integrations/packages/sysmon_linux/data_stream/log/_dev/test/pipeline/"
                         "test-sysmon.json-expected.json");
    QFile expectedFile(expectedPath);
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const auto expectedJson = nlohmann::json::parse(expectedFile.readAll().toStdString(), nullptr, false);
    QVERIFY(expectedJson.contains("expected"));
    const spoor::ecs::Event expectedEvent = spoor::ecs::flatten(expectedJson["expected"].front());

    CaseFixture fixture;
    fixture.importOne(logPath);
    // Record 24 of the pipeline test is line 7 of the log. Elastic's pipeline sets process.name to the syslog
    // program ("sysmon") and event.action to "log"; Spoor takes the name from Image and the action from the
    // event id, and the test input's dates differ from the log's, so those fields are left out.
    const std::string where = "line = 7";
    for (const char* path :
         {"event.code", "event.category", "event.kind", "event.provider", "event.type", "host.hostname", "log.level",
          "process.entity_id", "process.executable", "process.pid", "winlog.channel", "winlog.computer_name",
          "winlog.event_id", "winlog.opcode", "winlog.process.pid", "winlog.process.thread.id", "winlog.provider_guid",
          "winlog.record_id", "winlog.version"}) {
        const spoor::ecs::Value* value = expectedEvent.find(path);
        const std::string expected = value ? value->toJson() : "<absent>";
        QVERIFY2(expected != "<absent>", path);
        QCOMPARE(QString::fromStdString(fieldOf(fixture, where, path)), QString::fromStdString(expected));
    }
}

void TestIngestFormats::detectsByContent_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("events");
    QByteArray fields;
    for (int i = 0; i < 3; ++i)
        fields += fieldsObject(i) + '\n';
    const struct
    {
        const char* name;
        QByteArray input;
        const char* format;
        int events;
    } cases[] = {
        {"fields objects", fields, "ndjson-fields", 3},
        {"eql response", eqlEventsResponse(2), "eql-response", 2},
        {"kibana csv", testData("kibana-discover.csv"), "kibana-csv", 5},
        {"sysmon", testData("sysmon-sshd.log"), "sysmon-syslog", 3},
    };
    for (const auto& c : cases) {
        for (const char* compression : {"none", "gzip", "zstd"}) {
            QTest::addRow("%s, %s", c.name, compression)
                << compress(c.input, QLatin1String(compression)) << QString::fromLatin1(c.format) << c.events;
        }
    }
}

void TestIngestFormats::detectsByContent()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, format);
    QFETCH(int, events);
    // Every file name suggests another format.
    for (const char* name : {"dump.ndjson", "export.csv.gz", "sysmon.log.zst", "response.json"}) {
        CaseFixture fixture;
        const auto summary = fixture.importOne(fixture.writeInput(QLatin1String(name), input));
        const auto& source = summary.sources.front();
        QCOMPARE(QString::fromStdString(source.format), format);
        QCOMPARE(source.events, std::uint64_t(events));
    }
}

void TestIngestFormats::rejectsUnsupportedText()
{
    const struct
    {
        const char* name;
        QByteArray input;
        const char* seen;
    } cases[] = {
        {"plain.csv", "Apr  3 01:28:07 web-01 sshd[4211]: Accepted publickey for root\n", "Accepted publickey"},
        {"sentence.csv", "time of day, host name\n12:00, web-01\n", "time of day"},
        {"xml.log", "<Events><Event>1</Event></Events>\n", "<Events>"},
    };
    for (const auto& c : cases) {
        CaseFixture fixture;
        const auto summary = fixture.importOne(fixture.writeInput(QLatin1String(c.name), c.input));
        const auto& source = summary.sources.front();
        QCOMPARE(QString::fromStdString(source.status), QStringLiteral("failed"));
        QVERIFY2(source.message.starts_with("not a supported format ("), source.message.c_str());
        QVERIFY2(source.message.find(c.seen) != std::string::npos, source.message.c_str());
    }
}

void TestIngestFormats::capabilitiesOfFormats()
{
    for (const char* format : {"ndjson-fields", "eql-response", "kibana-csv", "sysmon-syslog"})
        QVERIFY2(spoor::ingest::sourceCapabilities(format) != nullptr, format);
    QVERIFY(spoor::ingest::sourceCapabilities("eql-response")->fieldsAsRecorded);
    QVERIFY(!spoor::ingest::sourceCapabilities("kibana-csv")->gaps.empty());

    const auto* sysmon = spoor::ingest::sourceCapabilities("sysmon-syslog");
    QVERIFY(!sysmon->fieldsAsRecorded);
    const auto has = [](const std::vector<std::string>& list, const char* field) {
        return std::find(list.begin(), list.end(), field) != list.end();
    };
    QVERIFY(has(sysmon->fields, "process.entity_id"));
    QVERIFY(has(sysmon->fields, "process.parent.entity_id"));
    QVERIFY(!has(sysmon->fields, "process.exit_code"));
    QVERIFY(!has(sysmon->fields, "event.ingested"));
    QVERIFY(!has(sysmon->derived, "process.entity_id"));
    QVERIFY(has(sysmon->derived, "process.name"));
    QVERIFY(std::any_of(sysmon->gaps.begin(), sysmon->gaps.end(),
                        [](const std::string& gap) { return gap.find("exit_code") != std::string::npos; }));
}

QTEST_GUILESS_MAIN(TestIngestFormats)
