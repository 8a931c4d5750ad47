#include "analysis/event_histogram.h"
#include "analysis/process_table.h"
#include "analysis/process_tree.h"
#include "analysis/sshd_connections.h"
#include "case_builder.h"
#include "common/shared_data.h"
#include "ecs/timestamp.h"
#include "store/statement.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

using spoor::analysis::ProcessNode;
using spoor::analysis::RootKind;
using spoor::analysis::SshdConnection;

namespace {

constexpr std::int64_t baseNs = 1712106000'000000000; // 2024-04-03T01:00:00Z
constexpr std::int64_t secondNs = 1'000'000'000;
const std::string hostId = "host-1";

std::string at(double seconds)
{
    return spoor::ecs::formatIsoTimestamp(baseNs + static_cast<std::int64_t>(seconds * 1e9), 7);
}

struct Proc
{
    std::int64_t pid;
    std::string entity; // empty: the event carries no process.entity_id
    std::string name;
    std::string commandLine;
    std::string user = "root";
};

// An Elastic Defend process event for `process` whose parent is `parent`.
nlohmann::json processEvent(const std::string& action, double seconds, const Proc& process, const Proc* parent)
{
    const bool isEnd = action == "end";
    const char* type = isEnd ? "end" : (action == "already_running" ? "info" : "start");
    nlohmann::json document = {
        {"@timestamp", at(seconds)},
        {"event", {{"action", action}, {"category", {"process"}}, {"type", {type}}}},
        {"host", {{"id", hostId}, {"name", "web-00"}, {"os", {{"type", "linux"}}}}},
        {"user", {{"name", process.user}}},
        {"process",
         {{"pid", process.pid},
          {"name", process.name},
          {"command_line", process.commandLine},
          {"executable", "/usr/bin/" + process.name}}},
    };
    if (!process.entity.empty())
        document["process"]["entity_id"] = process.entity;
    if (parent) {
        document["process"]["parent"] = {{"pid", parent->pid}, {"name", parent->name}};
        if (!parent->entity.empty())
            document["process"]["parent"]["entity_id"] = parent->entity;
    }
    return document;
}

nlohmann::json endEvent(double seconds, const Proc& process, const Proc* parent, int exitCode)
{
    auto document = processEvent("end", seconds, process, parent);
    document["process"]["exit_code"] = exitCode;
    return document;
}

nlohmann::json networkEvent(const std::string& action, double seconds, const Proc& process, const std::string& ip,
                            int port)
{
    return {
        {"@timestamp", at(seconds)},
        {"event", {{"action", action}, {"category", {"network"}}, {"type", {"info"}}}},
        {"host", {{"id", hostId}, {"name", "web-00"}, {"os", {{"type", "linux"}}}}},
        {"process", {{"pid", process.pid}, {"entity_id", process.entity}, {"name", process.name}}},
        {"source", {{"ip", ip}, {"port", port}}},
        {"destination", {{"ip", "10.0.0.5"}, {"port", 22}}},
    };
}

std::optional<ProcessNode> nodeByKey(spoor::store::Database& db, const std::string& key)
{
    auto statement = db.prepare("SELECT id FROM processes WHERE entity_key = ?");
    statement.bind(1, key);
    if (!statement.step())
        return std::nullopt;
    return spoor::analysis::loadProcess(db, statement.int64(0));
}

std::int64_t processCount(spoor::store::Database& db)
{
    auto statement = db.prepare("SELECT count(*) FROM processes");
    statement.step();
    return statement.int64(0);
}

const Proc systemd{1, "E-systemd", "systemd", "/sbin/init"};
const Proc listener{500, "E-listener", "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"};
const Proc monitorFork{600, "E-600-fork", "sshd", listener.commandLine};
const Proc monitor{600, "E-600-exec", "sshd", "/usr/sbin/sshd -D -R"};
const Proc preauth{601, "E-601", "sshd", "/usr/sbin/sshd -D -R", "sshd"};
const Proc motdFork{602, "E-602-fork", "sshd", "/usr/sbin/sshd -D -R"};
const Proc motd{602, "E-602-exec", "dash", "sh -c /usr/bin/env -i PATH=/bin run-parts --lsbsysinit /etc/update-motd.d"};
const Proc runPartsFork{603, "E-603-fork", "dash", motd.commandLine};
const Proc runParts{603, "E-603-exec", "run-parts", "run-parts --lsbsysinit /etc/update-motd.d"};

// Event ids of the hand-built sshd connection.
struct Connection
{
    std::int64_t accept = 0;
    std::int64_t fork = 0;
    std::int64_t exec = 0;
    std::int64_t motdExec = 0;
    std::int64_t runPartsExec = 0;
    std::int64_t monitorEnd = 0;
    std::int64_t disconnect = 0;
};

// One short SSH connection on a Debian host: accept, re-exec as monitor, pre-auth child, pam_motd
// "sh -c" with run-parts under it, exit 255, and the disconnect reported after the monitor's end.
Connection buildConnection(CaseBuilder& builder)
{
    auto systemdDoc = processEvent("already_running", 0, systemd, nullptr);
    systemdDoc["process"]["start"] = "2024-03-31T00:00:00Z";
    builder.insert(systemdDoc);
    builder.insert(processEvent("already_running", 0, listener, &systemd));

    Connection ids;
    ids.accept = builder.insert(networkEvent("connection_accepted", 10.0, listener, "198.51.100.7", 40022));
    ids.fork = builder.insert(processEvent("fork", 10.0003, monitorFork, &listener));
    ids.exec = builder.insert(processEvent("exec", 10.0006, monitor, &listener));
    builder.insert(processEvent("fork", 10.005, preauth, &monitor));
    builder.insert(processEvent("fork", 10.14, motdFork, &monitor));
    ids.motdExec = builder.insert(processEvent("exec", 10.1403, motd, &monitor));
    builder.insert(processEvent("fork", 10.141, runPartsFork, &motd));
    ids.runPartsExec = builder.insert(processEvent("exec", 10.1413, runParts, &motd));
    builder.insert(endEvent(10.145, runParts, &motd, 0));
    builder.insert(endEvent(10.146, motd, &monitor, 0));
    builder.insert(endEvent(10.3, preauth, &monitor, 255));
    ids.monitorEnd = builder.insert(endEvent(10.3002, monitor, &listener, 255));
    ids.disconnect = builder.insert(networkEvent("disconnect_received", 10.3004, monitor, "198.51.100.7", 40022));
    return ids;
}

std::vector<SshdConnection> monitorsOf(const std::vector<SshdConnection>& entries)
{
    std::vector<SshdConnection> monitors;
    std::copy_if(entries.begin(), entries.end(), std::back_inserter(monitors),
                 [](const SshdConnection& entry) { return entry.role == SshdConnection::Role::Monitor; });
    return monitors;
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir_;
    int caseNumber_ = 0;

    std::string newCasePath() { return dir_.filePath(QStringLiteral("case%1.spoor").arg(++caseNumber_)).toStdString(); }

private slots:
    void forkAndExecAreGenerations()
    {
        CaseBuilder builder(newCasePath());
        const Connection ids = buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        auto& db = builder.db();

        const auto fork = nodeByKey(db, monitorFork.entity);
        const auto exec = nodeByKey(db, monitor.entity);
        const auto sshd = nodeByKey(db, listener.entity);
        QVERIFY(fork && exec && sshd);
        QCOMPARE(exec->parentId, std::optional<std::int64_t>(fork->id));
        QCOMPARE(exec->parentPid, std::optional<std::int64_t>(listener.pid));
        QCOMPARE(fork->parentId, std::optional<std::int64_t>(sshd->id));
        QCOMPARE(fork->startEvent, std::optional<std::int64_t>(ids.fork));
        QCOMPARE(exec->startEvent, std::optional<std::int64_t>(ids.exec));
        QCOMPARE(fork->name, std::string("sshd"));
        QCOMPARE(exec->commandLine, monitor.commandLine);
        QCOMPARE(fork->endNs, exec->startNs);
        QVERIFY(!fork->exitCode);
        QVERIFY(!exec->entityInferred);
        QCOMPARE(processCount(db), std::int64_t(9));
    }

    // The read indexes are dropped during a build and built again after it, and a second build replaces the rows.
    void rebuildKeepsReadIndexes()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        spoor::analysis::buildProcessTable(builder.caseFile());
        auto& db = builder.db();
        QCOMPARE(processCount(db), std::int64_t(9));

        QStringList indexes;
        auto names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'processes' "
                                "ORDER BY name");
        while (names.step())
            indexes << QString::fromStdString(names.text(0));
        const QStringList expected{QStringLiteral("processes_by_host_parent"), QStringLiteral("processes_by_host_pid"),
                                   QStringLiteral("processes_by_key"), QStringLiteral("processes_by_name_host"),
                                   QStringLiteral("processes_by_parent_start")};
        QCOMPARE(indexes, expected);

