#include "eql_test_support.h"

#include <QTest>

// Each row runs `any where CONDITION` on one event and checks whether the event matches.
class TestEqlEvaluator : public QObject
{
    Q_OBJECT

private:
    static void addRows(const char* document, const std::vector<std::pair<const char*, bool>>& rows)
    {
        for (const auto& [condition, expected] : rows)
            QTest::newRow(condition) << QString::fromUtf8(condition) << QString::fromUtf8(document) << expected;
    }

    static void check()
    {
        QFETCH(QString, condition);
        QFETCH(QString, document);
        QFETCH(bool, expected);
        const std::string events = "[" + document.toStdString() + "]";
        const auto matches = runQuery("any where " + condition.toStdString(), events);
        QCOMPARE(!matches.empty(), expected);
    }

    static void addColumns()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("document");
        QTest::addColumn<bool>("expected");
    }

private slots:
    void comparisons_data()
    {
        addColumns();
        addRows(R"({"id": 1, "name": "sshd", "pid": 42, "ratio": 0.5, "flag": true, "path": "/a*b"})",
                {{"name == \"sshd\"", true},
                 {"name == \"SSHD\"", false},
                 {"name != \"sshd\"", false},
                 {"name != \"bash\"", true},
                 {"pid == 42", true},
                 {"pid == 42.0", true},
                 {"pid != 41", true},
                 {"pid < 43 and pid <= 42 and pid > 41 and pid >= 42", true},
                 {"pid > 42", false},
                 {"ratio < 1", true},
                 {"name < \"t\" and name > \"s\"", true},
                 {"flag == true", true},
                 {"flag", true},
                 {"not flag", false},
                 {"path == \"/a*b\"", true},
                 {"path == \"/a*\"", false},
                 {"name == \"sshd\" and (pid == 1 or pid == 42)", true},
                 {"not (name == \"sshd\" and pid == 1)", true},
                 {"true", true},
                 {"false", false}});
    }
    void comparisons() { check(); }

    void arrays_data()
    {
        addColumns();
        addRows(R"({"id": 1, "args": ["sshd", "-D", "-R"], "cat": ["process"], "nums": [1, 5], "empty": []})",
                {{"args == \"-D\"", true},
                 {"args == \"-D\" and args == \"-R\"", true},
                 {"args == \"-X\"", false},
                 {"args != \"-D\"", false},
                 {"args != \"-X\"", true},
                 {"not args == \"-D\"", false},
                 {"args in (\"-X\", \"-R\")", true},
                 {"args not in (\"-X\", \"-R\")", false},
                 {"args : \"-d\"", true},
                 {"args like \"ss*\"", true},
                 {"nums > 4", true},
                 {"nums < 1", false},
                 {"length(args) == 2", true},
                 {"startsWith(args, \"ss\")", true},
                 {"empty == null", true},
                 {"empty != null", false},
                 {"args != null", true}});
    }
    void arrays() { check(); }

    void nullsAndMissing_data()
    {
        addColumns();
        addRows(R"({"id": 1, "present": "x", "nothing": null, "code": 0})", {{"missing == null", true},
                                                                             {"missing != null", false},
                                                                             {"nothing == null", true},
                                                                             {"nothing != null", false},
                                                                             {"present != null", true},
                                                                             {"missing == \"x\"", false},
                                                                             {"missing != \"x\"", true},
                                                                             {"not missing == \"x\"", true},
                                                                             {"missing not in (\"x\")", true},
                                                                             {"not missing : \"x*\"", true},
                                                                             {"missing > 0", false},
                                                                             {"not missing > 0", true},
                                                                             {"missing >= 0", false},
                                                                             {"null == (missing > -1)", true},
                                                                             {"concat(present, missing) == null", true},
                                                                             {"length(missing) > 0", false},
                                                                             {"not length(missing) > 0", false},
                                                                             {"code != 0", false},
                                                                             {"code == 0", true}});
    }
    void nullsAndMissing() { check(); }

    void patterns_data()
    {
        addColumns();
        addRows(R"({"id": 1, "exe": "/usr/SBIN/sshd", "key": "\\REGISTRY\\SAM\\SAM\\Account", "u": "h\u00e9!"})",
                {{"exe : \"/usr/sbin/sshd\"", true},
                 {"exe : \"*/SSHD\"", true},
                 {"exe : (\"x\", \"*sbin*\")", true},
                 {"exe : \"/usr/sbin/ssh?\"", true},
                 {"exe : \"/usr/sbin/ssh\"", false},
                 {"exe like \"*SBIN*\"", true},
                 {"exe like \"*sbin*\"", false},
                 {"exe like~ \"*sbin*\"", true},
                 {"exe regex \"/usr/[A-Z]+/sshd\"", true},
                 {"exe regex \"sshd\"", false},
                 {"exe regex~ \"/USR/sbin/.*\"", true},
                 {"exe regex \"\"\"/usr/\\S+/sshd\"\"\"", false},
                 {"key : \"*\\\\SAM\\\\*\\\\Account*\"", true},
                 {"u : \"h?!\"", true},
                 {"exe in~ (\"/USR/sbin/SSHD\")", true},
                 {"exe in (\"/usr/sbin/sshd\")", false},
                 {"exe in~ (\"/usr/*\")", false},
                 {"not exe : \"*sshd\"", false}});
    }
    void patterns() { check(); }

    // Every case-insensitive operator folds ASCII letters only, so é and É stay different for regex~ as for
    // ":", like~ and in~.
    void asciiFolding_data()
    {
        addColumns();
        addRows(R"({"id": 1, "u": "H\u00c9llo", "exe": "/usr/SBIN/sshd"})",
                {{"u regex~ \"h\u00e9llo\"", false},
                 {"u regex~ \"h\u00c9LLO\"", true},
                 {"u regex~ \"h[\u00e9]llo\"", false},
                 {"u regex~ \"h.llo\"", true},
                 {"u : \"h\u00e9llo\"", false},
                 {"u like~ \"h\u00e9*\"", false},
                 {"u in~ (\"h\u00e9llo\")", false},
                 {"u : \"h\u00c9LLO\"", true},
                 {"exe regex~ \"/usr/[a-z]+/SSHD\"", true},
                 {"exe regex~ \"/USR/[^a-z]+/sshd\"", false},
                 {"exe regex~ \"/usr/[r-t]bin/sshd\"", true},
                 {"exe regex~ \"/usr/[R-T]BIN/sshd\"", true},
                 {"exe regex~ \"/usr/[Z-a]*sbin/sshd\"", true},
                 {"exe regex~ \"\"\"/usr/\\s\\b\\i\\n/sshd\"\"\"", true},
                 {"exe regex \"/usr/sbin/sshd\"", false}});
    }
    void asciiFolding() { check(); }

    void arithmetic_data()
    {
        addColumns();
        addRows(R"({"id": 1, "n": 83, "neg": -10, "d": 2.5})",
                {{"n / 2 == 41", true},
                 {"n / 2.0 == 41.5", true},
                 {"n % 10 == 3", true},
                 {"neg % 6 == -4", true},
                 {"modulo(10, -6) == 4", true},
                 {"modulo(-10, -6) == -4", true},
                 {"n + 1 == 84 and n - 1 == 82 and n * 2 == 166", true},
                 {"-n == -83", true},
                 {"d * 2 == 5", true},
                 {"n / 0 == null", true},
                 {"add(n, 1) == 84 and subtract(-2, 4) == -6 and multiply(2, 3) == 6 and divide(7, 2) == 3", true}});
    }
    void arithmetic() { check(); }

    void functions_data()
    {
        addColumns();
        addRows(R"({"id": 1, "cmd": "start regsvr32.exe", "ip": "10.6.48.157", "ip6": "2001:db8::1",
                    "num": "0x1F", "spaced": " 12 ", "p": "C:\\Windows\\System32\\cmd.exe"})",
                {{"between(cmd, \"start \", \".exe\") == \"regsvr32\"", true},
                 {"between(cmd, \"x\", \".exe\") == \"\"", true},
                 {"between~(cmd, \"START \", \".EXE\") == \"regsvr32\"", true},
                 {"between(p, \"\\\\\", \"\\\\\", true) == \"Windows\\\\System32\"", true},
                 {"cidrMatch(ip, \"10.0.0.0/8\")", true},
                 {"cidrMatch(ip, \"192.168.0.0/16\", \"10.6.48.0/24\")", true},
                 {"cidrMatch(ip, \"192.168.0.0/16\")", false},
                 {"cidrMatch(ip6, \"2001:db8::/32\")", true},
                 {"concat(cmd, \"|\", 5, true) == \"start regsvr32.exe|5true\"", true},
                 {"endsWith(cmd, \".exe\") and endsWith~(cmd, \".EXE\") and not endsWith(cmd, \".EXE\")", true},
                 {"startsWith(cmd, \"start\") and startsWith~(cmd, \"START\")", true},
                 {"indexOf(cmd, \"r\") == 3 and indexOf(cmd, \"r\", 4) == 6", true},
                 {"indexOf(cmd, \"zzz\") == null", true},
                 {"indexOf(cmd, \"s\", 100) == null", true},
                 {"indexOf(cmd, \"s\", -5) == 0", true},
                 {"indexOf~(cmd, \"R\") == 3", true},
                 {"length(cmd) == 18", true},
                 {"number(num) == 31 and number(\"1F\", 16) == 31 and number(spaced) == 12", true},
                 {"number(\"2.5\") == 2.5", true},
                 {"number(\"\") == null", true},
                 {"string(true) == \"true\" and string(5) == \"5\"", true},
                 {"stringContains(cmd, \"regsvr\") and stringContains~(cmd, \"Regsvr32\")", true},
                 {"substring(cmd, -4, -1) == \".ex\"", true},
                 {"substring(cmd, 6) == \"regsvr32.exe\" and substring(cmd, 0, 5) == \"start\"", true},
                 {"substring(cmd, 10, 2) == \"\"", true},
                 {"STARTSWITH(cmd, \"start\")", true}});
    }
    void functions() { check(); }

    void categoryArray()
    {
        const auto matches =
            runQuery("process where true", R"([{"id": 1, "event": {"category": ["network", "process"]}},
                                                              {"id": 2, "event": {"category": "file"}},
                                                              {"id": 3},
                                                              {"id": 4, "event": {"category": "PROCESS"}}])");
        QCOMPARE(matchIds(matches), QStringLiteral("1"));
    }

    void categoryFieldOption()
    {
        spoor::eql::QueryOptions options;
        options.eventCategoryField = "event_type";
        const auto matches = runQuery("file where true", R"([{"id": 1, "event_type": "file"}, {"id": 2}])", options);
        QCOMPARE(matchIds(matches), QStringLiteral("1"));
    }

    void optionalUnmappedField()
    {
        spoor::eql::QueryOptions options;
        options.mappedFields.emplace();
        options.mappedFields->insert("name");
        const std::string events = R"([{"id": 1, "name": "a"}, {"id": 2}])";
        QCOMPARE(matchIds(runQuery("any where ?x != \"a\"", events, options)), QString());
        QCOMPARE(matchIds(runQuery("any where ?x == null", events, options)), QStringLiteral("1;2"));
        QCOMPARE(matchIds(runQuery("any where not (?x == \"a\")", events, options)), QString());
        QCOMPARE(matchIds(runQuery("any where ?name != \"a\"", events, options)), QStringLiteral("2"));
        QCOMPARE(matchIds(runQuery("any where ?x != \"a\"", events)), QStringLiteral("1;2"));
    }

    void pipes_data()
    {
        QTest::addColumn<QString>("pipes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << ""
                              << "1;2;3;4;5";
        QTest::newRow("head") << "| head 2"
                              << "1;2";
        QTest::newRow("tail") << "| tail 2"
                              << "4;5";
        QTest::newRow("head then tail") << "| head 4 | tail 2"
                                        << "3;4";
        QTest::newRow("tail then head") << "| tail 3 | head 1"
                                        << "3";
        QTest::newRow("head zero") << "| head 0"
                                   << "";
    }

    void pipes()
    {
        QFETCH(QString, pipes);
        QFETCH(QString, expected);
        const auto matches = runQuery("any where true " + pipes.toStdString(),
                                      R"([{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}, {"id": 5}])");
        QCOMPARE(matchIds(matches), expected);
    }
};

QTEST_GUILESS_MAIN(TestEqlEvaluator)
#include "test_eql_evaluator.moc"
