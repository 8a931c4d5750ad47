#include "test_decode_paths.h"

#include "common/decoding_text.h"
#include "common/shared_data.h"
#include "ingest/byte_source.h"
#include "ingest/document_decoder.h"
#include "ingest/document_reader.h"
#include "ingest/input_format.h"
#include "ingest/stream_buffer.h"
#include "scenario/scenario.h"

#include <QDirIterator>
#include <QTest>
#include <sstream>

using spoor::ingest::DecodedDocument;
using spoor::ingest::DocumentDecoder;
using spoor::ingest::RawDocument;
using spoor::ingest::Rejection;

namespace {

template <typename T> QString column(const std::optional<T>& value)
{
    return QString::fromStdString(spoor::test::columnText(value));
}

// Decodes documents through both paths of two decoders and compares what they produce.
class PathComparison
{
public:
    // Decodes the document through both paths, records any difference and returns the direct path's result.
    // Sets `direct` to whether decode() read the document without the flattening path.
    std::string compare(const RawDocument& raw, bool& direct)
    {
        const std::uint64_t flattenedBefore = directDecoder_.flattenedCount();
        Rejection directRejection;
        const bool directDecoded = directDecoder_.decode(raw, directDocument_, directRejection);
        direct = directDecoder_.flattenedCount() == flattenedBefore;
        const std::string directResult = spoor::test::decodingText(directDecoded, directDocument_, directRejection);

        Rejection flattenedRejection;
        const bool flattenedDecoded = referenceDecoder_.decodeByFlattening(raw, flattenedDocument_, flattenedRejection);
        const std::string flattenedResult =
            spoor::test::decodingText(flattenedDecoded, flattenedDocument_, flattenedRejection);
        if (directResult != flattenedResult) {
            ++differences_;
            if (firstDifference_.empty())
                firstDifference_ = "document at line " + std::to_string(raw.line) + ":\n" + std::string(raw.text) +
                                   "\ndirect path:\n" + directResult + "flattening path:\n" + flattenedResult;
        }
        return directResult;
    }

    std::size_t differences() const { return differences_; }
    const std::string& firstDifference() const { return firstDifference_; }

private:
    DocumentDecoder directDecoder_;
    DocumentDecoder referenceDecoder_;
    DecodedDocument directDocument_;
    DecodedDocument flattenedDocument_;
    std::size_t differences_ = 0;
    std::string firstDifference_;
};

struct ComparisonCounts
{
    std::size_t documents = 0;
    std::size_t direct = 0;
};

// Reads a file as the importer does, whatever its format, and compares the two paths on each document.
// Returns false when the format is not one that the importer reads.
bool compareFile(const QString& path, PathComparison& comparison, ComparisonCounts& counts)
{
    spoor::ingest::FileInput file(path.toStdString());
    const auto source = spoor::ingest::openByteSource(file);
    spoor::ingest::StreamBuffer buffer(*source);
    const auto detection = spoor::ingest::detectFormat(buffer);
    if (!detection.format)
        return false;
    const auto reader =
        spoor::ingest::makeDocumentReader(*detection.format, buffer, 64 * 1024 * 1024, path.toStdString());
    RawDocument raw;
    spoor::ingest::ReadIssue issue;
    for (;;) {
        const auto step = reader->next(raw, issue);
        if (step == spoor::ingest::DocumentReader::Step::End)
            return true;
        if (step == spoor::ingest::DocumentReader::Step::Issue)
            continue;
        bool direct = false;
        comparison.compare(raw, direct);
        ++counts.documents;
        counts.direct += direct ? 1 : 0;
    }
}

RawDocument rawDocument(const QByteArray& text)
{
    RawDocument raw;
    raw.text = std::string_view(text.constData(), static_cast<std::size_t>(text.size()));
    raw.input = raw.text;
    raw.line = 1;
    return raw;
}

} // namespace

