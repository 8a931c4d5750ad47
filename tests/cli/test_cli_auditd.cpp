// spoor-cli on the real audit capture of OpenSSH sessions: the process table it builds and the XZ rule over it.

#include "cli_runner.h"
#include "common/shared_data.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

namespace {

qint64 countRows(const std::string& casePath, const std::string& sql)
{
    auto caseFile = spoor::store::CaseFile::open(casePath);
    auto statement = caseFile.db().prepare(sql);
    return statement.step() ? statement.int64(0) : -1;
}

} // namespace

class TestCliAuditd : public QObject
{
    Q_OBJECT

private slots:
    void importBuildsSshdGenerations()
    {
        SPOOR_REQUIRE_SHARED(logPath, "corpus/captured/debian12-openssh92-sessions.audit.log");
        QTemporaryDir dir;
        const std::string casePath = dir.filePath(QStringLiteral("case.spoor")).toStdString();
        const CliResult imported = runCli({"import", "--case", casePath, logPath.toStdString()});
        QVERIFY2(imported.status == 0, imported.err.c_str());
        QVERIFY2(imported.out.find("308 events imported") != std::string::npos, imported.out.c_str());

        // Monitors are the generations that an exec of sshd with -R started. Their forked children keep the
        // command line but start with a fork.
        const std::string monitors = "(SELECT p.* FROM processes AS p JOIN events AS e ON e.id = p.start_event "
                                     "WHERE e.action = 'exec' AND p.name = 'sshd' AND "
                                     "p.command_line = '/usr/sbin/sshd -D -f /etc/ssh/sshd_config -R')";
        // One listener, then ten connections, each with a monitor whose fork generation the listener started.
        QCOMPARE(countRows(casePath, "SELECT count(*) FROM " + monitors), qint64(10));
        QCOMPARE(countRows(casePath, "SELECT count(*) FROM " + monitors +
                                         " AS monitor JOIN processes AS fork ON fork.id = monitor.parent_id "
                                         "JOIN processes AS listener ON listener.id = fork.parent_id "
                                         "WHERE fork.pid = monitor.pid AND "
                                         "listener.command_line = '/usr/sbin/sshd -D -f /etc/ssh/sshd_config'"),
                 qint64(10));
        // Each of the four logins runs pam_motd's shell as a direct child of its monitor.
        QCOMPARE(countRows(casePath, "SELECT count(*) FROM processes AS sh JOIN " + monitors +
                                         " AS monitor ON monitor.id = sh.parent_id "
                                         "WHERE sh.command_line LIKE 'sh -c /usr/bin/env -i PATH=%'"),
                 qint64(4));
        // Every monitor ends with exit_group(255), after normal sessions too.
        QCOMPARE(
            countRows(casePath, "SELECT count(*) FROM " + monitors + " WHERE exit_code = 255 AND end_ns IS NOT NULL"),
            qint64(10));
    }

    void xzRuleOverCapture()
    {
        SPOOR_REQUIRE_SHARED(logPath, "corpus/captured/debian12-openssh92-sessions.audit.log");
        QTemporaryDir dir;
        const std::string casePath = dir.filePath(QStringLiteral("case.spoor")).toStdString();
        const CliResult scanned = runCli({"scan", "--case", casePath, "--format", "json", logPath.toStdString()});
        QVERIFY2(scanned.status == 0, scanned.err.c_str());
        const auto result = nlohmann::json::parse(scanned.out);
        QCOMPARE(result["rules"].size(), std::size_t(1));
        // No match, as expected of benign sessions, but also because the rule cannot match audit data: its last
        // step is a "disconnect_received" network event, which audit does not record.
        QCOMPARE(result["rules"][0]["hits"]["total"]["value"].get<int>(), 0);

        // The rule's first three steps (monitor exec, a child exec, the monitor's failing exit) find the four
        // logins of the capture. In each, the child is pam_motd's shell of a benign session.
        const CliResult steps = runCli(
            {"query", "--case", casePath,
             "sequence by host.id, user.id with maxspan=1s "
             "[process where host.os.type == \"linux\" and event.type == \"start\" and event.action == \"exec\" and "
             "process.name == \"sshd\" and process.args == \"-D\" and process.args == \"-R\"] "
             "by process.pid, process.entity_id "
             "[process where host.os.type == \"linux\" and event.type == \"start\" and event.action == \"exec\" and "
             "process.parent.name == \"sshd\" and process.executable != \"/usr/sbin/sshd\"] "
             "by process.parent.pid, process.parent.entity_id "
             "[process where host.os.type == \"linux\" and event.action == \"end\" and process.name == \"sshd\" and "
             "process.exit_code != 0] by process.pid, process.entity_id"});
        QVERIFY2(steps.status == 0, steps.err.c_str());
        const auto sequences = nlohmann::json::parse(steps.out)["hits"]["sequences"];
        QCOMPARE(sequences.size(), std::size_t(4));
        for (const auto& sequence : sequences) {
            const auto& child = sequence["events"][1]["_source"]["process"];
            QVERIFY(child["command_line"].get<std::string>().starts_with("sh -c /usr/bin/env -i PATH="));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliAuditd)
#include "test_cli_auditd.moc"