        auto statistics = db.prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'processes'");
        QVERIFY(statistics.step());
        QCOMPARE(statistics.int64(0), std::int64_t(expected.size()));
    }

    void execNamingForkGenerationLinks()
    {
        CaseBuilder builder(newCasePath());
        builder.insert(processEvent("already_running", 0, listener, nullptr));
        builder.insert(processEvent("fork", 1, monitorFork, &listener));
        builder.insert(processEvent("exec", 1.1, monitor, &monitorFork));
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto fork = nodeByKey(builder.db(), monitorFork.entity);
        const auto exec = nodeByKey(builder.db(), monitor.entity);
        QVERIFY(fork && exec);
        QCOMPARE(exec->parentId, std::optional<std::int64_t>(fork->id));
        QCOMPARE(fork->childCount, std::int64_t(1));
    }

    void parentSeenAfterChild()
    {
        CaseBuilder builder(newCasePath());
        const Proc cron{300, "E-cron", "cron", "/usr/sbin/cron -f"};
        const Proc job{301, "E-301", "sh", "sh -c backup"};
        builder.insert(processEvent("exec", 1, job, &cron));
        builder.insert(processEvent("already_running", 2, cron, nullptr));
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto parent = nodeByKey(builder.db(), cron.entity);
        const auto child = nodeByKey(builder.db(), job.entity);
        QVERIFY(parent && child);
        QCOMPARE(child->parentId, std::optional<std::int64_t>(parent->id));
        QCOMPARE(parent->childCount, std::int64_t(1));
    }

    void rootsAndOrphans()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        const Proc lostParent{900, "E-gone", "cron", "/usr/sbin/cron -f"};
        const Proc job{901, "E-901", "sh", "sh -c backup"};
        builder.insert(processEvent("exec", 20, job, &lostParent));
        spoor::analysis::buildProcessTable(builder.caseFile());
        auto& db = builder.db();

        const auto roots = spoor::analysis::loadRootProcesses(db, hostId, RootKind::Root);
        QCOMPARE(roots.size(), std::size_t(1));
        QCOMPARE(roots.front().entityKey, systemd.entity);
        QVERIFY(!roots.front().isOrphan());
        QCOMPARE(roots.front().startNs, spoor::ecs::parseIsoTimestamp("2024-03-31T00:00:00Z"));

        const auto orphans = spoor::analysis::loadRootProcesses(db, hostId, RootKind::Orphan);
        QCOMPARE(orphans.size(), std::size_t(1));
        QCOMPARE(orphans.front().entityKey, job.entity);
        QCOMPARE(orphans.front().parentKey, std::optional<std::string>(lostParent.entity));
        QVERIFY(orphans.front().isOrphan());

        const auto page = spoor::analysis::loadRootProcesses(db, hostId, RootKind::Orphan, {1, 10});
        QVERIFY(page.empty());
        QVERIFY(spoor::analysis::loadRootProcesses(db, std::string("other-host"), RootKind::Root).empty());
    }

    void hostsListProcessCounts()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto hosts = spoor::analysis::loadProcessHosts(builder.db());
        QCOMPARE(hosts.size(), std::size_t(1));
        QCOMPARE(hosts.front().hostId, std::optional<std::string>(hostId));
        QCOMPARE(hosts.front().hostName, std::string("web-00"));
        QCOMPARE(hosts.front().processCount, std::int64_t(9));
    }

    void inferredKeysWithoutEntityId()
    {
        CaseBuilder builder(newCasePath());
        const Proc init{1, "", "systemd", "/sbin/init"};
        const Proc shellFork{700, "", "systemd", "/sbin/init"};
        const Proc shell{700, "", "bash", "bash -c true"};
        auto initDoc = processEvent("already_running", 0, init, nullptr);
        initDoc["process"]["start"] = "2024-04-01T00:00:00Z";
        initDoc["process"]["parent"] = {{"pid", 0}};
        builder.insert(initDoc);
        builder.insert(processEvent("fork", 1, shellFork, &init));
        const std::int64_t exec = builder.insert(processEvent("exec", 1.5, shell, &init));
        const std::int64_t end = builder.insert(endEvent(2, shell, &init, 3));
        spoor::analysis::buildProcessTable(builder.caseFile());
        auto& db = builder.db();

        const std::string initKey =
            hostId + "|1|" + std::to_string(*spoor::ecs::parseIsoTimestamp("2024-04-01T00:00:00Z"));
        const std::string forkKey = hostId + "|700|" + std::to_string(baseNs + secondNs);
        const std::string execKey = hostId + "|700|" + std::to_string(baseNs + 3 * secondNs / 2);
        const auto initNode = nodeByKey(db, initKey);
        const auto forkNode = nodeByKey(db, forkKey);
        const auto execNode = nodeByKey(db, execKey);
        QVERIFY(initNode && forkNode && execNode);
        QVERIFY(initNode->entityInferred);
        QVERIFY(execNode->entityInferred);
        QVERIFY(!initNode->parentKey);
        QCOMPARE(forkNode->parentId, std::optional<std::int64_t>(initNode->id));
        QCOMPARE(execNode->parentId, std::optional<std::int64_t>(forkNode->id));
        QCOMPARE(execNode->startEvent, std::optional<std::int64_t>(exec));
        QCOMPARE(execNode->endEvent, std::optional<std::int64_t>(end));
        QCOMPARE(execNode->exitCode, std::optional<std::int64_t>(3));
        QCOMPARE(processCount(db), std::int64_t(3));

        const auto owner = spoor::analysis::processForEvent(db, end);
        QVERIFY(owner);
        QCOMPARE(owner->id, execNode->id);
    }

    void exitCodes_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::newRow("success") << 0;
        QTest::newRow("failure") << 1;
        QTest::newRow("sshd closed") << 255;
        QTest::newRow("signal") << -9;
    }

    void exitCodes()
    {
        QFETCH(int, exitCode);
        CaseBuilder builder(newCasePath());
        const Proc child{42, "E-42", "true", "true"};
        builder.insert(processEvent("exec", 1, child, &systemd));
        const std::int64_t end = builder.insert(endEvent(2, child, &systemd, exitCode));
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto node = nodeByKey(builder.db(), child.entity);
        QVERIFY(node);
        QCOMPARE(node->exitCode, std::optional<std::int64_t>(exitCode));
        QCOMPARE(node->endEvent, std::optional<std::int64_t>(end));
        QCOMPARE(node->endNs, std::optional<std::int64_t>(baseNs + 2 * secondNs));
    }

    void ancestryRunsFromRoot()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto leaf = nodeByKey(builder.db(), runParts.entity);
        QVERIFY(leaf);
        const auto chain = spoor::analysis::ancestry(builder.db(), leaf->id);
        std::vector<std::string> keys;
        for (const ProcessNode& node : chain)
            keys.push_back(node.entityKey);
        const std::vector<std::string> expected{systemd.entity,  listener.entity, monitorFork.entity,  monitor.entity,
                                                motdFork.entity, motd.entity,     runPartsFork.entity, runParts.entity};
        QCOMPARE(keys, expected);
        QVERIFY(spoor::analysis::ancestry(builder.db(), 999999).empty());
    }

    void childCountsAndOrder()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        auto& db = builder.db();
        const auto exec = nodeByKey(db, monitor.entity);
        QVERIFY(exec);
        QCOMPARE(exec->childCount, std::int64_t(2));
        const auto children = spoor::analysis::loadChildProcesses(db, exec->id);
        QCOMPARE(children.size(), std::size_t(2));
        QCOMPARE(children[0].entityKey, preauth.entity);
        QCOMPARE(children[0].user, std::string("sshd"));
        QCOMPARE(children[0].exitCode, std::optional<std::int64_t>(255));
        QCOMPARE(children[1].entityKey, motdFork.entity);
        QCOMPARE(children[1].childCount, std::int64_t(1));
        QCOMPARE(spoor::analysis::loadChildProcesses(db, exec->id, {1, 1}).size(), std::size_t(1));
    }

    void siblingPositionMatchesListOrder()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        auto& db = builder.db();
        const auto exec = nodeByKey(db, monitor.entity);
        QVERIFY(exec);
        // Three siblings: one without a start time, then two that start at the same instant.
        db.exec("INSERT INTO processes (host_id, host_name, entity_key, entity_inferred, parent_id, name)"
                " SELECT host_id, host_name, 'extra-' || id, 0, id, 'extra' FROM processes WHERE id = " +
                std::to_string(exec->id));
        db.exec("UPDATE processes SET start_ns = (SELECT min(start_ns) FROM processes WHERE parent_id = " +
                std::to_string(exec->id) + ") WHERE parent_id = " + std::to_string(exec->id) +
                " AND start_ns IS NOT NULL");
        const auto children = spoor::analysis::loadChildProcesses(db, exec->id);
        QCOMPARE(children.size(), std::size_t(3));
        QVERIFY(!children[0].startNs);
        QCOMPARE(children[1].startNs, children[2].startNs);
        QVERIFY(children[1].id < children[2].id);
        for (std::size_t row = 0; row < children.size(); ++row)
            QCOMPARE(spoor::analysis::siblingPosition(db, children[row]), std::int64_t(row));

        // Roots and orphans are counted per host, each in their own list.
        for (const RootKind kind : {RootKind::Root, RootKind::Orphan}) {
            const auto hosts = spoor::analysis::loadProcessHosts(db);
            QVERIFY(!hosts.empty());
            const auto roots = spoor::analysis::loadRootProcesses(db, hosts.front().hostId, kind);
            QCOMPARE(spoor::analysis::countRootProcesses(db, hosts.front().hostId, kind), std::int64_t(roots.size()));
            for (std::size_t row = 0; row < roots.size(); ++row)
                QCOMPARE(spoor::analysis::siblingPosition(db, roots[row]), std::int64_t(row));
        }
    }

    void lateEventKeepsGeneration()
    {
        CaseBuilder builder(newCasePath());
        const Connection ids = buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        auto& db = builder.db();
        const auto owner = spoor::analysis::processForEvent(db, ids.disconnect);
        QVERIFY(owner);
        QCOMPARE(owner->entityKey, monitor.entity);
        QCOMPARE(owner->endEvent, std::optional<std::int64_t>(ids.monitorEnd));
        auto statement = db.prepare("SELECT count(*) FROM processes WHERE entity_key = ?");
        statement.bind(1, monitor.entity);
        QVERIFY(statement.step());
        QCOMPARE(statement.int64(0), std::int64_t(1));
    }

    void rebuildReplacesRows()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        spoor::analysis::buildProcessTable(builder.caseFile());
        QCOMPARE(processCount(builder.db()), std::int64_t(9));
    }

    void cancelKeepsPreviousTable()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        builder.insert(processEvent("exec", 30, Proc{77, "E-77", "id", "id"}, &systemd));
        const std::atomic<bool> cancel{true};
        spoor::analysis::buildProcessTable(builder.caseFile(), &cancel);
        QCOMPARE(processCount(builder.db()), std::int64_t(9));
        QVERIFY(!nodeByKey(builder.db(), "E-77"));
    }

    void sshdConnectionParts()
    {
        CaseBuilder builder(newCasePath());
        const Connection ids = buildConnection(builder);
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto entries = spoor::analysis::loadSshdConnections(builder.db(), hostId);
        QCOMPARE(entries.size(), std::size_t(2));

        const SshdConnection& sshd = entries[0];
        QCOMPARE(sshd.role, SshdConnection::Role::Listener);
        QCOMPARE(sshd.entityKey, listener.entity);
        QCOMPARE(sshd.acceptCount, std::int64_t(1));
        QCOMPARE(sshd.monitorCount, std::int64_t(1));

        const SshdConnection& connection = entries[1];
        QCOMPARE(connection.role, SshdConnection::Role::Monitor);
        QCOMPARE(connection.pid, std::optional<std::int64_t>(monitor.pid));
        QCOMPARE(connection.entityKey, monitor.entity);
        QCOMPARE(connection.hostName, std::string("web-00"));
        QCOMPARE(connection.listenerPid, std::optional<std::int64_t>(listener.pid));
        QCOMPARE(connection.listenerProcessId, std::optional<std::int64_t>(sshd.processId));
        QVERIFY(connection.accept);
        QCOMPARE(connection.accept->eventId, ids.accept);
        QCOMPARE(connection.accept->sourceIp, std::optional<std::string>("198.51.100.7"));
        QCOMPARE(connection.accept->sourcePort, std::optional<std::int64_t>(40022));
        QCOMPARE(connection.execEventId, std::optional<std::int64_t>(ids.exec));
        QCOMPARE(connection.exitEventId, std::optional<std::int64_t>(ids.monitorEnd));
        QCOMPARE(connection.exitCode, std::optional<std::int64_t>(255));
        QVERIFY(connection.disconnect);
        QVERIFY(connection.disconnectByMonitor);
        QCOMPARE(connection.disconnect->eventId, ids.disconnect);
        QCOMPARE(connection.disconnect->sourceIp, std::optional<std::string>("198.51.100.7"));

        QCOMPARE(connection.children.size(), std::size_t(2));
        QCOMPARE(connection.children[0].eventId, ids.motdExec);
        QCOMPARE(connection.children[0].name, std::string("dash"));
        QCOMPARE(connection.children[0].commandLine, motd.commandLine);
        QCOMPARE(connection.children[0].depth, 1);
        QCOMPARE(connection.children[0].exitCode, std::optional<std::int64_t>(0));
        QCOMPARE(connection.children[1].eventId, ids.runPartsExec);
        QCOMPARE(connection.children[1].depth, 2);

        QCOMPARE(spoor::analysis::loadSshdConnections(builder.db()).size(), std::size_t(2));
        QVERIFY(spoor::analysis::loadSshdConnections(builder.db(), std::string("other-host")).empty());
    }

    void concurrentAcceptsStayUntied()
    {
        CaseBuilder builder(newCasePath());
        builder.insert(processEvent("already_running", 0, listener, &systemd));
        builder.insert(networkEvent("connection_accepted", 5.0, listener, "198.51.100.1", 1001));
        builder.insert(networkEvent("connection_accepted", 5.001, listener, "198.51.100.2", 1002));
        const Proc firstFork{610, "E-610-fork", "sshd", listener.commandLine};
        const Proc first{610, "E-610-exec", "sshd", "/usr/sbin/sshd -D -R"};
        const Proc secondFork{620, "E-620-fork", "sshd", listener.commandLine};
        const Proc second{620, "E-620-exec", "sshd", "/usr/sbin/sshd -D -R"};
        builder.insert(processEvent("fork", 5.002, firstFork, &listener));
        builder.insert(processEvent("exec", 5.003, first, &listener));
        builder.insert(processEvent("fork", 5.004, secondFork, &listener));
        builder.insert(processEvent("exec", 5.005, second, &listener));
        const std::int64_t lateAccept =
            builder.insert(networkEvent("connection_accepted", 9.0, listener, "198.51.100.3", 1003));
        const Proc thirdFork{630, "E-630-fork", "sshd", listener.commandLine};
        const Proc third{630, "E-630-exec", "sshd-session", "/usr/lib/openssh/sshd-session -D -R"};
        builder.insert(processEvent("fork", 9.001, thirdFork, &listener));
        builder.insert(processEvent("exec", 9.002, third, &listener));
        spoor::analysis::buildProcessTable(builder.caseFile());

        const auto monitors = monitorsOf(spoor::analysis::loadSshdConnections(builder.db(), hostId));
        QCOMPARE(monitors.size(), std::size_t(3));
        QVERIFY(!monitors[0].accept);
        QVERIFY(!monitors[1].accept);
        QVERIFY(monitors[2].accept);
        QCOMPARE(monitors[2].accept->eventId, lateAccept);
        QCOMPARE(monitors[2].entityKey, third.entity);
        QVERIFY(!monitors[2].exitCode);
        QVERIFY(!monitors[2].disconnect);
    }

    void disconnectByChildIsFlagged()
    {
        CaseBuilder builder(newCasePath());
        builder.insert(processEvent("already_running", 0, listener, &systemd));
        builder.insert(processEvent("fork", 1, monitorFork, &listener));
        builder.insert(processEvent("exec", 1.001, monitor, &listener));
        builder.insert(processEvent("fork", 1.01, preauth, &monitor));
        const std::int64_t disconnect =
            builder.insert(networkEvent("disconnect_received", 1.5, preauth, "198.51.100.9", 5555));
        spoor::analysis::buildProcessTable(builder.caseFile());
        const auto monitors = monitorsOf(spoor::analysis::loadSshdConnections(builder.db()));
        QCOMPARE(monitors.size(), std::size_t(1));
        QVERIFY(monitors[0].disconnect);
        QVERIFY(!monitors[0].disconnectByMonitor);
        QCOMPARE(monitors[0].disconnect->eventId, disconnect);
        QVERIFY(monitors[0].children.empty());
    }

    void disconnectsByPidWithoutEntityIds()
    {
        // Without process.entity_id a disconnect goes to the generation of its pid that ran until at most five
        // seconds before it, so the same pid reused later gets none of the earlier disconnects.
        CaseBuilder builder(newCasePath());
        const Proc anonymousListener{500, "", "sshd", listener.commandLine};
        const Proc firstFork{700, "", "sshd", listener.commandLine};
        const Proc first{700, "", "sshd", "/usr/sbin/sshd -D -R"};
        builder.insert(processEvent("already_running", 0, anonymousListener, nullptr));
        builder.insert(processEvent("fork", 1, firstFork, &anonymousListener));
        builder.insert(processEvent("exec", 1.001, first, &anonymousListener));
        builder.insert(endEvent(2, first, &anonymousListener, 0));
        auto firstDisconnect = networkEvent("disconnect_received", 2.5, first, "198.51.100.20", 2020);
        firstDisconnect["process"].erase("entity_id");
        const std::int64_t attributed = builder.insert(firstDisconnect);
        builder.insert(processEvent("fork", 20, firstFork, &anonymousListener));
        builder.insert(processEvent("exec", 20.001, first, &anonymousListener));
        builder.insert(endEvent(21, first, &anonymousListener, 0));
        auto lateDisconnect = networkEvent("disconnect_received", 30, first, "198.51.100.21", 2121);
        lateDisconnect["process"].erase("entity_id");
        builder.insert(lateDisconnect);
        spoor::analysis::buildProcessTable(builder.caseFile());

        const auto monitors = monitorsOf(spoor::analysis::loadSshdConnections(builder.db(), hostId));
        QCOMPARE(monitors.size(), std::size_t(2));
        QVERIFY(monitors[0].disconnect);
        QCOMPARE(monitors[0].disconnect->eventId, attributed);
        QVERIFY(monitors[0].disconnectByMonitor);
        QCOMPARE(monitors[0].disconnect->sourceIp, std::optional<std::string>("198.51.100.20"));
        QCOMPARE(monitors[0].disconnect->sourcePort, std::optional<std::int64_t>(2020));
        QVERIFY(!monitors[1].disconnect);
    }

    void eventsPerMinuteBuckets()
    {
        CaseBuilder builder(newCasePath());
        buildConnection(builder);
        builder.insert(processEvent("exec", 61, Proc{80, "E-80", "id", "id"}, &systemd));
        builder.insert(processEvent("exec", 119.9, Proc{81, "E-81", "id", "id"}, &systemd));
        const auto buckets = spoor::analysis::eventsPerMinute(builder.db());
        QCOMPARE(buckets.size(), std::size_t(2));
        QCOMPARE(buckets[0].minuteStartNs, baseNs);
        QCOMPARE(buckets[0].count, std::int64_t(15));
        QCOMPARE(buckets[1].minuteStartNs, baseNs + 60 * secondNs);
        QCOMPARE(buckets[1].count, std::int64_t(2));
        QCOMPARE(buckets[1].hostId, std::optional<std::string>(hostId));
    }

    void corpusSshdConnections();
};

