#include "test_ingest_parts.h"

#include "ingest/json_scan.h"
#include "ingest/sha256.h"
#include "ingest/utf8.h"

#include <QTest>

using spoor::ingest::ValueScanner;

void TestIngestParts::sha256Vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    // FIPS 180-4 examples and the usual extra vectors.
    QTest::newRow("empty") << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc") << QByteArray("abc") << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("million a") << QByteArray(1000000, 'a')
                               << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void TestIngestParts::sha256Vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    spoor::ingest::Sha256 whole;
    whole.update(input.data(), static_cast<std::size_t>(input.size()));
    QCOMPARE(QString::fromStdString(whole.hexDigest()), digest);

    spoor::ingest::Sha256 pieces;
    for (qsizetype i = 0; i < input.size(); i += 7)
        pieces.update(input.constData() + i, static_cast<std::size_t>(std::min<qsizetype>(7, input.size() - i)));
    QCOMPARE(QString::fromStdString(pieces.hexDigest()), digest);

    spoor::ingest::Sha256 portable(false);
    portable.update(input.data(), static_cast<std::size_t>(input.size()));
    QCOMPARE(QString::fromStdString(portable.hexDigest()), digest);
}

void TestIngestParts::scannerFindsValueEnd_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("length");
    QTest::newRow("object") << QByteArray(R"({"a":[1,{"b":"}"}]} tail)") << 19;
    QTest::newRow("escaped quote") << QByteArray("{\"a\":\"x\\\"}\"}, 1") << 12;
    QTest::newRow("string") << QByteArray("\"a\\\\\" rest") << 5;
    QTest::newRow("number") << QByteArray("123,") << 3;
    QTest::newRow("literal at end") << QByteArray("true") << 4;
}

void TestIngestParts::scannerFindsValueEnd()
{
    QFETCH(QByteArray, text);
    QFETCH(int, length);
    ValueScanner scanner;
    QCOMPARE(scanner.scan(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), true),
             ValueScanner::Status::Complete);
    QCOMPARE(scanner.scanned(), std::size_t(length));
}

void TestIngestParts::scannerResumes()
{
    const std::string text = "{\"a\": \"b\\\"c\", \"d\": [1, 2]}";
    for (std::size_t split = 1; split < text.size(); ++split) {
        ValueScanner scanner;
        QCOMPARE(scanner.scan(std::string_view(text).substr(0, split), false), ValueScanner::Status::NeedMore);
        scanner.dropScanned();
        QCOMPARE(scanner.scan(std::string_view(text).substr(split), true), ValueScanner::Status::Complete);
        QCOMPARE(scanner.scanned(), text.size() - split);
    }
}

void TestIngestParts::nestingDepthStopsAtLimit()
{
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    QCOMPARE(spoor::ingest::nestingDepth(deep, 512), std::size_t(513));
    QCOMPARE(spoor::ingest::nestingDepth("{\"a\":\"[[[[\",\"b\":[{}]}", 512), std::size_t(3));
}

void TestIngestParts::forEachMemberSlicesValues()
{
    const std::string hit = R"({ "_index" : "i", "_source" : {"a": {"b": 1}} , "_id":"x" })";
    std::vector<std::string> seen;
    const bool ok =
        spoor::ingest::forEachMember(hit, [&](std::string_view key, std::string_view value, std::size_t offset) {
            seen.push_back(std::string(key) + "=" + std::string(value));
            QCOMPARE(std::string_view(hit).substr(offset, value.size()), value);
        });
    QVERIFY(ok);
    QCOMPARE(seen.size(), std::size_t(3));
    QCOMPARE(seen[1], std::string(R"(_source={"a": {"b": 1}})"));
    QVERIFY(!spoor::ingest::forEachMember(R"({"a" 1})", [](auto, auto, auto) {}));
}

void TestIngestParts::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("invalidAt");
    QTest::addColumn<int>("replacements");
    QTest::newRow("ascii") << QByteArray("plain ascii text, longer than eight") << -1 << 0;
    QTest::newRow("two byte") << QByteArray("caf\xc3\xa9") << -1 << 0;
    QTest::newRow("four byte") << QByteArray("\xf0\x9f\x98\x80") << -1 << 0;
    QTest::newRow("lone continuation") << QByteArray("ab\x80"
                                                     "cd")
                                       << 2 << 1;
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << 0 << 2;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 0 << 3;
    QTest::newRow("truncated") << QByteArray("abcdefgh\xe2\x82") << 8 << 2;
}

void TestIngestParts::utf8Validation()
{
    QFETCH(QByteArray, text);
    QFETCH(int, invalidAt);
    QFETCH(int, replacements);
    const std::string_view view(text.constData(), static_cast<std::size_t>(text.size()));
    const std::size_t found = spoor::ingest::findInvalidUtf8(view);
    QCOMPARE(found, invalidAt < 0 ? view.size() : std::size_t(invalidAt));
    std::size_t count = 0;
    const std::string repaired = spoor::ingest::repairUtf8(view, count);
    QCOMPARE(count, std::size_t(replacements));
    QCOMPARE(spoor::ingest::findInvalidUtf8(repaired), repaired.size());
}

QTEST_GUILESS_MAIN(TestIngestParts)
