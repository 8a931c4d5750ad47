#include "test_ingest.h"

#include "common/shared_data.h"
#include "ingest/sha256.h"
#include "ingest_fixture.h"

#include <QDir>
#include <QTest>
#include <atomic>

using spoor::ingest::ImportOptions;
using spoor::ingest::ImportSummary;

namespace {

const QByteArray prettyDocument = R"({
  "@timestamp": "2020-03-03T19:08:32.74626000Z",
  "event": {
    "id": "pretty-1",
    "category": ["process"]
  },
  "host": {"id": "host-9"}
}
)";

QByteArray compress(const QByteArray& bytes, const QString& compression)
{
    if (compression == QLatin1String("gzip"))
        return gzipped(bytes);
    if (compression == QLatin1String("zstd"))
        return zstdCompressed(bytes);
    return bytes;
}

QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

// Returns reproducible pseudo-random bytes, as in compressed or encrypted data without a known magic.
QByteArray randomBytes(int size)
{
    QByteArray bytes(size, '\0');
    std::uint32_t state = 2463534242u;
    for (char& byte : bytes) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        byte = static_cast<char>(state & 0xff);
    }
    return bytes;
}

// Encodes ASCII text as UTF-16, little- or big-endian, with or without a byte order mark.
QByteArray utf16(const QByteArray& ascii, bool littleEndian, bool byteOrderMark)
{
    QByteArray encoded;
    if (byteOrderMark)
        encoded = littleEndian ? "\xff\xfe" : "\xfe\xff";
    for (const char c : ascii) {
        encoded += littleEndian ? c : '\0';
        encoded += littleEndian ? '\0' : c;
    }
    return encoded;
}

} // namespace

void TestIngest::importsFormat_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("events");

    QByteArray bulk;
    for (int i = 0; i < 3; ++i)
        bulk += R"({"index":{"_index":"logs","_id":"b)" + QByteArray::number(i) + "\"}}\n" + ecsDocument(i) + '\n';
    QByteArray array = "[\n";
    for (int i = 0; i < 4; ++i)
        array += (i ? ",\n" : "") + ecsDocument(i);
    array += "\n]\n";

    const struct
    {
        const char* name;
        QByteArray input;
        const char* format;
        int events;
    } cases[] = {
        {"ndjson documents", ndjsonDocuments(5), "ndjson", 5},
        {"ndjson hits", ndjsonHits(4), "ndjson-hits", 4},
        {"search response", searchResponse(6), "search-response", 6},
        {"two search pages", searchResponse(3) + "\n" + searchResponse(2, 3) + "\n", "search-response", 5},
        {"json array", array, "json-array", 4},
        {"pretty document", prettyDocument, "json", 1},
        {"concatenated pretty documents", prettyDocument + QByteArray(prettyDocument).replace("pretty-1", "pretty-2"),
         "json", 2},
        {"bulk", bulk, "bulk", 3},
    };
    for (const auto& c : cases) {
        for (const char* compression : {"none", "gzip", "zstd"}) {
            QTest::addRow("%s, %s", c.name, compression)
                << compress(c.input, QLatin1String(compression)) << QString::fromLatin1(c.format) << c.events;
        }
    }
}

void TestIngest::importsFormat()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, format);
    QFETCH(int, events);
    const QString compression = QString::fromLatin1(QTest::currentDataTag()).section(QStringLiteral(", "), -1);
    CaseFixture fixture;
    const ImportSummary summary = fixture.importOne(fixture.writeInput(QStringLiteral("input.dump"), input));
    QCOMPARE(summary.sources.size(), std::size_t(1));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(QString::fromStdString(source.format), format);
    QCOMPARE(QString::fromStdString(source.compression), compression);
    QCOMPARE(source.events, std::uint64_t(events));
    QCOMPARE(source.rejected, std::uint64_t(0));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(events));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE timestamp_ns IS NULL"), qint64(0));
}

void TestIngest::storesDocumentVerbatim_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("docId");
    QTest::addColumn<qint64>("byteOffset");
    QTest::newRow("ndjson") << ndjsonDocuments(2) << QString() << qint64(ecsDocument(0).size() + 1);
    const qint64 hitOffset = ndjsonHits(1).size() + ndjsonHits(1, 1).indexOf("\"_source\":") + 10;
    QTest::newRow("hits") << ndjsonHits(2) << QStringLiteral("id-1") << hitOffset;
    const QByteArray response = searchResponse(2);
    const qint64 searchOffset = response.indexOf(ecsDocument(1));
    QTest::newRow("search response") << response << QStringLiteral("id-1") << searchOffset;
}

