#include "eql/field_mappings.h"
#include "eql/pushdown.h"
#include "eql/query.h"
#include "scan/candidate_reader.h"
#include "scan/event_order.h"
#include "scan/sequence_candidates.h"

#include <QTest>
#include <nlohmann/json.hpp>

using spoor::eql::Query;
using spoor::eql::SqlCondition;

namespace {

const char* const noCondition = "TRUE";

// Renders parameters as `"text"` and `42`, so that strings and integers differ.
QStringList renderParams(const SqlCondition& condition)
{
    QStringList rendered;
    for (const auto& param : condition.params) {
        if (param.isInt())
            rendered << QString::number(param.asInt());
        else
            rendered << QLatin1Char('"') + QString::fromStdString(param.asString()) + QLatin1Char('"');
    }
    return rendered;
}

QString renderSql(const std::optional<SqlCondition>& condition)
{
    return condition ? QString::fromStdString(condition->sql) : QString::fromLatin1(noCondition);
}

} // namespace

class TestPushDown : public QObject
{
    Q_OBJECT

private slots:
    void condition_data();
    void condition();
    void query_data();
    void query();
    void categoryFieldOtherThanDefault();
    void mappedTypeOtherThanColumn();
    void aliasUsesTargetColumn();
    void selectKeepsValuesOutOfSql();
};

