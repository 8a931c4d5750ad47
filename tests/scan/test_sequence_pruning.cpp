// Which sequence queries can be pruned by their join keys, and which candidates the pruning keeps.

#include "eql/query.h"
#include "scan/sequence_pruning.h"

#include <QTest>

using spoor::eql::Query;
using spoor::scan::KeyHash;
using spoor::scan::PruningPlan;
using spoor::scan::SequenceCandidate;

namespace {

constexpr std::int64_t second = 1'000'000'000;

// A plan of `stages` stages that all join on one key set, for candidates built by hand.
PruningPlan handPlan(std::size_t stages, std::int64_t maxspanNs)
{
    PruningPlan plan;
    plan.stageConditions.resize(stages);
    plan.stageKeySet.assign(stages, 0);
    plan.keySets.resize(1);
    plan.maxspanNs = maxspanNs;
    return plan;
}

struct HandCandidate
{
    std::int64_t seconds;
    std::uint32_t stages;
    KeyHash key;
};

// Runs the pruning over candidates given as (time in seconds, stage bits, key). Returns one character per
// candidate: 'k' kept, '-' dropped.
QString prune(const PruningPlan& plan, const std::vector<HandCandidate>& hand)
{
    std::vector<SequenceCandidate> candidates;
    std::vector<KeyHash> keys;
    for (const auto& c : hand) {
        candidates.push_back({c.seconds * second, c.stages, keys.size()});
        keys.push_back(c.key);
    }
    const std::vector<bool> useful = spoor::scan::findUsefulCandidates(candidates, keys, plan);
    QString kept;
    for (const bool flag : useful)
        kept += flag ? QLatin1Char('k') : QLatin1Char('-');
    return kept;
}

} // namespace

Q_DECLARE_METATYPE(std::vector<HandCandidate>)

namespace {

constexpr std::uint32_t stage0 = 1, stage1 = 2, stage2 = 4;
constexpr KeyHash keyA = 11, keyB = 22, unknown = spoor::scan::unknownKey;

const char* const xzQuery =
    "sequence by host.id, user.id with maxspan=1s"
    " [process where host.os.type == \"linux\" and event.type == \"start\" and event.action == \"exec\" and"
    "   process.name == \"sshd\" and process.args == \"-D\" and process.args == \"-R\"] by process.pid,"
    "   process.entity_id"
    " [process where host.os.type == \"linux\" and event.type == \"start\" and event.action == \"exec\" and"
    "   process.parent.name == \"sshd\" and process.executable != \"/usr/sbin/sshd\"] by process.parent.pid,"
    "   process.parent.entity_id"
    " [process where host.os.type == \"linux\" and event.action == \"end\" and process.name == \"sshd\" and"
    "   process.exit_code != 0] by process.pid, process.entity_id"
    " [network where host.os.type == \"linux\" and event.type == \"end\" and event.action == \"disconnect_received\""
    "   and process.name == \"sshd\"] by process.pid, process.entity_id";

} // namespace

class TestSequencePruning : public QObject
{
    Q_OBJECT

private slots:
    void planForXzRule();
    void planRejects_data();
    void planRejects();
    void prune_data();
    void prune();
};

void TestSequencePruning::planForXzRule()
{
    const auto plan = spoor::scan::planPruning(Query::parse(xzQuery).analysed());
    QVERIFY(plan.has_value());
    QCOMPARE(plan->stageConditions.size(), std::size_t(4));
    QCOMPARE(plan->maxspanNs, second);
    QCOMPARE(plan->keySets.size(), std::size_t(2)); // (pid, entity_id) and (parent pid, parent entity_id)
    QCOMPARE(plan->stageKeySet, (std::vector<std::size_t>{0, 1, 0, 0}));
    QCOMPARE(plan->keySets[1][2].name, std::string_view("parent_pid"));
}