void TestIngest::storesDocumentVerbatim()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, docId);
    QFETCH(qint64, byteOffset);
    CaseFixture fixture;
    fixture.importOne(fixture.writeInput(QStringLiteral("input.json"), input));
    const std::string where = " FROM events WHERE event_id = 'event-1'";
    QCOMPARE(QByteArray::fromStdString(fixture.text("SELECT event_document(doc_block, doc_slot)" + where)), ecsDocument(1));
    QCOMPARE(fixture.count("SELECT byte_offset" + where), byteOffset);
    if (docId.isEmpty())
        QCOMPARE(fixture.count("SELECT doc_id IS NULL" + where), qint64(1));
    else
        QCOMPARE(QString::fromStdString(fixture.text("SELECT doc_id" + where)), docId);
}

void TestIngest::extractsHotColumns()
{
    CaseFixture fixture;
    fixture.importOne(fixture.writeInput(QStringLiteral("one.ndjson"), ecsDocument(7) + '\n'));
    const std::string from = " FROM events";
    QCOMPARE(fixture.count("SELECT timestamp_ns" + from), qint64(1712107687123456700));
    QCOMPARE(fixture.count("SELECT ingested_ns" + from), qint64(1712107740000000000));
    QCOMPARE(fixture.count("SELECT sequence" + from), qint64(7));
    QCOMPARE(fixture.text("SELECT category" + from), std::string("process"));
    QCOMPARE(fixture.text("SELECT event_type" + from), std::string("start"));
    QCOMPARE(fixture.text("SELECT action" + from), std::string("exec"));
    QCOMPARE(fixture.text("SELECT dataset" + from), std::string("endpoint.events.process"));
    QCOMPARE(fixture.text("SELECT host_id" + from), std::string("host-1"));
    QCOMPARE(fixture.text("SELECT os_type" + from), std::string("linux"));
    QCOMPARE(fixture.text("SELECT user_id" + from), std::string("0"));
    QCOMPARE(fixture.text("SELECT typeof(user_id)" + from), std::string("text"));
    QCOMPARE(fixture.count("SELECT pid" + from), qint64(7));
    QCOMPARE(fixture.count("SELECT parent_pid" + from), qint64(1));
    QCOMPARE(fixture.text("SELECT parent_name" + from), std::string("sshd"));
    QCOMPARE(fixture.count("SELECT line" + from), qint64(1));
}

void TestIngest::readsDottedKeysAndFallbacks()
{
    CaseFixture fixture;
    const QByteArray document = R"({"@timestamp":1712107697000,"process.pid":"42","event.dataset":"auditd.log",)"
                                R"("event":{"category":["process","network"],"ingested":"1712107698000"}})";
    fixture.importOne(fixture.writeInput(QStringLiteral("dotted.ndjson"), document + '\n'));
    QCOMPARE(fixture.count("SELECT timestamp_ns FROM events"), qint64(1712107697000000000));
    QCOMPARE(fixture.count("SELECT ingested_ns FROM events"), qint64(1712107698000000000));
    QCOMPARE(fixture.count("SELECT pid FROM events"), qint64(42));
    QCOMPARE(fixture.text("SELECT dataset FROM events"), std::string("auditd.log"));
    QCOMPARE(fixture.text("SELECT category FROM events"), std::string("process,network"));
}