void TestDecodePaths::documentShape_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<bool>("direct");
    const auto add = [](const char* name, const char* body, bool direct) {
        QTest::newRow(name) << (QByteArray(R"({"@timestamp":"2024-04-03T01:28:14.5Z",)") + body + '}') << direct;
    };
    add("nested objects", R"("process":{"pid":7,"name":"sshd","parent":{"pid":1,"name":"systemd"}})", true);
    add("dotted key at root", R"("process.parent.name":"init","host.os.type":"linux")", true);
    add("dotted key inside object", R"("process":{"parent.name":"init","parent.pid":"1"})", true);
    add("dotted object key", R"("process.parent":{"entity_id":"e1"},"process":{"entity_id":"e2"})", true);
    add("escaped dot", R"("process\u002ename":"escaped")", true);
    add("keys that are not hot", R"("process.":{"name":"x"},"":1,"process":{"":2,".pid":3,"pid.x":4})", true);
    add("single-element arrays", R"("process":{"name":["sshd"],"pid":[7]},"user":{"id":[0]})", true);
    add("arrays of several values", R"("process":{"name":["a","b"],"pid":[1,2]},"host":{"id":[]})", true);
    add("joined arrays", R"("event":{"category":["process","network"],"type":[["start"],"info",1,true,null]})", true);
    add("arrays without values", R"("event":{"category":[null],"type":[{}]},"host":{"name":[[]]})", true);
    add("objects at hot fields", R"("process":{"name":{"a":1},"pid":{}},"host":{"id":[{"x":1},"h"]})", true);
    add("scalars at prefixes", R"("process":"x","host":null,"event":7,"user":{"id":1.5,"name":false})", true);
    add("wrong types", R"("process":{"pid":"abc","exit_code":true,"parent":{"pid":1.5}},"event":{"sequence":{}})",
        true);
    add("numbers as strings", R"("process":{"pid":"42","exit_code":"-1"},"event":{"sequence":"007"})", true);
    add("numbers as keywords", R"("event":{"id":12,"action":1.0,"dataset":-0.0},"host":{"id":1e3},"user":{"id":0})",
        true);
    add("integral doubles", R"("process":{"pid":7.0,"exit_code":-2e0,"parent":{"pid":1e19}})", true);
    add("large unsigned", R"("process":{"pid":18446744073709551615,"exit_code":9223372036854775807})", true);
    add("long string in a number column", R"("process":{"pid":"a string of more than forty characters, cut"})", true);
    add("event.ingested ISO", R"("event":{"ingested":"2024-04-03T01:28:15+02:00"})", true);
    add("event.ingested epoch", R"("event":{"ingested":1712107695123})", true);
    add("event.ingested invalid", R"("event":{"ingested":"yesterday"})", true);
    add("event.ingested array", R"("event":{"ingested":["2024-04-03T01:28:15Z","2024-04-03T01:28:16Z"]})", true);
    add("dataset fallback", R"("event":{"dataset":"endpoint.events.process"},"data_stream":{"dataset":null})", true);
    add("repeated hot key", R"("process":{"pid":1,"name":"a","pid":2},"process.name":["b"],"host.id":"h")", false);
    add("repeated leaf key", R"("process":{"pid":1,"name":"a","pid":{"x":2}},"host":{"id":"a","id":"b"})", true);
    add("repeated prefix key", R"("process":{"pid":1},"process":{"name":"a"})", false);
    add("repeated prefix with scalar", R"("process":{"pid":1},"process":3)", false);
    add("field reached twice", R"("process":{"name":"a"},"process.name":"b")", false);
    add("object reached twice", R"("process.parent":{"pid":1},"process":{"parent":{"pid":2}})", false);
    add("array of objects on the way", R"("process":[{"pid":1},{"pid":2}])", false);
    add("array of scalars on the way", R"("process":["x"])", false);

    const auto addWhole = [](const char* name, const char* document, bool direct) {
        QTest::newRow(name) << QByteArray(document) << direct;
    };
    addWhole("epoch milliseconds", R"({"@timestamp":1712107694000})", true);
    addWhole("epoch milliseconds as double", R"({"@timestamp":1712107694000.5})", true);
    addWhole("epoch milliseconds as string", R"({"@timestamp":"1712107694000"})", true);
    addWhole("timestamp in array", R"({"@timestamp":["2024-04-03T01:28:14Z"]})", true);
    addWhole("timestamp array of two", R"({"@timestamp":["2024-04-03T01:28:14Z","x"]})", true);
    addWhole("timestamp empty array", R"({"@timestamp":[]})", true);
    addWhole("timestamp invalid", R"({"@timestamp":"2024-13-03"})", true);
    addWhole("timestamp boolean", R"({"@timestamp":true})", true);
    addWhole("timestamp null", R"({"@timestamp":null})", true);
    addWhole("timestamp missing", R"({"event":{"id":"x"}})", true);
    addWhole("timestamp as object", R"({"@timestamp":{"value":1}})", true);
    addWhole("invalid UTF-8", "{\"@timestamp\":1,\"process\":{\"name\":\"ab\xff\xfe\"}}", false);
    addWhole("invalid JSON", R"({"@timestamp":1,"process":{"pid":1})", false);
    addWhole("not an object", R"(["@timestamp",1])", false);
    addWhole("string document", R"("text")", false);
    addWhole("too deep",
             QByteArray(R"({"@timestamp":1,"a":)" + QByteArray(600, '[') + QByteArray(600, ']') + "}").constData(),
             false);
    addWhole("deep but accepted",
             QByteArray(R"({"@timestamp":1,"a":)" + QByteArray(500, '[') + QByteArray(500, ']') + "}").constData(),
             true);
}

