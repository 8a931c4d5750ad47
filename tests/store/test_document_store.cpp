#include "store/case_file.h"
#include "store/document_block.h"
#include "store/document_store.h"
#include "store/document_writer.h"
#include "store/schema.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <random>
#include <string>
#include <vector>
#include <zstd.h>

using spoor::store::CaseFile;
using spoor::store::DocumentRef;
using spoor::store::DocumentStore;
using spoor::store::DocumentWriter;
using spoor::store::StoreError;

namespace {

// A document of `size` bytes that differs from its neighbours, like the documents of one dump.
std::string makeDocument(int index, std::size_t size)
{
    std::string text = "{\"n\":" + std::to_string(index) + ",\"pad\":\"";
    while (text.size() + 2 < size)
        text.push_back(static_cast<char>('a' + (index + text.size()) % 26));
    return text + "\"}";
}

void addSource(spoor::store::Database& db)
{
    db.exec("INSERT INTO sources (id, path, sha256, size_bytes, format, compression, status, imported_at)"
            " VALUES (1, 'test', '', 0, 'ndjson', 'none', 'complete', '2024-04-03T00:00:00Z')");
}

// Inserts the events row of a document the way the importer does, and returns its id.
std::int64_t insertEvent(spoor::store::Database& db, DocumentWriter& writer, std::string_view document)
{
    const DocumentRef ref = writer.nextRef();
    auto insert = db.prepare("INSERT INTO events (source_id, doc_hash, doc_block, doc_slot) VALUES (1, 0, ?1, ?2)");
    insert.bind(1, ref.block).bind(2, ref.slot);
    insert.run();
    const std::int64_t id = db.lastInsertRowId();
    writer.append(document);
    return id;
}

std::int64_t count(spoor::store::Database& db, const std::string& sql)
{
    auto statement = db.prepare(sql);
    statement.step();
    return statement.int64(0);
}

// Replaces the data of a block, bypassing the writer.
void overwriteBlock(spoor::store::Database& db, std::int64_t blockId, const std::string& data)
{
    auto update = db.prepare("UPDATE document_blocks SET data = ?2 WHERE id = ?1");
    update.bind(1, blockId).bindBlob(2, data.data(), data.size());
    update.run();
}

std::string blockData(spoor::store::Database& db, std::int64_t blockId)
{
    auto select = db.prepare("SELECT data FROM document_blocks WHERE id = ?1");
    select.bind(1, blockId);
    select.step();
    return select.text(0);
}

std::string zstdFrame(const std::string& content)
{
    std::string frame(ZSTD_compressBound(content.size()), '\0');
    frame.resize(ZSTD_compress(frame.data(), frame.size(), content.data(), content.size(), 1));
    return frame;
}

QString messageOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const StoreError& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

} // namespace

class TestDocumentStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir_;
    int cases_ = 0;

    CaseFile newCase()
    {
        auto caseFile = CaseFile::open(dir_.filePath(QStringLiteral("case%1.spoor").arg(++cases_)).toStdString());
        addSource(caseFile.db());
        return caseFile;
    }

