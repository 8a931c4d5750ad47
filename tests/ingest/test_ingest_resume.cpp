// Resuming an import that stopped early, and documents with a repeated key.

#include "ingest_fixture.h"

#include <QFile>
#include <QTest>
#include <atomic>

using spoor::ingest::ImportError;
using spoor::ingest::ImportOptions;
using spoor::ingest::ImportSummary;

namespace {

// Import options that cancel the import at the first rejection for `reason`, like a user pressing Cancel.
struct CancelAtReason
{
    explicit CancelAtReason(std::string reason)
    {
        options.batchSize = 10;
        options.cancel = &cancel;
        options.error = [this, reason](const ImportError& error) {
            if (error.reason == reason)
                cancel = true;
        };
    }

    std::atomic<bool> cancel = false;
    ImportOptions options;
};

const QByteArray missingTimestamp = R"({"event":{"id":"no-time"}})"
                                    "\n";

} // namespace

class TestIngestResume : public QObject
{
    Q_OBJECT

private slots:
    void resumesCancelledImport();
    void restoresRejectionCounts();
    void abandonsChangedFormat();
    void warnsAboutRepeatedKey();
    void mergesRepeatedObject();
};

void TestIngestResume::resumesCancelledImport()
{
    CaseFixture fixture;
    const QByteArray input = ndjsonDocuments(1500) + missingTimestamp + ndjsonDocuments(1500, 1500);
    const QString path = fixture.writeInput(QStringLiteral("big.ndjson"), input);
    CancelAtReason cancelAt("missing-timestamp");
    const ImportSummary first = fixture.importOne(path, cancelAt.options);
    QCOMPARE(QString::fromStdString(first.sources.front().status), QStringLiteral("cancelled"));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(1500));

    const ImportSummary second = fixture.importOne(path);
    const auto& source = second.sources.front();
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.resumedAfter, std::uint64_t(1501));
    QCOMPARE(source.events, std::uint64_t(3000));
    QCOMPARE(source.resumedEvents, std::uint64_t(1500));
    QCOMPARE(second.resumedEvents(), std::uint64_t(1500));
    QCOMPARE(source.rejected, std::uint64_t(1));
    QCOMPARE(source.duplicates, std::uint64_t(0));
    QCOMPARE(fixture.count("SELECT count(*) FROM sources"), qint64(1));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(3000));
    QCOMPARE(fixture.count("SELECT count(DISTINCT line) FROM events"), qint64(3000));
    QCOMPARE(fixture.count("SELECT events FROM sources"), qint64(3000));
    QCOMPARE(fixture.count("SELECT count(*) FROM import_errors"), qint64(1));
}

// The rejections and warnings before the resume point are counted again by reason, without being stored twice.
void TestIngestResume::restoresRejectionCounts()
{
    CaseFixture fixture;
    const QByteArray input = "not json\n" + ndjsonDocuments(5) +
                             R"({"@timestamp":"2024-04-03T01:28:14Z","process":{"pid":"abc"}})" + '\n' +
                             ndjsonDocuments(5) + missingTimestamp + ndjsonDocuments(2000, 5);
    const QString path = fixture.writeInput(QStringLiteral("mixed.ndjson"), input);
    CancelAtReason cancelAt("missing-timestamp");
    const ImportSummary first = fixture.importOne(path, cancelAt.options);
    QCOMPARE(QString::fromStdString(first.sources.front().status), QStringLiteral("cancelled"));
    QCOMPARE(first.sources.front().events, std::uint64_t(6));
    QCOMPARE(first.sources.front().duplicates, std::uint64_t(5));

    std::vector<ImportError> reported;
    ImportOptions options;
    options.error = [&](const ImportError& error) { reported.push_back(error); };
    const ImportSummary second = fixture.importOne(path, options);
    const auto& source = second.sources.front();
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.resumedAfter, std::uint64_t(13));
    QCOMPARE(source.events, std::uint64_t(2006));
    QCOMPARE(source.duplicates, std::uint64_t(5));
    QCOMPARE(source.rejected, std::uint64_t(2));
    QCOMPARE(source.rejectedByReason.at("invalid-json"), std::uint64_t(1));
    QCOMPARE(source.rejectedByReason.at("missing-timestamp"), std::uint64_t(1));
    QCOMPARE(source.warnings, std::uint64_t(1));
    QCOMPARE(source.warningsByReason.at("wrong-type"), std::uint64_t(1));
    QVERIFY(reported.empty());
    QCOMPARE(fixture.count("SELECT count(*) FROM import_errors"), qint64(3));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(2006));
    QCOMPARE(fixture.count("SELECT rejected FROM sources"), qint64(2));
    QCOMPARE(fixture.count("SELECT duplicates FROM sources"), qint64(5));
}