void TestDecodePaths::documentShape()
{
    QFETCH(QByteArray, document);
    QFETCH(bool, direct);
    PathComparison comparison;
    bool readDirectly = false;
    comparison.compare(rawDocument(document), readDirectly);
    QVERIFY2(comparison.differences() == 0, comparison.firstDifference().c_str());
    QCOMPARE(readDirectly, direct);
}

// Checks a few values against the expected text, so that the two paths cannot agree on a wrong result.
void TestDecodePaths::readsExpectedColumns()
{
    const QByteArray document =
        R"({"@timestamp":1712107694000,"process.parent":{"name":"init"},"process":{"pid":"42","name":["sshd"],)"
        R"("exit_code":1.5},"event":{"category":["process","network"],"type":["start"]},"user":{"id":0},)"
        R"("host":{"id":"a","id":"b"}})";
    DocumentDecoder decoder;
    DecodedDocument decoded;
    Rejection rejection;
    QVERIFY(decoder.decode(rawDocument(document), decoded, rejection));
    QCOMPARE(decoder.flattenedCount(), std::uint64_t(0));
    const auto& row = decoded.row;
    QCOMPARE(column(row.timestampNs), QString::number(1712107694000LL * 1000000));
    QCOMPARE(column(row.parentName), QStringLiteral("\"init\""));
    QCOMPARE(column(row.pid), QStringLiteral("42"));
    QCOMPARE(column(row.processName), QStringLiteral("\"sshd\""));
    QCOMPARE(column(row.exitCode), QStringLiteral("NULL"));
    QCOMPARE(column(row.category), QStringLiteral("\"process,network\""));
    QCOMPARE(column(row.eventType), QStringLiteral("\"start\""));
    QCOMPARE(column(row.userId), QStringLiteral("\"0\""));
    QCOMPARE(column(row.hostId), QStringLiteral("\"b\""));
    QCOMPARE(decoded.warnings.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(decoded.warnings[0].reason), QStringLiteral("wrong-type"));
    QCOMPARE(QString::fromStdString(decoded.warnings[0].field), QStringLiteral("process.exit_code"));
    QCOMPARE(QString::fromStdString(decoded.warnings[0].message),
             QStringLiteral("process.exit_code is a number, expected an integer; the event was imported with this "
                            "column empty"));
    QCOMPARE(QString::fromStdString(decoded.warnings[1].reason), QStringLiteral("duplicate-key"));
    QCOMPARE(QString::fromStdString(decoded.warnings[1].field), QStringLiteral("host.id"));
}

void TestDecodePaths::corpusDecodesAlike()
{
    SPOOR_REQUIRE_SHARED(corpus, "corpus");
    PathComparison comparison;
    ComparisonCounts counts;
    int files = 0;
    QDirIterator entries(corpus, QDir::Files, QDirIterator::Subdirectories);
    while (entries.hasNext()) {
        const QString path = entries.next();
        if (compareFile(path, comparison, counts))
            ++files;
    }
    QVERIFY2(comparison.differences() == 0, comparison.firstDifference().c_str());
    // The corpus contains 96 files that the importer reads, with 9,887 documents. Fewer means that the walk or
    // a reader broke.
    QVERIFY2(files >= 90, qPrintable(QString::number(files) + " files read"));
    QVERIFY2(counts.documents > 9000, qPrintable(QString::number(counts.documents) + " documents compared"));
    QVERIFY2(counts.direct * 100 > counts.documents * 99,
             qPrintable(QString::number(counts.direct) + " of " + QString::number(counts.documents) +
                        " documents read directly"));
}

void TestDecodePaths::generatedDumpReadsDirectly()
{
    spoor::scenario::Options options;
    options.targetEvents = 3000;
    std::ostringstream dump;
    spoor::scenario::generate(options, dump);
    const std::string text = dump.str();

    PathComparison comparison;
    std::size_t documents = 0;
    std::size_t direct = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        RawDocument raw;
        raw.text = raw.input = std::string_view(text).substr(start, end - start);
        raw.line = ++documents;
        bool readDirectly = false;
        comparison.compare(raw, readDirectly);
        direct += readDirectly ? 1 : 0;
        start = end + 1;
    }
    QVERIFY2(comparison.differences() == 0, comparison.firstDifference().c_str());
    QVERIFY(documents > 2000);
    QCOMPARE(direct, documents);
}

QTEST_GUILESS_MAIN(TestDecodePaths)