void TestPushDown::condition_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("params");

    const QString category = QStringLiteral("instr(',' || category || ',', ?) > 0");
    const QString name = QStringLiteral("(process_name = ? OR process_name IS NULL)");

    QTest::newRow("category after equality")
        << "process where process.name == \"sshd\""
        << "(" + name + " AND " + category + ")" << QStringList{"\"sshd\"", "\",process,\""};
    QTest::newRow("any has no category") << "any where process.name == \"sshd\"" << name << QStringList{"\"sshd\""};
    QTest::newRow("constant on the left") << "any where \"sshd\" == process.name" << name << QStringList{"\"sshd\""};
    QTest::newRow("category alone") << "network where true" << category << QStringList{"\",network,\""};
    QTest::newRow("false matches nothing") << "network where false"
                                           << "(0 AND " + category + ")" << QStringList{"\",network,\""};

    QTest::newRow("integer column") << "any where process.pid == 42"
                                    << "(pid = ? OR pid IS NULL)" << QStringList{"42"};
    QTest::newRow("in") << "any where process.name in (\"sshd\", \"bash\")"
                        << "(process_name IN (?, ?) OR process_name IS NULL)" << QStringList{"\"sshd\"", "\"bash\""};
    QTest::newRow("in~") << "any where process.name in~ (\"SSHD\")"
                         << "(process_name COLLATE NOCASE = ? OR process_name IS NULL)" << QStringList{"\"SSHD\""};
    QTest::newRow("colon without wildcard")
        << "any where process.name : \"SSHD\""
        << "(process_name COLLATE NOCASE = ? OR process_name IS NULL)" << QStringList{"\"SSHD\""};
    QTest::newRow("colon with wildcard") << "any where process.name : \"ssh*\""
                                         << "(lower(process_name) GLOB lower(?) OR process_name IS NULL)"
                                         << QStringList{"\"ssh*\""};
    QTest::newRow("like escapes bracket")
        << "any where process.name like \"s[h?\""
        << "(process_name GLOB ? OR process_name IS NULL)" << QStringList{"\"s[[]h*\""};
    QTest::newRow("like with two patterns")
        << "any where process.name like (\"a*\", \"b\")"
        << "((process_name GLOB ? OR process_name = ?) OR process_name IS NULL)" << QStringList{"\"a*\"", "\"b\""};
    QTest::newRow("array column element")
        << "any where event.type == \"start\""
        << "(instr(',' || event_type || ',', ?) > 0 OR event_type IS NULL)" << QStringList{"\",start,\""};
    QTest::newRow("array column element in~")
        << "any where event.type in~ (\"START\", \"end\")"
        << "((instr(',' || lower(event_type) || ',', lower(?)) > 0 OR instr(',' || lower(event_type) || ',', "
           "lower(?)) > 0) OR event_type IS NULL)"
        << QStringList{"\",START,\"", "\",end,\""};
    QTest::newRow("optional field") << "any where ?process.name == \"sshd\"" << name << QStringList{"\"sshd\""};

    QTest::newRow("and keeps pushable part")
        << "any where process.name == \"sshd\" and stringContains(process.command_line, \"x\")" << name
        << QStringList{"\"sshd\""};
    QTest::newRow("and puts plain columns first")
        << "any where event.type == \"start\" and process.name == \"sshd\""
        << "(" + name + " AND (instr(',' || event_type || ',', ?) > 0 OR event_type IS NULL))"
        << QStringList{"\"sshd\"", "\",start,\""};
    QTest::newRow("not equal") << "any where process.name != \"sshd\""
                               << "(process_name != ? OR process_name IS NULL)" << QStringList{"\"sshd\""};
    QTest::newRow("not equal on integer column") << "any where process.exit_code != 0"
                                                 << "(exit_code != ? OR exit_code IS NULL)" << QStringList{"0"};
    QTest::newRow("or of pushable parts")
        << "any where process.name == \"sshd\" or process.pid == 7"
        << "(" + name + " OR (pid = ? OR pid IS NULL))" << QStringList{"\"sshd\"", "7"};

    const QStringList none;
    QTest::newRow("or with unpushable side")
        << "any where process.name == \"sshd\" or stringContains(process.command_line, \"x\")" << noCondition << none;
    QTest::newRow("not equal on array column") << "any where event.type != \"start\"" << noCondition << none;
    QTest::newRow("not equal numeric string") << "any where user.id != \"0\"" << noCondition << none;
    QTest::newRow("not") << "any where not process.name == \"sshd\"" << noCondition << none;
    QTest::newRow("range") << "any where process.pid > 5" << noCondition << none;
    QTest::newRow("regex") << "any where process.name regex \"ssh.*\"" << noCondition << none;
    QTest::newRow("function") << "any where startsWith(process.name, \"ssh\")" << noCondition << none;
    QTest::newRow("null comparison") << "any where process.name == null" << noCondition << none;
    QTest::newRow("field without column") << "any where process.args == \"-D\"" << noCondition << none;
    QTest::newRow("wildcard on array column") << "any where event.type : \"st*\"" << noCondition << none;
    QTest::newRow("numeric string") << "any where user.id == \"0\"" << noCondition << none;
    QTest::newRow("date string") << "any where process.name == \"2024-04-01T10:00:00Z\"" << noCondition << none;
    QTest::newRow("boolean string") << "any where process.name == \"true\"" << noCondition << none;
    QTest::newRow("integer beyond 2^53") << "any where process.pid == 9007199254740993" << noCondition << none;
    QTest::newRow("in with one unpushable item")
        << "any where process.name in (\"sshd\", \"0\")" << noCondition << none;
}

void TestPushDown::condition()
{
    QFETCH(QString, query);
    QFETCH(QString, sql);
    QFETCH(QStringList, params);

    const auto condition = spoor::eql::pushDownQuery(Query::parse(query.toStdString()).analysed());
    QCOMPARE(renderSql(condition), sql);
    QCOMPARE(condition ? renderParams(*condition) : QStringList(), params);
}

void TestPushDown::query_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("params");

    QTest::newRow("sequence stages and until")
        << "sequence by host.id [process where process.name == \"a\"] [process where process.name == \"b\"]"
           " until [process where process.name == \"c\"]"
        << QStringList{"\"a\"", "\",process,\"", "\"b\"", "\",process,\"", "\"c\"", "\",process,\""};
    QTest::newRow("missing stage")
        << "sequence with maxspan=1s [any where process.name == \"a\"] ![any where process.name == \"b\"]"
           " [any where process.name == \"c\"]"
        << QStringList{"\"a\"", "\"b\"", "\"c\""};
    QTest::newRow("sample") << "sample by host.id [any where process.name == \"a\"] [network where true]"
                            << QStringList{"\"a\"", "\",network,\""};
    QTest::newRow("one stage without condition")
        << "sequence [any where true] [process where process.name == \"a\"]" << QStringList();
}

