#include "test_ingest_formats.h"

#include "ecs/document_parser.h"
#include "ingest_fixture.h"

#include <QTest>

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
    if (!parser.parse(fixture.text("SELECT document FROM events WHERE " + where), event))
        return QStringLiteral("<not a JSON object>");
    QStringList lines;
    for (const auto& [path, value] : event.fields())
        lines << QString::fromStdString(path + '=' + value.toJson());
    return lines.join(QLatin1Char('\n'));
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
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE document LIKE '{\"delete\"%'"), qint64(0));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE document LIKE '{\"doc\"%'"), qint64(0));
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

QTEST_GUILESS_MAIN(TestIngestFormats)
