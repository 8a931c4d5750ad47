#include "common/shared_data.h"
#include "eql/eql_error.h"
#include "eql_test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QTest>
#include <toml++/toml.h>

namespace {

// Reads the `query` key of a detection-rules TOML file.
std::string ruleQuery(const QString& path)
{
    const toml::table rule = toml::parse_file(path.toStdString());
    return std::string(rule["rule"]["query"].value_or(std::string_view()));
}

// Events of one XZ backdoor connection, host h1 and user 0, as Elastic Defend reports them: the per-connection
// sshd exec (pid 100), the payload exec whose parent is that sshd, the sshd end with exit code 255, and the
// disconnect. Times in ms.
const char* xzTemplate = R"([
 {"id": 1, "t": 1000, "host": {"id": "h1", "os": {"type": "linux"}}, "user": {"id": "0"},
  "event": {"category": ["process"], "type": ["start"], "action": "exec"},
  "process": {"name": "sshd", "pid": 100, "entity_id": "e100", "args": ["/usr/sbin/sshd", "-D", "-R"]}},
 {"id": 2, "t": 1200, "host": {"id": "h1", "os": {"type": "linux"}}, "user": {"id": "0"},
  "event": {"category": ["process"], "type": ["start"], "action": "exec"},
  "process": {"name": "sh", "pid": 101, "entity_id": "e101", "executable": "/bin/sh",
              "parent": {"name": "sshd", "pid": 100, "entity_id": "e100"}}},
 {"id": 3, "t": 1500, "host": {"id": "h1", "os": {"type": "linux"}}, "user": {"id": "0"},
  "event": {"category": ["process"], "type": ["end"], "action": "end"},
  "process": {"name": "sshd", "pid": 100, "entity_id": "e100", "exit_code": 255}},
 {"id": 4, "t": 1900, "host": {"id": "h1", "os": {"type": "linux"}}, "user": {"id": "0"},
  "event": {"category": ["network"], "type": ["end"], "action": "disconnect_received"},
  "process": {"name": "sshd", "pid": 100, "entity_id": "e100"}}
])";

} // namespace

class TestEqlSequence : public QObject
{
    Q_OBJECT

private slots:
    void sequences_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("events");
        QTest::addColumn<QString>("expected");