// Imports the generated scenario by hand (the importer is not used here) and checks the connections
// against the scenario's truth file.
void TestAnalysis::corpusSshdConnections()
{
    SPOOR_REQUIRE_SHARED(dumpPath, "corpus/scenarios/xz-basic.ndjson");
    SPOOR_REQUIRE_SHARED(truthPath, "corpus/scenarios/xz-basic.truth.json");
    CaseBuilder builder(newCasePath());
    {
        std::ifstream input(dumpPath.toStdString());
        spoor::store::Transaction transaction(builder.db());
        for (std::string line; std::getline(input, line);)
            builder.insert(nlohmann::json::parse(line));
        transaction.commit();
    }
    std::ifstream truthInput(truthPath.toStdString());
    const auto truth = nlohmann::json::parse(truthInput);
    spoor::analysis::buildProcessTable(builder.caseFile());
    auto& db = builder.db();

    std::set<std::string> linuxHosts;
    auto hosts = db.prepare("SELECT DISTINCT host_name FROM events WHERE os_type = 'linux'");
    while (hosts.step())
        linuxHosts.insert(hosts.text(0));
    std::size_t linuxCases = 0;
    for (const auto& entry : truth["cases"])
        linuxCases += linuxHosts.count(entry["host"].get<std::string>());

    std::vector<SshdConnection> linuxMonitors;
    for (const SshdConnection& monitor : monitorsOf(spoor::analysis::loadSshdConnections(db))) {
        if (linuxHosts.count(monitor.hostName))
            linuxMonitors.push_back(monitor);
    }
    QCOMPARE(linuxMonitors.size(), linuxCases);

    std::size_t withMotd = 0;
    std::size_t withAccept = 0;
    for (const SshdConnection& monitor : linuxMonitors) {
        QCOMPARE(monitor.exitCode, std::optional<std::int64_t>(255));
        withAccept += monitor.accept ? 1 : 0;
        withMotd += std::any_of(monitor.children.begin(), monitor.children.end(), [](const auto& child) {
            return child.depth == 1 && child.commandLine.find("update-motd.d") != std::string::npos;
        });
    }
    QVERIFY(withMotd > 0);
    QCOMPARE(withAccept, linuxMonitors.size());

    const auto exploit = std::find_if(truth["malicious"].begin(), truth["malicious"].end(),
                                      [](const auto& entry) { return entry["case"] == "xz_exploit"; });
    QVERIFY(exploit != truth["malicious"].end());
    const auto monitor = std::find_if(linuxMonitors.begin(), linuxMonitors.end(), [&](const SshdConnection& entry) {
        return entry.entityKey == (*exploit)["monitor_entity_id"].get<std::string>();
    });
    QVERIFY(monitor != linuxMonitors.end());
    QCOMPARE(monitor->pid, std::optional<std::int64_t>((*exploit)["monitor_pid"].get<std::int64_t>()));
    const std::string command = (*exploit)["command"];
    QVERIFY(std::any_of(monitor->children.begin(), monitor->children.end(), [&](const auto& child) {
        return child.depth == 1 && child.commandLine.find(command) != std::string::npos;
    }));
    QVERIFY(monitor->disconnect);
    QVERIFY(monitor->disconnectByMonitor);
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "test_analysis.moc"
