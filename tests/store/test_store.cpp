#include "store/case_file.h"
#include "store/schema.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <future>
#include <latch>
#include <thread>
#include <vector>

using spoor::store::CaseFile;
using spoor::store::StoreError;

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void createSetsSchemaVersion()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.spoor")).toStdString();
        auto caseFile = CaseFile::open(path);
        auto statement = caseFile.db().prepare("PRAGMA user_version");
        QVERIFY(statement.step());
        QCOMPARE(statement.int64(0), std::int64_t(spoor::store::currentSchemaVersion));
        auto mode = caseFile.db().prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), std::string("wal"));
    }

    void reopenKeepsData()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.spoor")).toStdString();
        {
            auto caseFile = CaseFile::open(path);
            caseFile.db().exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
        }
        auto caseFile = CaseFile::open(path, CaseFile::Access::ReadOnly);
        auto statement = caseFile.db().prepare("SELECT value FROM meta WHERE key = ?");
        statement.bind(1, "k");
        QVERIFY(statement.step());
        QCOMPARE(statement.text(0), std::string("v"));
    }

    void rejectsForeignDatabase()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("other.db")).toStdString();
        {
            spoor::store::Database db(path, spoor::store::Database::Mode::ReadWriteCreate);
            db.exec("CREATE TABLE t (x)");
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, CaseFile::open(path));
    }

    void rejectsNewerSchema()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("new.spoor")).toStdString();
        {
            auto caseFile = CaseFile::open(path);
            caseFile.db().exec("PRAGMA user_version = 99");
        }
        try {
            CaseFile::open(path);
            QFAIL("opening a newer case file must fail");
        } catch (const StoreError& error) {
            QVERIFY(std::string(error.what()).find("newer") != std::string::npos);
        }
    }

    void rejectsNonDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("text.spoor"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        QVERIFY_THROWS_EXCEPTION(StoreError, CaseFile::open(path.toStdString()));
    }

    void migratesVersion1Case()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("v1.spoor")).toStdString();
        {
            // A version-1 case: the current schema without what version 2 added.
            auto caseFile = CaseFile::open(path);
            caseFile.db().exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
            caseFile.db().exec("DROP TABLE exclusions");
            caseFile.db().exec("DROP TABLE document_blocks; ALTER TABLE events DROP COLUMN doc_block;"
                               " ALTER TABLE events DROP COLUMN doc_slot; ALTER TABLE events ADD COLUMN document TEXT");
            caseFile.db().exec("PRAGMA user_version = 1");
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, CaseFile::open(path, CaseFile::Access::ReadOnly));

        auto caseFile = CaseFile::open(path);
        auto version = caseFile.db().prepare("PRAGMA user_version");
        QVERIFY(version.step());
        QCOMPARE(version.int64(0), std::int64_t(spoor::store::currentSchemaVersion));
        auto table = caseFile.db().prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'exclusions'");
        QVERIFY(table.step());
        QCOMPARE(table.int64(0), std::int64_t(1));
        auto kept = caseFile.db().prepare("SELECT value FROM meta WHERE key = 'k'");
        QVERIFY(kept.step());
        QCOMPARE(kept.text(0), std::string("v"));
        caseFile.db().exec("INSERT INTO exclusions (rule_id, field, value, reason, created_at)"
                           " VALUES ('r', 'host.name', 'web-00', 'lab host', '2024-04-03T00:00:00Z')");
    }

    void transactionRollsBack()
    {
        QTemporaryDir dir;
        auto caseFile = CaseFile::open(dir.filePath(QStringLiteral("a.spoor")).toStdString());
        {
            spoor::store::Transaction transaction(caseFile.db());
            caseFile.db().exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
        }
        auto statement = caseFile.db().prepare("SELECT count(*) FROM meta");
        QVERIFY(statement.step());
        QCOMPARE(statement.int64(0), std::int64_t(0));
    }

    // Connections that open a new case at the same moment must all succeed. Each round races them on a fresh file,
    // because the schema is created only once per file.
    void concurrentOpenCreatesSchemaOnce()
    {
        constexpr int rounds = 10;
        constexpr int connections = 6;
        QTemporaryDir dir;
        for (int round = 0; round < rounds; ++round) {
            const std::string path = dir.filePath(QStringLiteral("race-%1.spoor").arg(round)).toStdString();
            std::latch start(connections);
            std::vector<std::string> errors(connections);
            std::vector<std::thread> threads;
            for (int i = 0; i < connections; ++i) {
                threads.emplace_back([&, i] {
                    start.arrive_and_wait();
                    try {
                        CaseFile::open(path);
                    } catch (const StoreError& error) {
                        errors[i] =
                            std::string(error.what()) + " (SQLite code " + std::to_string(error.sqliteCode()) + ")";
                    }
                });
            }
            for (auto& thread : threads)
                thread.join();
            for (const auto& error : errors)
                QVERIFY2(error.empty(), error.c_str());
            auto caseFile = CaseFile::open(path, CaseFile::Access::ReadOnly);
            auto statement = caseFile.db().prepare("PRAGMA user_version");
            QVERIFY(statement.step());
            QCOMPARE(statement.int64(0), std::int64_t(spoor::store::currentSchemaVersion));
        }
    }

    void openWaitsForWriterThenSucceeds()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.spoor")).toStdString();
        spoor::store::Database writer(path, spoor::store::Database::Mode::ReadWriteCreate);
        writer.exec("PRAGMA journal_mode = WAL");
        writer.exec("BEGIN IMMEDIATE");
        auto opening = std::async(std::launch::async, [&] { return CaseFile::open(path); });
        QCOMPARE(opening.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
        writer.exec("ROLLBACK");
        auto caseFile = opening.get();
        auto statement = caseFile.db().prepare("PRAGMA user_version");
        QVERIFY(statement.step());
        QCOMPARE(statement.int64(0), std::int64_t(spoor::store::currentSchemaVersion));
    }

    // Waits for the busy timeout, 5 s, before the open fails.
    void busyCaseNamesLockHolder()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.spoor")).toStdString();
        spoor::store::Database writer(path, spoor::store::Database::Mode::ReadWriteCreate);
        writer.exec("PRAGMA journal_mode = WAL");
        writer.exec("BEGIN IMMEDIATE");
        try {
            CaseFile::open(path);
            QFAIL("opening a case that another connection is writing did not fail after the busy timeout");
        } catch (const StoreError& error) {
            const std::string message = error.what();
            QVERIFY2(message.starts_with("the case file " + path + " is busy"), error.what());
            QVERIFY2(message.find("run this again once it has finished") != std::string::npos, error.what());
            QCOMPARE(error.sqliteCode() & 0xff, 5); // SQLITE_BUSY
        }
        writer.exec("ROLLBACK");
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