        const QString ab = QStringLiteral(R"([{"id": 1, "t": 0, "k": "x", "event": {"category": "a"}},
                                               {"id": 2, "t": 1000, "k": "x", "event": {"category": "b"}}])");
        QTest::newRow("maxspan exactly equal")
            << "sequence with maxspan=1s [a where true] [b where true]" << ab << "1,2";
        QTest::newRow("maxspan one unit over")
            << "sequence with maxspan=999ms [a where true] [b where true]" << ab << "";
        QTest::newRow("no maxspan") << "sequence [a where true] [b where true]" << ab << "1,2";
        QTest::newRow("order matters") << "sequence [b where true] [a where true]" << ab << "";

        const QString keyed = QStringLiteral(R"([{"id": 1, "k": "x", "event": {"category": "a"}},
                                                  {"id": 2, "k": "y", "event": {"category": "a"}},
                                                  {"id": 3, "k": "y", "event": {"category": "b"}},
                                                  {"id": 4, "k": "x", "event": {"category": "b"}},
                                                  {"id": 5, "event": {"category": "a"}},
                                                  {"id": 6, "event": {"category": "b"}}])");
        QTest::newRow("join key") << "sequence by k [a where true] [b where true]" << keyed << "2,3;1,4";
        QTest::newRow("missing key does not join")
            << "sequence by k [a where true] [b where true]" << keyed << "2,3;1,4";
        QTest::newRow("optional missing key joins")
            << "sequence by ?k [a where true] [b where true]" << keyed << "2,3;1,4;5,6";
        QTest::newRow("no key") << "sequence [a where true] [b where true]" << keyed << "2,3;5,6";

        const QString pending = QStringLiteral(R"([{"id": 1, "event": {"category": "a"}},
                                                    {"id": 2, "event": {"category": "a"}},
                                                    {"id": 3, "event": {"category": "b"}},
                                                    {"id": 4, "event": {"category": "b"}}])");
        QTest::newRow("most recent pending wins") << "sequence [a where true] [b where true]" << pending << "2,3";

        const QString serial = QStringLiteral(R"([{"id": 1, "n": 1, "event": {"category": "e"}},
                                                   {"id": 2, "n": 2, "event": {"category": "e"}},
                                                   {"id": 3, "n": 3, "event": {"category": "e"}},
                                                   {"id": 4, "n": 4, "event": {"category": "e"}},
                                                   {"id": 5, "n": 5, "event": {"category": "e"}}])");
        QTest::newRow("complete one start another")
            << "sequence [e where n <= 3] [e where true] [e where true]" << serial << "1,2,3;2,3,4;3,4,5";
        QTest::newRow("head") << "sequence [e where n <= 3] [e where true] [e where true] | head 1" << serial
                              << "1,2,3";
        QTest::newRow("tail") << "sequence [e where n <= 3] [e where true] [e where true] | tail 2" << serial
                              << "2,3,4;3,4,5";
        QTest::newRow("runs") << "sequence [e where true] with runs=2 [e where n == 5]" << serial << "3,4,5";

        const QString multi = QStringLiteral(R"([{"id": 1, "k": ["x", "y", "x"], "event": {"category": "a"}},
                                                  {"id": 2, "k": "y", "event": {"category": "b"}},
                                                  {"id": 3, "k": ["x", null], "event": {"category": "b"}},
                                                  {"id": 4, "k": [], "event": {"category": "b"}}])");
        QTest::newRow("multi-valued key fans out")
            << "sequence by k [a where true] [b where true]" << multi << "1,2;1,3";

        const QString ordered = QStringLiteral(R"([{"id": 1, "k": "x", "event": {"category": "a"}},
                                                    {"id": 2, "k": "y", "event": {"category": "a"}},
                                                    {"id": 3, "k": "y", "event": {"category": "b"}},
                                                    {"id": 4, "k": "y", "event": {"category": "c"}},
                                                    {"id": 5, "k": "x", "event": {"category": "b"}},
                                                    {"id": 6, "k": "x", "event": {"category": "c"}}])");
        QTest::newRow("ordered by last event")
            << "sequence by k [a where true] [b where true] [c where true]" << ordered << "2,3,4;1,5,6";
        QTest::newRow("until cancels") << "sequence by k [a where true] [c where true] until [b where true]" << ordered
                                       << "";
        QTest::newRow("stage keys by position")
            << "sequence [a where true] by k [c where true] by k" << ordered << "2,4;1,6";

        const QString parent = QStringLiteral(R"([{"id": 1, "pid": 10, "event": {"category": "a"}},
                                                   {"id": 2, "ppid": 10, "pid": 11, "event": {"category": "b"}},
                                                   {"id": 3, "ppid": 12, "pid": 13, "event": {"category": "b"}}])");
        QTest::newRow("per-stage keys") << "sequence [a where true] by pid [b where true] by ppid" << parent << "1,2";

        const QString gaps = QStringLiteral(R"([{"id": 1, "t": 0, "event": {"category": "a"}},
                                                 {"id": 2, "t": 100, "event": {"category": "x"}},
                                                 {"id": 3, "t": 200, "event": {"category": "b"}},
                                                 {"id": 4, "t": 300, "event": {"category": "a"}},
                                                 {"id": 5, "t": 400, "event": {"category": "b"}}])");
        QTest::newRow("missing inner") << "sequence with maxspan=1s [a where true] ![x where true] [b where true]"
                                       << gaps << "4,-,5";
        QTest::newRow("missing trailing")
            << "sequence with maxspan=1s [a where true] [b where true] ![x where true]" << gaps << "1,3,-;4,5,-";
        QTest::newRow("missing leading") << "sequence with maxspan=150ms ![x where true] [b where true]" << gaps
                                         << "-,5";
    }

    void sequences()
    {
        QFETCH(QString, query);
        QFETCH(QString, events);
        QFETCH(QString, expected);
        QCOMPARE(matchIds(runQuery(query.toStdString(), events.toStdString())), expected);
    }

    void joinKeysReported()
    {
        const auto matches = runQuery("sequence by k [a where true] by p [b where true] by p",
                                      R"([{"id": 1, "k": "x", "p": 5, "event": {"category": "a"}},
                                          {"id": 2, "k": "x", "p": 5, "event": {"category": "b"}}])");
        QCOMPARE(matchKeys(matches), QStringLiteral("x,5"));
    }

    void boundedStateOnLongStreams()
    {
        // A million unmatched starts with distinct keys: the sweep drops each once maxspan has passed.
        const auto query = spoor::eql::Query::parse("sequence by k with maxspan=1s [a where true] [b where true]");
        spoor::eql::Executor executor(query);
        spoor::ecs::Event event;
        event.set("event.category", "a");
        for (std::int64_t i = 0; i < 200'000; ++i) {
            event.set("k", i);
            executor.push({i, event, i * 10'000'000});
        }
        event.set("event.category", "b");
        event.set("k", std::int64_t(199'999));
        executor.push({200'000, event, 199'999 * 10'000'000LL + 5});
        QCOMPARE(matchIds(executor.finish()), QStringLiteral("199999,200000"));
    }

    void stateFreedWithoutMaxspan()
    {
        // Without maxspan nothing expires by time. Still, a key whose sequences all completed keeps no state, and
        // until marks older than every pending sequence of their key are dropped because they can cancel none.
        const auto query = spoor::eql::Query::parse("sequence by k [a where true] [b where true] until [c where true]");
        spoor::eql::Executor executor(query);
        spoor::ecs::Event event;
        std::int64_t id = 0;
        for (std::int64_t k = 0; k < 50'000; ++k) {
            event.set("k", k);
            for (const char* category : {"a", "b"}) {
                event.set("event.category", category);
                executor.push({id, event, id});
                ++id;
            }
        }
        event.set("k", std::int64_t(-1));
        for (const char* category : {"a", "c", "c", "c", "a"}) {
            event.set("event.category", category);
            executor.push({id, event, id});
            ++id;
        }
        for (int i = 0; i < 2'000; ++i) { // unrelated events let the periodic sweep run
            event.set("event.category", "x");
            executor.push({id, event, id});
            ++id;
        }
        // 50,000 accepted matches, plus the key -1 with its one pending sequence; its until marks are gone.
        QCOMPARE(executor.stateSize(), std::size_t(50'000 + 2));
        event.set("event.category", "b");
        executor.push({id, event, id});
        QCOMPARE(executor.finish().size(), std::size_t(50'001));
    }

    void eventSinkMatchesFinish_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("size");         // the size option; -1: none
        QTest::addColumn<int>("maxStateSize"); // the maximum number of results kept during push()
        QTest::newRow("no pipes") << "a where true" << -1 << 0;
        QTest::newRow("head") << "a where true | head 7" << -1 << 0;
        QTest::newRow("size option") << "a where true" << 10 << 0;
        QTest::newRow("tail") << "a where true | tail 5" << -1 << 2 * 5 + 1024;
        QTest::newRow("head then tail") << "a where true | head 3000 | tail 4" << -1 << 2 * 4 + 1024;
        QTest::newRow("tail then head") << "a where true | tail 2000 | head 3" << -1 << 2 * 2000 + 1024;
        QTest::newRow("tail and size") << "a where true | tail 50" << 20 << 2 * 50 + 1024;
    }

    void eventSinkMatchesFinish()
    {
        QFETCH(QString, query);
        QFETCH(int, size);
        QFETCH(int, maxStateSize);
        const auto parsed = spoor::eql::Query::parse(query.toStdString());
        spoor::eql::QueryOptions options;
        if (size >= 0)
            options.size = static_cast<std::size_t>(size);

        spoor::eql::Executor collecting(parsed, options);
        spoor::eql::Executor streaming(parsed, options);
        std::vector<spoor::eql::Match> streamed;
        streaming.setMatchSink([&streamed](spoor::eql::Match&& match) { streamed.push_back(std::move(match)); });
        spoor::ecs::Event event;
        std::size_t largestState = 0;
        for (std::int64_t id = 0; id < 10'000; ++id) {
            event.set("event.category", id % 3 == 0 ? "b" : "a");
            collecting.push({id, event, id});
            streaming.push({id, event, id});
            largestState = std::max(largestState, streaming.stateSize());
        }
        const auto expected = collecting.finish();
        QVERIFY(streaming.finish().empty());
        QVERIFY(!expected.empty());
        QCOMPARE(matchIds(streamed), matchIds(expected));
        QVERIFY2(largestState <= static_cast<std::size_t>(maxStateSize), qPrintable(QString::number(largestState)));
    }

    void xzRule_data()
    {
        QTest::addColumn<QStringList>("patches");
        QTest::addColumn<qint64>("disconnectNs");
        QTest::addColumn<QString>("expected");
        const QStringList none = {"{}", "{}", "{}", "{}"};
        const qint64 onTime = 1'900'000'000;
        QTest::newRow("match") << none << onTime << "1,2,3,4";
        QTest::newRow("disconnect exactly 1 s later") << none << qint64(2'000'000'000) << "1,2,3,4";
        QTest::newRow("disconnect 1 s + 1 ns later") << none << qint64(2'000'000'001) << "";
        QTest::newRow("wrong parent") << QStringList{"{}", R"({"process.parent.pid": 999})", "{}", "{}"} << onTime
                                      << "";
        QTest::newRow("exit code 0") << QStringList{"{}", "{}", R"({"process.exit_code": 0})", "{}"} << onTime << "";
        QTest::newRow("no executable still matches")
            << QStringList{"{}", R"({"process.executable": null})", "{}", "{}"} << onTime << "1,2,3,4";
        QTest::newRow("payload is sshd") << QStringList{"{}", R"({"process.executable": "/usr/sbin/sshd"})", "{}", "{}"}
                                         << onTime << "";
        QTest::newRow("only -D") << QStringList{R"({"process.args": ["/usr/sbin/sshd", "-D"]})", "{}", "{}", "{}"}
                                 << onTime << "";
        QTest::newRow("disconnect without user")
            << QStringList{"{}", "{}", "{}", R"({"user.id": null})"} << onTime << "";
        QTest::newRow("disconnect by another pid")
            << QStringList{"{}", "{}", "{}", R"({"process.pid": 555, "process.entity_id": "e555"})"} << onTime << "";
    }

    void xzRule()
    {
        SPOOR_REQUIRE_SHARED(folder, "rules/xzbackdoor-history");
        QFETCH(QStringList, patches);
        QFETCH(qint64, disconnectNs);
        QFETCH(QString, expected);
        const QStringList files = QDir(folder).entryList({"2024-04-02_*.toml"});
        QCOMPARE(files.size(), 1);
        const auto query = spoor::eql::Query::parse(ruleQuery(QDir(folder).filePath(files.first())));
        QCOMPARE(query.stepCount(), std::size_t(4));

        spoor::eql::Executor executor(query);
        const auto events = nlohmann::json::parse(xzTemplate);
        for (std::size_t i = 0; i < events.size(); ++i) {
            spoor::ecs::Event fields = spoor::ecs::flatten(events[i]);
            const spoor::ecs::Event patch = spoor::ecs::flatten(nlohmann::json::parse(patches[int(i)].toStdString()));
            for (const auto& [path, value] : patch.fields())
                fields.set(path, value);
            const std::int64_t id = events[i]["id"].get<std::int64_t>();
            const std::int64_t timeNs = id == 4 ? disconnectNs : events[i]["t"].get<std::int64_t>() * 1'000'000;
            executor.push({id, fields, timeNs});
        }
        const auto matches = executor.finish();
        QCOMPARE(matchIds(matches), expected);
        if (!matches.empty())
            QCOMPARE(matchKeys(matches), QStringLiteral("h1,0,100,e100"));
    }

    void detectionRulesParse()
    {
        SPOOR_REQUIRE_SHARED(folder, "rules/detection-rules");
        int parsed = 0;
        QStringList failures;
        QDirIterator it(folder, {"*.toml"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            try {
                spoor::eql::Query::parse(ruleQuery(file));
                ++parsed;
            } catch (const std::exception& error) {
                failures << QDir(folder).relativeFilePath(file) + ": " + QString::fromUtf8(error.what());
            }
        }
        for (const QString& failure : failures)
            qInfo().noquote() << failure;
        qInfo().noquote() << QStringLiteral("%1 of %2 detection rules parse").arg(parsed).arg(parsed + failures.size());
        QCOMPARE(failures.size(), 0);
    }

    void xzHistoryParses()
    {
        SPOOR_REQUIRE_SHARED(folder, "rules/xzbackdoor-history");
        const QStringList files = QDir(folder).entryList({"*.toml"}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 13);
        for (const QString& file : files) {
            const std::string query = ruleQuery(QDir(folder).filePath(file));
            try {
                const auto parsed = spoor::eql::Query::parse(query);
                QVERIFY2(parsed.kind() == spoor::eql::Query::Kind::Sequence, qPrintable(file));
            } catch (const spoor::eql::EqlError& error) {
                QFAIL(qPrintable(file + QStringLiteral(": ") + QString::fromUtf8(error.what())));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestEqlSequence)
#include "test_eql_sequence.moc"