void TestPushDown::query()
{
    QFETCH(QString, query);
    QFETCH(QStringList, params);

    const auto condition = spoor::eql::pushDownQuery(Query::parse(query.toStdString()).analysed());
    QCOMPARE(condition.has_value(), !params.isEmpty());
    if (condition) {
        QCOMPARE(renderParams(*condition), params);
        QVERIFY(condition->sql.starts_with("("));
        QVERIFY(condition->sql.find(" OR ") != std::string::npos);
    }
}

void TestPushDown::categoryFieldOtherThanDefault()
{
    const auto query = Query::parse("process where process.name == \"sshd\"");
    const auto condition = spoor::eql::pushDownQuery(query.analysed(), "custom.category");
    QVERIFY(condition.has_value());
    QCOMPARE(QString::fromStdString(condition->sql), QStringLiteral("(process_name = ? OR process_name IS NULL)"));
}

void TestPushDown::mappedTypeOtherThanColumn()
{
    auto mappings = std::make_shared<spoor::eql::FieldMappings>(spoor::eql::FieldMappings::ecsDefaults());
    mappings->add(spoor::eql::FieldMappings::fromJson(
        nlohmann::json::parse(R"({"properties": {"process": {"properties": {"name": {"type": "version"}}}}})"),
        "test mapping"));
    const auto query = Query::parse("any where process.name == \"sshd\"", mappings);
    QVERIFY(!spoor::eql::pushDownQuery(query.analysed()).has_value());
}

void TestPushDown::aliasUsesTargetColumn()
{
    auto mappings = std::make_shared<spoor::eql::FieldMappings>(spoor::eql::FieldMappings::ecsDefaults());
    mappings->add(spoor::eql::FieldMappings::fromJson(
        nlohmann::json::parse(R"({"properties": {"proc_name": {"type": "alias", "path": "process.name"},
                                    "process": {"properties": {"name": {"type": "keyword"}}}}})"),
        "test mapping"));
    const auto query = Query::parse("any where proc_name == \"sshd\"", mappings);
    const auto condition = spoor::eql::pushDownQuery(query.analysed());
    QVERIFY(condition.has_value());
    QCOMPARE(QString::fromStdString(condition->sql), QStringLiteral("(process_name = ? OR process_name IS NULL)"));
}

void TestPushDown::selectKeepsValuesOutOfSql()
{
    const auto query = Query::parse("process where process.name == \"x' OR 1=1 --\"");
    const auto condition = spoor::eql::pushDownQuery(query.analysed());
    QVERIFY(condition.has_value());
    const std::string sql =
        spoor::scan::CandidateReader::selectSql(spoor::scan::eventOrderFor("@timestamp"), condition);
    QVERIFY2(sql.find("1=1") == std::string::npos, sql.c_str());
    QVERIFY2(sql.find(" WHERE (") != std::string::npos, sql.c_str());
    QCOMPARE(renderParams(*condition).first(), QStringLiteral("\"x' OR 1=1 --\""));

    const auto sequence = Query::parse("sequence by host.id with maxspan=1s"
                                       " [process where process.name == \"x' OR 1=1 --\"] [network where true]");
    const auto plan = spoor::scan::planPruning(sequence.analysed());
    QVERIFY(plan.has_value());
    const std::string prunedSql = spoor::scan::sequenceCandidatesSql(spoor::scan::eventOrderFor("@timestamp"), *plan);
    QVERIFY2(prunedSql.find("1=1") == std::string::npos, prunedSql.c_str());
}

QTEST_GUILESS_MAIN(TestPushDown)
#include "test_pushdown.moc"