void TestIngest::recordsBadLine_data()
{
    QTest::addColumn<QByteArray>("badLine");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("eventKept");

    QTest::newRow("invalid json") << QByteArray(R"({"@timestamp": "2024-04-03T01:28:14Z", oops})")
                                  << QStringLiteral("invalid-json") << QString() << false;
    QTest::newRow("not an object") << QByteArray(R"(["a", "b"])") << QStringLiteral("not-an-object") << QString()
                                   << false;
    QTest::newRow("missing timestamp") << QByteArray(R"({"event": {"id": "x"}})") << QStringLiteral("missing-timestamp")
                                       << QStringLiteral("@timestamp") << false;
    QTest::newRow("invalid timestamp") << QByteArray(R"({"@timestamp": "yesterday"})")
                                       << QStringLiteral("invalid-timestamp") << QStringLiteral("@timestamp") << false;
    QTest::newRow("nested 100000 deep") << R"({"@timestamp":"2024-04-03T01:28:14Z","a":)" + nestedArrays(100000) + "}"
                                        << QStringLiteral("too-deep") << QString() << false;
    QTest::newRow("invalid utf-8") << QByteArray("{\"@timestamp\":\"2024-04-03T01:28:14Z\",\"m\":\"a\xff\xfe b\"}")
                                   << QStringLiteral("invalid-utf8") << QString() << true;
    QTest::newRow("wrong type") << QByteArray(R"({"@timestamp":"2024-04-03T01:28:14Z","process":{"pid":"abc"}})")
                                << QStringLiteral("wrong-type") << QStringLiteral("process.pid") << true;
    // One NUL near the start of a small file must cost that line alone, not make the file count as binary.
    QTest::newRow("stray NUL byte") << QByteArray(R"({"@timestamp":"2024-04-03T01:28:14Z","m":"a)") + '\0' + "b\"}"
                                    << QStringLiteral("invalid-json") << QString() << false;
}

void TestIngest::recordsBadLine()
{
    QFETCH(QByteArray, badLine);
    QFETCH(QString, reason);
    QFETCH(QString, field);
    QFETCH(bool, eventKept);
    CaseFixture fixture;
    const QByteArray input = ndjsonDocuments(2) + badLine + '\n' + ndjsonDocuments(2, 2);
    std::vector<spoor::ingest::ImportError> reported;
    ImportOptions options;
    options.error = [&](const spoor::ingest::ImportError& error) { reported.push_back(error); };
    const ImportSummary summary = fixture.importOne(fixture.writeInput(QStringLiteral("bad.ndjson"), input), options);

    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(eventKept ? 5 : 4));
    QCOMPARE(source.rejected, std::uint64_t(eventKept ? 0 : 1));
    QCOMPARE(source.warnings, std::uint64_t(eventKept ? 1 : 0));
    QCOMPARE(reported.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(reported.front().reason), reason);
    QCOMPARE(QString::fromStdString(reported.front().field), field);
    QCOMPARE(reported.front().line, std::uint64_t(3));
    QCOMPARE(reported.front().eventKept, eventKept);
    QVERIFY(!reported.front().message.empty());
    QCOMPARE(
        fixture.count("SELECT count(*) FROM import_errors WHERE line = 3 AND reason = '" + reason.toStdString() + "'"),
        qint64(1));
    QCOMPARE(fixture.count("SELECT length(excerpt) FROM import_errors"), qint64(std::min(200, int(badLine.size()))));
}

void TestIngest::replacesInvalidUtf8()
{
    CaseFixture fixture;
    const QByteArray line = "{\"@timestamp\":\"2024-04-03T01:28:14Z\",\"m\":\"a\xff"
                            "b\"}\n";
    fixture.importOne(fixture.writeInput(QStringLiteral("utf8.ndjson"), line));
    QCOMPARE(QByteArray::fromStdString(fixture.text("SELECT event_document(doc_block, doc_slot) FROM events")),
             QByteArray("{\"@timestamp\":\"2024-04-03T01:28:14Z\",\"m\":\"a\xef\xbf\xbd"
                        "b\"}"));
}

void TestIngest::rejectsTruncatedLastLine()
{
    CaseFixture fixture;
    QByteArray input = ndjsonDocuments(3);
    input.chop(40);
    std::vector<spoor::ingest::ImportError> reported;
    ImportOptions options;
    options.error = [&](const spoor::ingest::ImportError& error) { reported.push_back(error); };
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("cut.ndjson"), input), options);
    QCOMPARE(summary.sources.front().events, std::uint64_t(2));
    QCOMPARE(reported.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(reported.front().reason), QStringLiteral("invalid-json"));
    QCOMPARE(reported.front().line, std::uint64_t(3));
    QVERIFY(reported.front().message.find("truncated") != std::string::npos);
}

void TestIngest::rejectsLongLine()
{
    CaseFixture fixture;
    QByteArray longLine = R"({"@timestamp":"2024-04-03T01:28:14Z","pad":")";
    longLine += QByteArray(70 * 1000 * 1000, 'x') + "\"}\n";
    const QByteArray input = ndjsonDocuments(1) + longLine + ndjsonDocuments(1, 1);
    const QString path = fixture.writeInput(QStringLiteral("long.ndjson"), input);
    longLine.clear();
    const auto summary = fixture.importOne(path);
    const auto& source = summary.sources.front();
    QCOMPARE(source.events, std::uint64_t(2));
    QCOMPARE(source.rejected, std::uint64_t(1));
    QCOMPARE(source.rejectedByReason.count("line-too-long"), std::size_t(1));
    QCOMPARE(fixture.count("SELECT line FROM import_errors"), qint64(2));
    QCOMPARE(fixture.count("SELECT line FROM events WHERE event_id = 'event-1'"), qint64(3));
}

