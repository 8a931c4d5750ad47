// Duplicate detection through the event_keys table: hash collisions, and cases that earlier builds imported.

#include "ingest/event_keys.h"
#include "ingest/event_row.h"
#include "ingest_fixture.h"
#include "store/database.h"
#include "store/statement.h"

#include <QTest>
#include <optional>
#include <string>

using spoor::ingest::DuplicateKind;
using spoor::ingest::EventKeys;
using spoor::ingest::EventRow;

namespace {

// Every key hashes to the same integer, so that each new key collides with every stored one.
std::uint64_t collidingHash(DuplicateKind, std::string_view)
{
    return 42;
}

EventRow makeRow(std::optional<std::string_view> eventId, std::int64_t docHash)
{
    EventRow row;
    row.eventId = eventId;
    row.hostId = std::string_view("host-1");
    row.docHash = docHash;
    return row;
}

EventRow makeHit(std::string index, std::string id, std::int64_t docHash)
{
    EventRow row;
    row.docIndex = std::move(index);
    row.docId = std::move(id);
    row.docHash = docHash;
    return row;
}

// Claims the keys of `row` and, when they are new, inserts its events row as CaseWriter would.
class KeyedCase
{
public:
    KeyedCase()
    {
        db().exec("INSERT INTO sources (id, path, sha256, size_bytes, format, compression, status, imported_at) "
                  "VALUES (1, 'test', '', 0, 'ndjson', 'none', 'importing', '')");
    }

    bool add(EventKeys& keys, const EventRow& row)
    {
        spoor::store::Transaction transaction(db());
        if (!keys.claim(row, nextId)) {
            transaction.commit();
            return false;
        }
        auto insert = db().prepare("INSERT INTO events (id, source_id, doc_index, doc_id, event_id, host_id, doc_hash) "
                                   "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, nextId).bind(2, row.docIndex).bind(3, row.docId);
        insert.bindStatic(4, row.eventId).bindStatic(5, row.hostId).bind(6, row.docHash);
        insert.run();
        transaction.commit();
        ++nextId;
        return true;
    }

    spoor::store::Database& db() { return fixture.caseFile->db(); }

    CaseFixture fixture;
    std::int64_t nextId = 1;
};

} // namespace

class TestEventKeys : public QObject
{
    Q_OBJECT

private slots:
    void keepsCollidingKeys();
    void findsDuplicatesPastCollisions_data();
    void findsDuplicatesPastCollisions();
    void skipsKeyOfDeletedEvent();
    void fillsKeysOfOlderCase();
};

void TestEventKeys::keepsCollidingKeys()
{
    KeyedCase keyed;
    EventKeys keys(keyed.db(), collidingHash);
    QVERIFY(keyed.add(keys, makeRow("event-1", 1)));
    QVERIFY(keyed.add(keys, makeRow("event-2", 2)));
    QVERIFY(keyed.add(keys, makeRow(std::nullopt, 3)));
    QVERIFY(keyed.add(keys, makeHit("logs", "id-1", 4)));
    QCOMPARE(keyed.fixture.count("SELECT count(*) FROM events"), qint64(4));
    // One key each, and the hit without event.id has its _id and its document hash.
    QCOMPARE(keyed.fixture.count("SELECT count(*) FROM event_keys"), qint64(5));
    QCOMPARE(keyed.fixture.count("SELECT min(key) FROM event_keys"), qint64(42));
    QCOMPARE(keyed.fixture.count("SELECT max(key) FROM event_keys"), qint64(46));
}

void TestEventKeys::findsDuplicatesPastCollisions_data()
{
    QTest::addColumn<int>("row");
    QTest::newRow("same event.id and host.id") << 0;
    QTest::newRow("same document hash") << 1;
    QTest::newRow("same _index and _id") << 2;
    QTest::newRow("same _id, both without _index") << 3;
}

void TestEventKeys::findsDuplicatesPastCollisions()
{
    QFETCH(int, row);
    KeyedCase keyed;
    EventKeys keys(keyed.db(), collidingHash);
    QVERIFY(keyed.add(keys, makeRow("event-1", 1)));
    QVERIFY(keyed.add(keys, makeRow("event-2", 2)));
    QVERIFY(keyed.add(keys, makeHit("logs", "id-1", 3)));
    EventRow withoutIndex;
    withoutIndex.docId = "id-2";
    withoutIndex.docHash = 4;
    QVERIFY(keyed.add(keys, withoutIndex));
    QVERIFY(keyed.add(keys, makeRow(std::nullopt, 5)));
    const qint64 keysBefore = keyed.fixture.count("SELECT count(*) FROM event_keys");

    const EventRow duplicates[] = {makeRow("event-2", 10), makeRow(std::nullopt, 5), makeHit("logs", "id-1", 11),
                                   makeHit("", "id-2", 12)};
    QVERIFY(!keyed.add(keys, duplicates[row]));
    QCOMPARE(keyed.fixture.count("SELECT count(*) FROM events"), qint64(5));
    QCOMPARE(keyed.fixture.count("SELECT count(*) FROM event_keys"), keysBefore);
}

// A key whose event row is gone no longer makes a new event a duplicate.
void TestEventKeys::skipsKeyOfDeletedEvent()
{
    KeyedCase keyed;
    EventKeys keys(keyed.db());
    QVERIFY(keyed.add(keys, makeRow("event-1", 1)));
    keyed.db().exec("DELETE FROM events");
    QVERIFY(keyed.add(keys, makeRow("event-1", 1)));
    QCOMPARE(keyed.fixture.count("SELECT count(*) FROM event_keys WHERE event = 2"), qint64(1));
    QCOMPARE(keyed.fixture.count("SELECT count(*) FROM event_keys"), qint64(2));
}

// A case imported by a build with unique indexes instead of event_keys gets the keys of its events.
void TestEventKeys::fillsKeysOfOlderCase()
{
    CaseFixture fixture;
    const std::vector<std::string> paths = {
        fixture.writeInput(QStringLiteral("documents.ndjson"), ndjsonDocuments(5)).toStdString(),
        fixture.writeInput(QStringLiteral("hits.ndjson"), ndjsonHits(3, 10)).toStdString()};
    QCOMPARE(fixture.import(paths).events(), std::uint64_t(8));
    spoor::store::Database& db = fixture.caseFile->db();
    db.exec("DROP TABLE event_keys; CREATE UNIQUE INDEX ingest_unique_doc_hash ON events (doc_hash)");

    spoor::ingest::ImportOptions force;
    force.force = true;
    const auto again = fixture.import(paths, force);
    QCOMPARE(again.duplicates(), std::uint64_t(8));
    QCOMPARE(fixture.count("SELECT count(*) FROM events"), qint64(8));
    // Each event has an event.id on host-1, and the hits an _id too.
    QCOMPARE(fixture.count("SELECT count(*) FROM event_keys"), qint64(11));
    QCOMPARE(fixture.count("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'ingest_unique%'"), qint64(0));
}

QTEST_GUILESS_MAIN(TestEventKeys)
#include "test_event_keys.moc"