void TestSequencePruning::planRejects_data()
{
    QTest::addColumn<QString>("query");
    const QString a = QStringLiteral("[process where process.name == \"a\"]");
    const QString b = QStringLiteral("[process where process.name == \"b\"]");
    QTest::newRow("no maxspan") << "sequence by host.id " + a + b;
    QTest::newRow("until") << "sequence by host.id with maxspan=1s " + a + b + " until " + a;
    QTest::newRow("missing stage") << "sequence by host.id with maxspan=1s " + a + " ![any where true] " + b;
    QTest::newRow("stage without condition") << "sequence by host.id with maxspan=1s " + a + " [any where true]";
    QTest::newRow("key without column") << "sequence by process.args with maxspan=1s " + a + b;
    QTest::newRow("key on joined column") << "sequence by event.type with maxspan=1s " + a + b;
    QTest::newRow("key is a function") << "sequence by length(host.id) with maxspan=1s " + a + b;
    QTest::newRow("integer and text keys")
        << "sequence with maxspan=1s " + a + " by process.pid " + b + " by process.name";
    QTest::newRow("event query") << a.mid(1, a.size() - 2);
}

void TestSequencePruning::planRejects()
{
    QFETCH(QString, query);
    QVERIFY(!spoor::scan::planPruning(Query::parse(query.toStdString()).analysed()).has_value());
}

void TestSequencePruning::prune_data()
{
    QTest::addColumn<std::vector<HandCandidate>>("candidates");
    QTest::addColumn<QString>("kept");

    QTest::newRow("chain within maxspan")
        << std::vector<HandCandidate>{{0, stage0, keyA}, {1, stage1, keyA}, {2, stage2, keyA}} << "kkk";
    QTest::newRow("each step within maxspan")
        << std::vector<HandCandidate>{{0, stage0, keyA}, {5, stage1, keyA}, {10, stage2, keyA}} << "kkk";
    QTest::newRow("beyond maxspan") << std::vector<HandCandidate>{{0, stage0, keyA},
                                                                  {6, stage1, keyA},
                                                                  {7, stage2, keyA}}
                                    << "---";
    QTest::newRow("other key") << std::vector<HandCandidate>{{0, stage0, keyA}, {1, stage1, keyB}, {2, stage2, keyB}}
                               << "---";
    QTest::newRow("no last stage") << std::vector<HandCandidate>{{0, stage0, keyA}, {1, stage1, keyA}} << "--";
    QTest::newRow("later stage first") << std::vector<HandCandidate>{{0, stage1, keyA},
                                                                     {1, stage0, keyA},
                                                                     {2, stage2, keyA}}
                                       << "---";
    QTest::newRow("both stage starts kept")
        << std::vector<HandCandidate>{{0, stage0, keyA}, {1, stage0, keyA}, {2, stage1, keyA}, {3, stage2, keyA}}
        << "kkkk";
    QTest::newRow("unknown key joins any")
        << std::vector<HandCandidate>{{0, stage0, keyA}, {1, stage1, unknown}, {2, stage2, keyB}} << "kkk";
    QTest::newRow("any key joins unknown")
        << std::vector<HandCandidate>{{0, stage0, unknown}, {1, stage1, keyA}, {2, stage2, keyA}} << "kkk";
    QTest::newRow("not its own partner") << std::vector<HandCandidate>{{0, stage0 | stage1, keyA}, {1, stage2, keyA}}
                                         << "--";
    QTest::newRow("one event at two stages")
        << std::vector<HandCandidate>{{0, stage0, keyA}, {1, stage1 | stage2, keyA}, {2, stage2, keyA}} << "kkk";
    QTest::newRow("time going back keeps all")
        << std::vector<HandCandidate>{{3, stage2, keyA}, {1, stage0, keyB}} << "kk";
}

void TestSequencePruning::prune()
{
    QFETCH(std::vector<HandCandidate>, candidates);
    QFETCH(QString, kept);
    QCOMPARE(::prune(handPlan(3, 5 * second), candidates), kept);
}

QTEST_GUILESS_MAIN(TestSequencePruning)
#include "test_sequence_pruning.moc"