void TestIngest::rejectsDeepArrayElement()
{
    CaseFixture fixture;
    const QByteArray input = "[" + ecsDocument(0) + ",\n" + nestedArrays(100000) + ",\n" + ecsDocument(1) + "]";
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("deep.json"), input));
    const auto& source = summary.sources.front();
    QCOMPARE(source.events, std::uint64_t(2));
    QCOMPARE(source.rejectedByReason.count("too-deep"), std::size_t(1));
    QCOMPARE(fixture.count("SELECT line FROM import_errors"), qint64(2));
}

void TestIngest::rejectsUnsupportedFile_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("seen");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty file");
    QTest::newRow("binary") << QByteArray("\x7f"
                                          "ELF\x02\x01\x01\x00\x00\x00",
                                          10)
                            << QStringLiteral("first bytes 7f 45 4c 46");
    QTest::newRow("csv") << QByteArray("timestamp,host\n2024-04-03,web-01\n") << QStringLiteral("timestamp,host");
    QTest::newRow("random bytes") << randomBytes(4096) << QStringLiteral("binary data, first bytes");
    QTest::newRow("text with a control byte")
        << QByteArray("timestamp host\x01\n2024-04-03 web-01\n") << QStringLiteral("binary data, first bytes 74 69");
    QTest::newRow("utf-16le with bom") << utf16(ndjsonDocuments(3), true, true) << QStringLiteral("UTF-16 text");
    QTest::newRow("utf-16be with bom") << utf16(ndjsonDocuments(3), false, true) << QStringLiteral("UTF-16 text");
    QTest::newRow("utf-16le without bom") << utf16(ndjsonDocuments(3), true, false)
                                          << QStringLiteral("iconv -f UTF-16 -t UTF-8");
    QTest::newRow("utf-32le with bom") << QByteArray("\xff\xfe\0\0{\0\0\0\"\0\0\0", 12)
                                       << QStringLiteral("iconv -f UTF-32 -t UTF-8");
    QTest::newRow("empty gzip") << gzipped(QByteArray()) << QStringLiteral("empty file");
}

void TestIngest::rejectsUnsupportedFile()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, seen);
    CaseFixture fixture;
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("file.bin"), input));
    const auto& source = summary.sources.front();
    QVERIFY(summary.anyFailed());
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("failed"));
    QVERIFY2(source.message.starts_with("not a supported format ("), source.message.c_str());
    QVERIFY2(QString::fromStdString(source.message).contains(seen), source.message.c_str());
    QCOMPARE(fixture.text("SELECT status FROM sources"), std::string("failed"));
}

void TestIngest::marksTruncatedStream_data()
{
    QTest::addColumn<QString>("compression");
    QTest::newRow("gzip") << QStringLiteral("gzip");
    QTest::newRow("zstd") << QStringLiteral("zstd");
}

void TestIngest::marksTruncatedStream()
{
    QFETCH(QString, compression);
    CaseFixture fixture;
    QByteArray input = compress(ndjsonDocuments(2000), compression);
    input.truncate(input.size() / 2);
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("cut.gz"), input));
    const auto& source = summary.sources.front();
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("incomplete"));
    QVERIFY2(source.message.find("decompressed byte offset") != std::string::npos, source.message.c_str());
    QVERIFY(source.events > 100);
    QVERIFY(source.events < 2000);
    QVERIFY(source.rejected <= 1);
    QCOMPARE(fixture.text("SELECT status FROM sources"), std::string("incomplete"));
    QVERIFY(!summary.anyFailed());
}

void TestIngest::readsMultiMemberGzip()
{
    CaseFixture fixture;
    const QByteArray input = gzipped(ndjsonDocuments(3)) + gzipped(ndjsonDocuments(4, 3));
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("multi.gz"), input));
    QCOMPARE(QString::fromStdString(summary.sources.front().status), QStringLiteral("complete"));
    QCOMPARE(summary.sources.front().events, std::uint64_t(7));
}