private slots:
    void roundTripRandomOrder()
    {
        auto caseFile = newCase();
        auto& db = caseFile.db();
        std::vector<std::pair<std::int64_t, std::string>> stored;
        {
            spoor::store::Transaction transaction(db);
            DocumentWriter writer(db, 8 * 1024);
            for (int i = 0; i < 2000; ++i) {
                std::string document = makeDocument(i, 50 + (i * 37) % 1500);
                stored.emplace_back(insertEvent(db, writer, document), std::move(document));
            }
            writer.flush();
            transaction.commit();
        }
        QVERIFY(count(db, "SELECT count(*) FROM document_blocks") > 100);

        std::shuffle(stored.begin(), stored.end(), std::mt19937(7));
        DocumentStore documents(db, 3);
        for (const auto& [id, text] : stored) {
            const auto read = documents.document(id);
            QVERIFY(read.has_value());
            QCOMPARE(std::string(*read), text);
        }
        QVERIFY(!documents.document(999999).has_value());
    }

    void blockBoundaries()
    {
        auto caseFile = newCase();
        auto& db = caseFile.db();
        const std::size_t blockBytes = 1000;
        // An empty document, one that fills a block exactly, one larger than a block, then small ones.
        const std::vector<std::string> texts = {"",
                                                makeDocument(1, blockBytes),
                                                makeDocument(2, 5 * blockBytes),
                                                makeDocument(3, 10),
                                                makeDocument(4, 990),
                                                makeDocument(5, 10)};
        std::vector<DocumentRef> refs;
        std::vector<std::int64_t> ids;
        DocumentWriter writer(db, blockBytes);
        for (const auto& text : texts) {
            refs.push_back(writer.nextRef());
            ids.push_back(insertEvent(db, writer, text));
        }
        writer.flush();

        // "" and the exact fit share block 1, the large document is alone, then 10 + 990 bytes fill block 3.
        QCOMPARE(refs[0].block, std::int64_t(1));
        QCOMPARE(refs[1].block, std::int64_t(1));
        QCOMPARE(refs[1].slot, std::int64_t(1));
        QCOMPARE(refs[2].block, std::int64_t(2));
        QCOMPARE(refs[2].slot, std::int64_t(0));
        QCOMPARE(refs[3].block, std::int64_t(3));
        QCOMPARE(refs[4].block, std::int64_t(3));
        QCOMPARE(refs[5].block, std::int64_t(4));
        QCOMPARE(count(db, "SELECT count(*) FROM document_blocks"), std::int64_t(4));
        QCOMPARE(count(db, "SELECT sum(count) FROM document_blocks"), std::int64_t(texts.size()));

        DocumentStore documents(db);
        for (std::size_t i = 0; i < texts.size(); ++i)
            QCOMPARE(std::string(*documents.document(ids[i])), texts[i]);
        QCOMPARE(std::string(documents.document(refs[4].block, refs[4].slot)), texts[4]);
        QVERIFY(messageOf([&] { documents.document(3, 2); }).contains(QStringLiteral("no slot 2")));
        QVERIFY(messageOf([&] { documents.document(3, -1); }).contains(QStringLiteral("no slot -1")));
    }

    void discardDropsPendingDocuments()
    {
        auto caseFile = newCase();
        auto& db = caseFile.db();
        DocumentWriter writer(db);
        {
            spoor::store::Transaction transaction(db);
            insertEvent(db, writer, "{\"rolled\":\"back\"}");
            writer.flush();
        }
        writer.discard();
        QCOMPARE(count(db, "SELECT count(*) FROM document_blocks"), std::int64_t(0));
        const std::int64_t id = insertEvent(db, writer, "{\"kept\":1}");
        writer.flush();
        QCOMPARE(writer.nextRef().block, std::int64_t(2));
        DocumentStore documents(db);
        QCOMPARE(std::string(*documents.document(id)), std::string("{\"kept\":1}"));
    }

    void corruptBlockNamesBlock()
    {
        auto caseFile = newCase();
        auto& db = caseFile.db();
        DocumentWriter writer(db);
        std::vector<std::int64_t> ids;
        for (int i = 0; i < 50; ++i)
            ids.push_back(insertEvent(db, writer, makeDocument(i, 400)));
        writer.flush();
        const std::string original = blockData(db, 1);

        std::string flipped = original;
        for (std::size_t i = flipped.size() / 2; i < flipped.size() / 2 + 16; ++i)
            flipped[i] = static_cast<char>(~flipped[i]);
        overwriteBlock(db, 1, flipped);
        const QString damaged = messageOf([&] { DocumentStore(db).document(ids[3]); });
        QVERIFY2(damaged.contains(QStringLiteral("document block 1 is corrupt")), qPrintable(damaged));
        QVERIFY2(damaged.contains(QStringLiteral("new case")), qPrintable(damaged));

        overwriteBlock(db, 1, original.substr(0, original.size() / 2));
        const QString truncated = messageOf([&] { DocumentStore(db).document(ids[0]); });
        QVERIFY2(truncated.contains(QStringLiteral("document block 1 is corrupt")), qPrintable(truncated));

        overwriteBlock(db, 1, "not zstd");
        const QString garbage = messageOf([&] { DocumentStore(db).document(ids[0]); });
        QVERIFY2(garbage.contains(QStringLiteral("zstd frame header is invalid")), qPrintable(garbage));

        // A valid frame whose table of ends points past the text.
        std::string layout("\x01\x00\x00\x00\xff\x00\x00\x00{}", 10);
        overwriteBlock(db, 1, zstdFrame(layout));
        const QString table = messageOf([&] { DocumentStore(db).document(ids[0]); });
        QVERIFY2(table.contains(QStringLiteral("ends outside the block")), qPrintable(table));

        // A table that claims more documents than the block can hold.
        overwriteBlock(db, 1, zstdFrame(std::string("\xff\xff\xff\x00", 4)));
        const QString tooMany = messageOf([&] { DocumentStore(db).document(ids[0]); });
        QVERIFY2(tooMany.contains(QStringLiteral("longer than the block")), qPrintable(tooMany));

        db.exec("DELETE FROM document_blocks");
        const QString missing = messageOf([&] { DocumentStore(db).document(ids[0]); });
        QVERIFY2(missing.contains(QStringLiteral("document block 1 is missing")), qPrintable(missing));
    }

    void sqlFunctionReadsDocument()
    {
        auto caseFile = newCase();
        auto& db = caseFile.db();
        DocumentWriter writer(db);
        const std::int64_t id = insertEvent(db, writer, "{\"process\":{\"name\":\"sshd\"}}");
        writer.flush();
        auto select = db.prepare("SELECT json_extract(event_document(doc_block, doc_slot), '$.process.name'),"
                                 " event_document(NULL, 0) IS NULL FROM events WHERE id = ?1");
        select.bind(1, id);
        QVERIFY(select.step());
        QCOMPARE(select.text(0), std::string("sshd"));
        QCOMPARE(select.int64(1), std::int64_t(1));

        overwriteBlock(db, 1, "damaged");
        // A new connection, because the function of the first one keeps the block it decoded.
        auto reopened = CaseFile::open(db.path());
        auto failing = reopened.db().prepare("SELECT event_document(doc_block, doc_slot) FROM events");
        bool threw = false;
        try {
            failing.step();
        } catch (const StoreError& error) {
            threw = QString::fromUtf8(error.what()).contains(QStringLiteral("document block 1"));
        }
        QVERIFY(threw);
    }

    void migratesVersion2Documents()
    {
        const std::string path = dir_.filePath(QStringLiteral("v2.spoor")).toStdString();
        std::vector<std::string> texts;
        for (int i = 0; i < 25000; ++i)
            texts.push_back(makeDocument(i, 100 + i % 300));
        {
            // A version 2 case: the documents in events.document and no document_blocks table.
            auto caseFile = CaseFile::open(path);
            auto& db = caseFile.db();
            addSource(db);
            db.exec("DROP TABLE document_blocks; ALTER TABLE events DROP COLUMN doc_block;"
                    " ALTER TABLE events DROP COLUMN doc_slot; ALTER TABLE events ADD COLUMN document TEXT");
            spoor::store::Transaction transaction(db);
            auto insert = db.prepare("INSERT INTO events (source_id, doc_hash, document) VALUES (1, 0, ?1)");
            for (const auto& text : texts) {
                insert.bind(1, text);
                insert.run();
            }
            db.exec("PRAGMA user_version = 2");
            transaction.commit();
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, CaseFile::open(path, CaseFile::Access::ReadOnly));

        auto caseFile = CaseFile::open(path);
        auto& db = caseFile.db();
        QCOMPARE(count(db, "PRAGMA user_version"), std::int64_t(spoor::store::currentSchemaVersion));
        QCOMPARE(count(db, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'document'"),
                 std::int64_t(0));
        QCOMPARE(count(db, "SELECT sum(count) FROM document_blocks"), std::int64_t(texts.size()));
        DocumentStore documents(db);
        for (std::size_t i = 0; i < texts.size(); i += 997)
            QCOMPARE(std::string(*documents.document(static_cast<std::int64_t>(i + 1))), texts[i]);
        QCOMPARE(std::string(*documents.document(static_cast<std::int64_t>(texts.size()))), texts.back());
    }
};

QTEST_GUILESS_MAIN(TestDocumentStore)
#include "test_document_store.moc"