// A file replaced by one of the same size but another format is imported as a new source.
void TestIngestResume::abandonsChangedFormat()
{
    CaseFixture fixture;
    const QByteArray documents = ndjsonDocuments(10) + missingTimestamp + ndjsonDocuments(10, 10);
    const QString path = fixture.writeInput(QStringLiteral("changing.json"), documents);
    CancelAtReason cancelAt("missing-timestamp");
    fixture.importOne(path, cancelAt.options);
    QCOMPARE(fixture.text("SELECT status FROM sources"), std::string("cancelled"));

    // The same size, but the first line is a lone "{", which makes it pretty-printed JSON.
    const QByteArray pretty = "{\n" + documents.mid(1, documents.size() - 2);
    QCOMPARE(pretty.size(), documents.size());
    fixture.writeInput(QStringLiteral("changing.json"), pretty);

    const ImportSummary second = fixture.importOne(path);
    QCOMPARE(second.sources.front().resumedAfter, std::uint64_t(0));
    QCOMPARE(QString::fromStdString(second.sources.front().format), QStringLiteral("json"));
    QCOMPARE(fixture.count("SELECT count(*) FROM sources"), qint64(2));
    QCOMPARE(fixture.text("SELECT status FROM sources WHERE id = 1"), std::string("failed"));
    QVERIFY(fixture.text("SELECT message FROM sources WHERE id = 1").find("not resumed") != std::string::npos);
}

void TestIngestResume::warnsAboutRepeatedKey()
{
    CaseFixture fixture;
    const QByteArray line = R"({"@timestamp":"2024-04-03T01:28:14Z","process":{"pid":1,"name":"sh","pid":2}})";
    std::vector<ImportError> reported;
    ImportOptions options;
    options.error = [&](const ImportError& error) { reported.push_back(error); };
    const ImportSummary summary =
        fixture.importOne(fixture.writeInput(QStringLiteral("repeated.ndjson"), line + '\n'), options);
    QCOMPARE(summary.sources.front().events, std::uint64_t(1));
    QCOMPARE(summary.sources.front().warningsByReason.at("duplicate-key"), std::uint64_t(1));
    QCOMPARE(reported.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(reported.front().field), QStringLiteral("process.pid"));
    QCOMPARE(reported.front().line, std::uint64_t(1));
    QVERIFY(reported.front().eventKept);
    QCOMPARE(fixture.count("SELECT pid FROM events"), qint64(2));
    QCOMPARE(fixture.text("SELECT process_name FROM events"), std::string("sh"));
    QCOMPARE(fixture.count("SELECT count(*) FROM import_errors WHERE reason = 'duplicate-key'"), qint64(1));
}

// The rule engine flattens a repeated object member by member, so the hot columns keep both objects' fields.
void TestIngestResume::mergesRepeatedObject()
{
    CaseFixture fixture;
    const QByteArray line = R"({"@timestamp":"2024-04-03T01:28:14Z","process":{"pid":5},"process":{"name":"xz"}})";
    const ImportSummary summary = fixture.importOne(fixture.writeInput(QStringLiteral("merged.ndjson"), line + '\n'));
    QCOMPARE(summary.sources.front().events, std::uint64_t(1));
    QCOMPARE(summary.sources.front().warningsByReason.at("duplicate-key"), std::uint64_t(1));
    QCOMPARE(fixture.count("SELECT pid FROM events"), qint64(5));
    QCOMPARE(fixture.text("SELECT process_name FROM events"), std::string("xz"));
    QCOMPARE(fixture.text("SELECT field FROM import_errors"), std::string("process"));
}

QTEST_GUILESS_MAIN(TestIngestResume)
#include "test_ingest_resume.moc"