void TestIngest::skipsDuplicates_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("duplicates");
    QTest::newRow("identical documents") << ndjsonDocuments(3) + ndjsonDocuments(2) << 3 << 2;
    QByteArray sameHitId = ndjsonHits(2);
    sameHitId += QByteArray(ndjsonHits(1)).replace("event-0", "event-other");
    QTest::newRow("same _index and _id") << sameHitId << 2 << 1;
    QTest::newRow("same event.id on one host")
        << ndjsonDocuments(2) + QByteArray(ecsDocument(1)).replace("\"sequence\":1", "\"sequence\":99") + '\n'
        << 2 << 1;
    QTest::newRow("same event.id without host.id")
        << QByteArray(ecsDocument(1)).replace(R"("id":"host-1",)", "") + '\n' +
               QByteArray(ecsDocument(1)).replace(R"("id":"host-1",)", "").replace("\"sequence\":1", "\"sequence\":2") +
               '\n'
        << 2 << 0;
    QTest::newRow("same event.id on two hosts")
        << ndjsonDocuments(2) + QByteArray(ecsDocument(1)).replace("host-1", "host-2") + '\n'
        << 3 << 0;
}

void TestIngest::skipsDuplicates()
{
    QFETCH(QByteArray, input);
    QFETCH(int, events);
    QFETCH(int, duplicates);
    CaseFixture fixture;
    const auto summary = fixture.importOne(fixture.writeInput(QStringLiteral("dups.ndjson"), input));
    QCOMPARE(summary.sources.front().events, std::uint64_t(events));
    QCOMPARE(summary.sources.front().duplicates, std::uint64_t(duplicates));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(events));
    QCOMPARE(fixture.count("SELECT duplicates FROM sources"), qint64(duplicates));
}

void TestIngest::skipsReimport()
{
    CaseFixture fixture;
    const QString path = fixture.writeInput(QStringLiteral("once.ndjson"), ndjsonDocuments(4));
    fixture.importOne(path);
    const auto second = fixture.importOne(path);
    QCOMPARE(QString::fromStdString(second.sources.front().status), QStringLiteral("skipped"));
    QCOMPARE(second.events(), std::uint64_t(0));
    QCOMPARE(fixture.count("SELECT count(*) FROM sources"), qint64(1));

    ImportOptions force;
    force.force = true;
    const auto forced = fixture.importOne(path, force);
    QCOMPARE(QString::fromStdString(forced.sources.front().status), QStringLiteral("complete"));
    QCOMPARE(forced.sources.front().duplicates, std::uint64_t(4));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(4));
}

void TestIngest::storesSourceHash()
{
    CaseFixture fixture;
    const QString path = fixture.writeInput(QStringLiteral("hash.ndjson.zst"), zstdCompressed(ndjsonDocuments(3)));
    fixture.importOne(path);
    QCOMPARE(fixture.text("SELECT sha256 FROM sources"), spoor::ingest::sha256OfFile(path.toStdString()));
    QCOMPARE(fixture.text("SELECT status FROM sources"), std::string("complete"));
    QCOMPARE(fixture.count("SELECT events FROM sources"), qint64(3));
    QCOMPARE(fixture.count("SELECT size_bytes FROM sources"), qint64(QFileInfo(path).size()));
}

void TestIngest::cancelsBetweenDocuments()
{
    CaseFixture fixture;
    const QByteArray input = ndjsonDocuments(1) + "not json\n" + ndjsonDocuments(50, 1);
    const QString path = fixture.writeInput(QStringLiteral("cancel.ndjson"), input);
    const QString second = fixture.writeInput(QStringLiteral("later.ndjson"), ndjsonDocuments(5, 100));
    std::atomic<bool> cancel = false;
    ImportOptions options;
    options.batchSize = 1;
    options.cancel = &cancel;
    options.error = [&](const spoor::ingest::ImportError&) { cancel = true; };
    const auto summary = fixture.import({path.toStdString(), second.toStdString()}, options);
    QVERIFY(summary.cancelled);
    QCOMPARE(summary.sources.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(summary.sources.front().status), QStringLiteral("cancelled"));
    QCOMPARE(summary.events(), std::uint64_t(1));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(1));
    QCOMPARE(fixture.text("SELECT status FROM sources"), std::string("cancelled"));
}

void TestIngest::reportsProgress()
{
    CaseFixture fixture;
    const QString path = fixture.writeInput(QStringLiteral("progress.ndjson"), ndjsonDocuments(20));
    std::vector<spoor::ingest::ImportProgress> reports;
    ImportOptions options;
    options.progress = [&](const spoor::ingest::ImportProgress& progress) { reports.push_back(progress); };
    fixture.importOne(path, options);
    QVERIFY(reports.size() >= 2);
    QCOMPARE(reports.back().eventsImported, std::uint64_t(20));
    QCOMPARE(reports.back().bytesRead, reports.back().bytesTotal);
    QCOMPARE(reports.back().fileCount, std::size_t(1));
}

void TestIngest::walksFolders()
{
    CaseFixture fixture;
    QDir(fixture.dir.path()).mkpath(QStringLiteral("dump/b/c"));
    QDir(fixture.dir.path()).mkpath(QStringLiteral("dump/.hidden"));
    fixture.writeInput(QStringLiteral("dump/b/c/2.ndjson"), ndjsonDocuments(2, 10));
    fixture.writeInput(QStringLiteral("dump/a.ndjson"), ndjsonDocuments(1, 20));
    fixture.writeInput(QStringLiteral("dump/b/1.ndjson.gz"), gzipped(ndjsonDocuments(3, 30)));
    fixture.writeInput(QStringLiteral("dump/.skipped.ndjson"), ndjsonDocuments(1, 40));
    fixture.writeInput(QStringLiteral("dump/.hidden/x.ndjson"), ndjsonDocuments(1, 50));
    const auto summary = fixture.importOne(fixture.dir.filePath(QStringLiteral("dump")));
    QCOMPARE(summary.sources.size(), std::size_t(3));
    QVERIFY(summary.sources[0].path.ends_with("dump/a.ndjson"));
    QVERIFY(summary.sources[1].path.ends_with("dump/b/1.ndjson.gz"));
    QVERIFY(summary.sources[2].path.ends_with("dump/b/c/2.ndjson"));
    QCOMPARE(summary.events(), std::uint64_t(6));
}

void TestIngest::reportsMissingPath()
{
    CaseFixture fixture;
    const auto summary = fixture.importOne(fixture.dir.filePath(QStringLiteral("absent.ndjson")));
    QVERIFY(summary.anyFailed());
    QCOMPARE(QString::fromStdString(summary.sources.front().message), QStringLiteral("file not found"));
}

void TestIngest::importsScenario_data()
{
    QTest::addColumn<QString>("relative");
    QTest::newRow("ndjson") << QStringLiteral("corpus/scenarios/xz-basic.ndjson");
    QTest::newRow("gzip") << QStringLiteral("corpus/scenarios/xz-basic.ndjson.gz");
    QTest::newRow("search response") << QStringLiteral("corpus/scenarios/xz-basic.search.json");
}

void TestIngest::importsScenario()
{
    QFETCH(QString, relative);
    const QString path = sharedPath(relative);
    if (path.isEmpty())
        QSKIP("shared corpus not found (expected next to the checkout in ../shared)");
    CaseFixture fixture;
    const auto summary = fixture.importOne(path);
    QCOMPARE(QString::fromStdString(summary.sources.front().status), QStringLiteral("complete"));
    QCOMPARE(summary.events(), std::uint64_t(3063));
    QCOMPARE(summary.rejected(), std::uint64_t(0));
    QCOMPARE(summary.duplicates(), std::uint64_t(0));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE ingested_ns IS NULL"), qint64(0));
    QCOMPARE(fixture.count("SELECT count(DISTINCT host_id) FROM events"), qint64(5));
}

void TestIngest::importsEndpointSamples()
{
    SPOOR_REQUIRE_SHARED(folder, "corpus/elastic-endpoint-package");
    CaseFixture fixture;
    const auto summary = fixture.importOne(folder);
    QCOMPARE(summary.sources.size(), std::size_t(7));
    QVERIFY(!summary.anyFailed());
    for (const auto& source : summary.sources) {
        QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
        QCOMPARE(QString::fromStdString(source.format), QStringLiteral("json"));
        // A pipeline test expectation ({"expected": [...]}) is not an event: it has no @timestamp.
        const bool expectation = source.path.ends_with("-expected.json");
        QCOMPARE(source.events, std::uint64_t(expectation ? 0 : 1));
        QCOMPARE(source.rejected, std::uint64_t(expectation ? 1 : 0));
    }
}

QTEST_GUILESS_MAIN(TestIngest)
