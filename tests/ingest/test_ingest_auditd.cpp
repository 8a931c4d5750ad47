#include "test_ingest_auditd.h"

#include "common/shared_data.h"
#include "ingest/audit_ecs_mapper.h"
#include "ingest/audit_log_reader.h"
#include "ingest/byte_source.h"
#include "ingest/document_reader.h"
#include "ingest/laurel_reader.h"
#include "ingest/source_capabilities.h"
#include "ingest/stream_buffer.h"
#include "ingest/syslog_line.h"
#include "ingest_fixture.h"

#include <QFile>
#include <QTest>
#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

using nlohmann::json;
using spoor::ingest::DocumentReader;
using spoor::ingest::InputFormat;

namespace {

// Bytes handed out in small pieces, so that records are split across buffer refills.
class MemorySource : public spoor::ingest::ByteSource
{
public:
    explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}

    std::size_t read(char* out, std::size_t size) override
    {
        const std::size_t count = std::min({size, std::size_t(61), bytes_.size() - position_});
        std::memcpy(out, bytes_.data() + position_, count);
        position_ += count;
        return count;
    }

    const char* compression() const override { return "none"; }

private:
    std::string bytes_;
    std::size_t position_ = 0;
};

// Reads the input with the reader of `format` and returns the generated documents, parsed.
std::vector<json> readDocuments(const std::string& input, InputFormat format,
                                std::vector<std::string>* issues = nullptr)
{
    MemorySource source(input);
    spoor::ingest::StreamBuffer buffer(source, 64);
    const auto reader = spoor::ingest::makeDocumentReader(format, buffer, 1 << 20, "/var/log/audit/host-a.log");
    std::vector<json> documents;
    spoor::ingest::RawDocument raw;
    spoor::ingest::ReadIssue issue;
    for (;;) {
        const auto step = reader->next(raw, issue);
        if (step == DocumentReader::Step::End)
            break;
        if (step == DocumentReader::Step::Issue) {
            if (issues)
                issues->push_back(issue.reason + " at line " + std::to_string(issue.line));
            continue;
        }
        documents.push_back(json::parse(raw.text));
    }
    return documents;
}

std::string at(const json& document, const std::string& pointer)
{
    const json::json_pointer path(pointer);
    if (!document.contains(path))
        return "<absent>";
    const json& value = document.at(path);
    return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string readShared(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll().toStdString();
}

const std::string execEvent =
    "node=web-01 type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 "
    "a2=3 a3=4 items=1 ppid=100 pid=101 auid=1000 uid=0 gid=0 euid=0 suid=0 ses=3 tty=pts0 comm=\"sh\" "
    "exe=\"/usr/bin/dash\" key=\"exec\"\x1d"
    "ARCH=x86_64 SYSCALL=execve AUID=\"alice\" UID=\"root\" GID=\"root\" EUID=\"root\"\n"
    "node=web-01 type=EXECVE msg=audit(1700000000.123:42): argc=3 a0=\"sh\" a1_len=2 a1[0]=\"-\" a1[1]=\"c\" "
    "a2=6C73202D6C\n"
    "node=web-01 type=CWD msg=audit(1700000000.123:42): cwd=\"/tmp\"\n"
    "node=web-01 type=PROCTITLE msg=audit(1700000000.123:42): proctitle=7368002D63006C73202D6C\n"
    "node=web-01 type=EOE msg=audit(1700000000.123:42):\n";

// A fork, an exec and the exit of one process, with a thread's clone and three socket calls. No EOE records,
// and the records of events 50 and 51 arrive interleaved with others.
const std::string lifecycle =
    "type=SYSCALL msg=audit(1700000001.000:50): arch=c000003e syscall=56 success=yes exit=202 a0=1200011 a1=0 a2=0 "
    "a3=0 items=0 ppid=1 pid=201 auid=4294967295 uid=0 ses=4294967295 comm=\"sshd\" exe=\"/usr/sbin/sshd\"\n"
    "type=SYSCALL msg=audit(1700000001.002:51): arch=c000003e syscall=59 success=yes exit=0 a0=0 a1=0 a2=0 a3=0 "
    "items=1 ppid=201 pid=202 uid=1000 comm=\"bash\" exe=\"/usr/bin/bash\"\n"
    "type=SYSCALL msg=audit(1700000001.001:52): arch=c000003e syscall=56 success=yes exit=9999 a0=3d0f00 a1=0 "
    "a2=0 a3=0 items=0 ppid=1 pid=201 uid=0 comm=\"sshd\" exe=\"/usr/sbin/sshd\"\n"
    "type=EXECVE msg=audit(1700000001.002:51): argc=2 a0=\"bash\" a1=\"-i\"\n"
    "type=PROCTITLE msg=audit(1700000001.000:50): proctitle=2F7573722F7362696E2F73736864\n"
    "type=SYSCALL msg=audit(1700000001.010:53): arch=c000003e syscall=42 success=no exit=-115 a0=3 a1=0 a2=10 "
    "a3=0 items=0 ppid=201 pid=202 uid=1000 comm=\"bash\" exe=\"/usr/bin/bash\"\n"
    "type=SOCKADDR msg=audit(1700000001.010:53): saddr=02000050A9FEA9FE0000000000000000\n"
    "type=SYSCALL msg=audit(1700000001.020:54): arch=c000003e syscall=288 success=yes exit=5 a0=3 a1=0 a2=0 a3=0 "
    "items=0 ppid=1 pid=201 uid=0 comm=\"sshd\" exe=\"/usr/sbin/sshd\"\n"
    "type=SOCKADDR msg=audit(1700000001.020:54): saddr=0A00D43100000000FE80000000000000000000000000000100000000\n"
    "type=SYSCALL msg=audit(1700000001.030:55): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=0 a2=10 a3=0 "
    "items=0 ppid=201 pid=202 uid=1000 comm=\"bash\" exe=\"/usr/bin/bash\"\n"
    "type=SOCKADDR msg=audit(1700000001.030:55): saddr=01002F72756E2F6E7363642F736F636B657400\n"
    "type=SYSCALL msg=audit(1700000001.040:56): arch=c000003e syscall=231 success=yes exit=0 a0=ffffffffffffffff "
    "a1=0 a2=0 a3=0 items=0 ppid=201 pid=202 uid=1000 comm=\"bash\" exe=\"/usr/bin/bash\"\n";

const std::string aarch64Events =
    "type=SYSCALL msg=audit(1700000002.000:70): arch=c00000b7 syscall=221 success=yes exit=0 a0=0 a1=0 a2=0 a3=0 "
    "items=1 ppid=1 pid=300 uid=0 comm=\"id\" exe=\"/usr/bin/id\"\n"
    "type=EXECVE msg=audit(1700000002.000:70): argc=1 a0=\"id\"\n"
    "type=EOE msg=audit(1700000002.000:70):\n"
    "type=USER_LOGIN msg=audit(1700000002.100:71): pid=300 uid=0 auid=1000 ses=7 msg='op=login id=1000 "
    "exe=\"/usr/sbin/sshd\" hostname=10.0.0.1 addr=10.0.0.1 terminal=ssh res=failed'\n"
    "type=SYSCALL msg=audit(1700000002.200:72): arch=c00000b7 syscall=94 success=yes exit=0 a0=3 a1=0 a2=0 a3=0 "
    "items=0 ppid=1 pid=300 uid=0 comm=\"id\" exe=\"/usr/bin/id\"\n";

} // namespace

void TestIngestAuditd::execWithSplitArguments()
{
    const auto documents = readDocuments(execEvent, InputFormat::AuditLog);
    QCOMPARE(documents.size(), std::size_t(1));
    const json& exec = documents[0];
    QCOMPARE(at(exec, "/@timestamp"), std::string("2023-11-14T22:13:20.123Z"));
    QCOMPARE(at(exec, "/event/action"), std::string("exec"));
    QCOMPARE(at(exec, "/event/category"), std::string(R"(["process"])"));
    QCOMPARE(at(exec, "/event/type"), std::string(R"(["start"])"));
    QCOMPARE(at(exec, "/event/outcome"), std::string("success"));
    QCOMPARE(at(exec, "/event/sequence"), std::string("42"));
    QCOMPARE(at(exec, "/process/pid"), std::string("101"));
    QCOMPARE(at(exec, "/process/parent/pid"), std::string("100"));
    QCOMPARE(at(exec, "/process/executable"), std::string("/usr/bin/dash"));
    QCOMPARE(at(exec, "/process/name"), std::string("sh"));
    QCOMPARE(at(exec, "/process/args"), std::string(R"(["sh","-c","ls -l"])"));
    QCOMPARE(at(exec, "/process/args_count"), std::string("3"));
    QCOMPARE(at(exec, "/process/command_line"), std::string("sh -c ls -l"));
    QCOMPARE(at(exec, "/process/title"), std::string("sh -c ls -l"));
    QCOMPARE(at(exec, "/process/working_directory"), std::string("/tmp"));
    QCOMPARE(at(exec, "/process/entity_id"), std::string("web-01|101|1700000000.123:42"));
    QCOMPARE(at(exec, "/user/id"), std::string("0"));
    QCOMPARE(at(exec, "/user/name"), std::string("root"));
    QCOMPARE(at(exec, "/user/audit/id"), std::string("1000"));
    QCOMPARE(at(exec, "/user/audit/name"), std::string("alice"));
    QCOMPARE(at(exec, "/group/name"), std::string("root"));
    QCOMPARE(at(exec, "/auditd/session"), std::string("3"));
    QCOMPARE(at(exec, "/auditd/sequence"), std::string("42"));
    QCOMPARE(at(exec, "/auditd/data/arch"), std::string("x86_64"));
    QCOMPARE(at(exec, "/tags"), std::string(R"(["exec"])"));
    QCOMPARE(at(exec, "/host/name"), std::string("web-01"));
    QCOMPARE(at(exec, "/host/id"), std::string("web-01"));
    QCOMPARE(at(exec, "/host/os/type"), std::string("linux"));
    QCOMPARE(at(exec, "/spoor/host_source"), std::string("node"));
    QCOMPARE(at(exec, "/spoor/derived"), std::string(R"(["process.entity_id"])"));
    // The parent (pid 100) is not in the input, so only its pid is known.
    QCOMPARE(at(exec, "/process/parent/entity_id"), std::string("<absent>"));
    const std::string original = at(exec, "/event/original");
    QCOMPARE(std::count(original.begin(), original.end(), '\n'), 4);
    QVERIFY(original.starts_with("node=web-01 type=SYSCALL"));
}

void TestIngestAuditd::interleavedProcessLifecycle()
{
    const auto documents = readDocuments(lifecycle, InputFormat::AuditLog);
    QCOMPARE(documents.size(), std::size_t(7));
    const json& fork = documents[0];
    const json& exec = documents[1];
    const json& thread = documents[2];
    const json& connect = documents[3];
    const json& accept = documents[4];
    const json& unixConnect = documents[5];
    const json& end = documents[6];
    const std::string host = "host-a.log";

    QCOMPARE(at(fork, "/event/action"), std::string("fork"));
    QCOMPARE(at(fork, "/process/pid"), std::string("202"));
    QCOMPARE(at(fork, "/process/entity_id"), host + "|202|1700000001.000:50");
    QCOMPARE(at(fork, "/process/parent/pid"), std::string("201"));
    QCOMPARE(at(fork, "/process/parent/entity_id"), host + "|201|1700000001.000:50");
    // The PROCTITLE record came four lines later, after records of other events.
    QCOMPARE(at(fork, "/process/args"), std::string(R"(["/usr/sbin/sshd"])"));
    QCOMPARE(at(fork, "/host/name"), host);
    QCOMPARE(at(fork, "/spoor/host_source"), std::string("file-name"));
    QCOMPARE(at(fork, "/user/audit/id"), std::string("<absent>")); // auid 4294967295 is unset

    QCOMPARE(at(exec, "/event/action"), std::string("exec"));
    QCOMPARE(at(exec, "/process/entity_id"), host + "|202|1700000001.002:51");
    QCOMPARE(at(exec, "/process/args"), std::string(R"(["bash","-i"])"));
    QCOMPARE(at(exec, "/process/parent/entity_id"), host + "|201|1700000001.000:50");
    QCOMPARE(at(exec, "/process/parent/name"), std::string("sshd"));
    QCOMPARE(at(exec, "/process/parent/command_line"), std::string("/usr/sbin/sshd"));

    QCOMPARE(at(thread, "/event/action"), std::string("clone"));
    QCOMPARE(at(thread, "/event/category"), std::string("<absent>"));

    QCOMPARE(at(connect, "/event/action"), std::string("connection_attempted"));
    QCOMPARE(at(connect, "/event/category"), std::string(R"(["network"])"));
    QCOMPARE(at(connect, "/event/outcome"), std::string("failure"));
    QCOMPARE(at(connect, "/destination/ip"), std::string("169.254.169.254"));
    QCOMPARE(at(connect, "/destination/port"), std::string("80"));
    QCOMPARE(at(connect, "/network/direction"), std::string("egress"));
    QCOMPARE(at(connect, "/process/entity_id"), at(exec, "/process/entity_id"));

    QCOMPARE(at(accept, "/event/action"), std::string("connection_accepted"));
    QCOMPARE(at(accept, "/source/ip"), std::string("fe80::1"));
    QCOMPARE(at(accept, "/source/port"), std::string("54321"));
    QCOMPARE(at(accept, "/network/type"), std::string("ipv6"));
    QCOMPARE(at(accept, "/network/direction"), std::string("ingress"));

    QCOMPARE(at(unixConnect, "/event/action"), std::string("connect"));
    QCOMPARE(at(unixConnect, "/event/category"), std::string("<absent>"));
    QCOMPARE(at(unixConnect, "/auditd/data/socket/path"), std::string("/run/nscd/socket"));

    QCOMPARE(at(end, "/event/action"), std::string("end"));
    QCOMPARE(at(end, "/event/type"), std::string(R"(["end"])"));
    QCOMPARE(at(end, "/process/exit_code"), std::string("255"));
    QCOMPARE(at(end, "/process/entity_id"), at(exec, "/process/entity_id"));
    QCOMPARE(at(end, "/process/args"), std::string(R"(["bash","-i"])"));
}

void TestIngestAuditd::aarch64AndUserMessage()
{
    const auto documents = readDocuments(aarch64Events, InputFormat::AuditLog);
    QCOMPARE(documents.size(), std::size_t(3));
    QCOMPARE(at(documents[0], "/event/action"), std::string("exec"));
    QCOMPARE(at(documents[0], "/auditd/data/arch"), std::string("aarch64"));
    QCOMPARE(at(documents[0], "/auditd/data/syscall"), std::string("execve"));
    QCOMPARE(at(documents[0], "/process/args"), std::string(R"(["id"])"));

    const json& login = documents[1];
    QCOMPARE(at(login, "/event/action"), std::string("logged-in"));
    QCOMPARE(at(login, "/event/category"), std::string(R"(["authentication"])"));
    QCOMPARE(at(login, "/event/outcome"), std::string("failure"));
    QCOMPARE(at(login, "/user/id"), std::string("1000"));
    QCOMPARE(at(login, "/source/ip"), std::string("10.0.0.1"));
    QCOMPARE(at(login, "/process/executable"), std::string("/usr/sbin/sshd"));
    QCOMPARE(at(login, "/process/entity_id"), at(documents[0], "/process/entity_id"));
    QCOMPARE(at(login, "/auditd/session"), std::string("7"));

    QCOMPARE(at(documents[2], "/event/action"), std::string("end"));
    QCOMPARE(at(documents[2], "/process/exit_code"), std::string("3"));
    QCOMPARE(at(documents[2], "/process/entity_id"), at(documents[0], "/process/entity_id"));
}

void TestIngestAuditd::laurelMatchesRawRecords()
{
    SPOOR_REQUIRE_SHARED(rawPath, "corpus/laurel/testdata/record-execve.txt");
    SPOOR_REQUIRE_SHARED(laurelPath, "corpus/laurel/testdata/record-execve.json");
    const auto raw = readDocuments(readShared(rawPath), InputFormat::AuditLog);
    const auto laurel = readDocuments(readShared(laurelPath), InputFormat::LaurelJson);
    QCOMPARE(raw.size(), std::size_t(1));
    QCOMPARE(laurel.size(), std::size_t(1));
    for (const char* pointer :
         {"/@timestamp", "/event/action", "/event/outcome", "/host/name", "/process/pid", "/process/parent/pid",
          "/process/executable", "/process/name", "/process/args", "/process/working_directory", "/process/entity_id",
          "/user/id", "/user/name", "/user/audit/id", "/user/audit/name", "/auditd/session"})
        QCOMPARE(at(laurel[0], pointer), at(raw[0], pointer));
    QCOMPARE(at(laurel[0], "/event/action"), std::string("exec"));
    QCOMPARE(at(laurel[0], "/user/name"), std::string("root"));
    QCOMPARE(at(laurel[0], "/user/audit/name"), std::string("user"));
    QCOMPARE(at(laurel[0], "/host/name"), std::string("work"));
    QCOMPARE(at(laurel[0], "/event/dataset"), std::string("auditd.laurel"));
    QCOMPARE(at(raw[0], "/event/dataset"), std::string("auditd.log"));
}

void TestIngestAuditd::badRecordsAreCounted()
{
    CaseFixture fixture;
    const QByteArray input =
        "type=SYSCALL msg=audit(1700000003.000:80): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=400 "
        "comm=\"ls\" exe=\"/usr/bin/ls\"\n"
        "# a comment line is skipped\n"
        "this is garbage\n"
        "type=SYSCALL msg=audit(notastamp): arch=c000003e\n"
        "type=EXECVE msg=audit(1700000003.000:80): argc=1 a0=\"ls\"\n"
        "type=SYSCALL msg=audit(1700000003.1";
    const QString path = fixture.writeInput(QStringLiteral("bad.log"), input);
    const auto summary = fixture.importOne(path);
    QCOMPARE(summary.sources.size(), std::size_t(1));
    const auto& source = summary.sources[0];
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("auditd"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(1));
    QCOMPARE(source.rejected, std::uint64_t(3));
    QCOMPARE(source.rejectedByReason.at("invalid-audit-record"), std::uint64_t(3));
    QCOMPARE(fixture.text("SELECT group_concat(line) FROM (SELECT line FROM import_errors ORDER BY line)"),
             std::string("3,4,6"));
    QVERIFY(fixture.text("SELECT message FROM import_errors WHERE line = 6").find("truncated") != std::string::npos);
    QCOMPARE(fixture.text("SELECT command_line FROM events"), std::string("ls"));
}

void TestIngestAuditd::corpusSample_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("rejected");
    const auto row = [](const char* path, const char* format, int events, int rejected) {
        QTest::newRow(path) << QString::fromLatin1(path) << QString::fromLatin1(format) << events << rejected;
    };
    row("captured/debian12-openssh92-sessions.audit.log", "auditd", 308, 0);
    row("go-libaudit/auparse-testdata/audit-rhel6.log", "auditd", 2, 0);
    // One record is "type=UNKNOWN[1329] msg=?", which has no stamp.
    row("go-libaudit/auparse-testdata/audit-rhel7.log", "auditd", 47, 1);
    row("go-libaudit/auparse-testdata/audit-ubuntu14.log", "auditd", 1, 0);
    row("go-libaudit/auparse-testdata/audit-ubuntu16.log", "auditd", 3, 0);
    row("go-libaudit/auparse-testdata/audit-ubuntu17.log", "auditd", 1, 0);
    row("go-libaudit/auparse-testdata/test2.log", "auditd", 7, 0);
    row("go-libaudit/testdata/normal.log", "auditd", 5, 0);
    row("go-libaudit/testdata/out_of_order.log", "auditd", 5, 0);
    row("go-libaudit/testdata/lost_messages.log", "auditd", 5, 0);
    row("go-libaudit/testdata/rollover.log", "auditd", 5, 0);
    row("laurel/testdata/shell-proc-trace.txt", "auditd", 9, 0);
    row("laurel/testdata/shell-proc-trace-reordered.txt", "auditd", 9, 0);
    row("laurel/testdata/shell-proc-trace-confusion.txt", "auditd", 72, 0);
    row("laurel/testdata/proc-trace-dpkg-l.txt", "auditd", 23, 0);
    row("laurel/testdata/fork-sleep-exec.txt", "auditd", 3, 0);
    row("laurel/testdata/record-execve-long.txt", "auditd", 1, 0);
    row("laurel/testdata/record-bind-ipv4-bigendian.txt", "auditd", 1, 0);
    row("laurel/testdata/record-ptrace.txt", "auditd", 1, 0);
    row("laurel/testdata/record-service-start.txt", "auditd", 2, 0);
    row("laurel/testdata/tree", "auditd", 17, 0);
    row("laurel/testdata/record-execve-long.json", "laurel", 1, 0);
    row("laurel/testdata/record-perl-reverse-shell.json", "laurel", 1, 0);
    row("laurel/testdata/record-syscall-key.json", "laurel", 3, 0);
    row("laurel/testdata/record-syscall-nullkey.json", "laurel", 3, 0);
    row("laurel/testdata/record-login.json", "laurel", 1, 0);
}

void TestIngestAuditd::corpusSample()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFETCH(int, events);
    QFETCH(int, rejected);
    const QString fullPath = sharedPath(QStringLiteral("corpus/") + path);
    if (fullPath.isEmpty())
        QSKIP(qPrintable(QStringLiteral("shared corpus not found: corpus/") + path));
    CaseFixture fixture;
    const auto summary = fixture.importOne(fullPath);
    std::uint64_t imported = 0;
    std::uint64_t rejectedTotal = 0;
    for (const auto& source : summary.sources) {
        if (source.path.ends_with("README.txt"))
            continue; // the folder's description is not an audit log
        QCOMPARE(QString::fromStdString(source.format), format);
        QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
        imported += source.events;
        rejectedTotal += source.rejected;
    }
    QCOMPARE(imported, std::uint64_t(events));
    QCOMPARE(rejectedTotal, std::uint64_t(rejected));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE timestamp_ns IS NULL OR host_id IS NULL"), qint64(0));
}

void TestIngestAuditd::capturedSshdActions()
{
    SPOOR_REQUIRE_SHARED(path, "corpus/captured/debian12-openssh92-sessions.audit.log");
    CaseFixture fixture;
    fixture.importOne(path);
    // The capture has 308 SYSCALL records. execve: 45 succeeded and 12 failed (env's PATH lookups). clone and
    // vfork: 47. exit_group: 52. accept and connect: 10 inet accepts, 20 inet connects, 118 to unix sockets.
    // write: 4, each with a LOGIN record that sets the login uid.
    const auto actions = fixture.text("SELECT group_concat(action || '=' || n) FROM (SELECT action, count(*) AS n "
                                      "FROM events GROUP BY action ORDER BY action)");
    QCOMPARE(actions, std::string("connect=118,connection_accepted=10,connection_attempted=20,end=52,exec=45,"
                                  "execve=12,fork=47,login=4"));
    // Every session monitor (an exec of sshd with -R) ends with exit_group(255). Its forked privilege-separated
    // children keep the same command line, and ten of them exit with 255 too.
    const std::string sshdEnds = "SELECT count(*) FROM events WHERE action = 'end' AND process_name = 'sshd' AND "
                                 "command_line = '/usr/sbin/sshd -D -f /etc/ssh/sshd_config -R' AND exit_code = 255";
    QCOMPARE(fixture.count(sshdEnds), qint64(20));
    QCOMPARE(fixture.count(sshdEnds + " AND entity_id IN (SELECT entity_id FROM events WHERE action = 'exec')"),
             qint64(10));
    // pam_motd's shell names the monitor as parent, through the derived entity ids.
    QCOMPARE(fixture.count("SELECT count(*) FROM events AS sh JOIN events AS monitor ON monitor.entity_id = "
                           "sh.parent_entity_id AND monitor.action = 'exec' WHERE sh.action = 'exec' AND "
                           "sh.process_name = 'sh' AND sh.command_line LIKE 'sh -c /usr/bin/env -i PATH=%' AND "
                           "monitor.command_line LIKE '/usr/sbin/sshd % -R'"),
             qint64(4));
}

void TestIngestAuditd::auditbeatDocuments()
{
    SPOOR_REQUIRE_SHARED(agentPath,
                         "corpus/elastic-integrations/packages/auditd_manager/data_stream/auditd/sample_event.json");
    SPOOR_REQUIRE_SHARED(execvePath, "corpus/elastic-beats/auditbeat/module/auditd/_meta/execve.json");
    SPOOR_REQUIRE_SHARED(acceptPath, "corpus/elastic-beats/auditbeat/module/auditd/_meta/accept.json");
    CaseFixture fixture;
    const auto agent = fixture.importOne(agentPath);
    QCOMPARE(agent.sources.at(0).events, std::uint64_t(1));
    QCOMPARE(fixture.text("SELECT action || ',' || pid || ',' || parent_pid || ',' || process_name || ',' || "
                          "dataset FROM events"),
             std::string("changed-audit-configuration,22501,9509,auditbeat,auditd_manager.auditd"));

    // The Beats _meta documents are field examples without @timestamp, so they are rejected as they are.
    // With a timestamp added, their ECS fields reach the hot columns, including accept.json's pid string.
    const auto metaImport = fixture.import({execvePath.toStdString(), acceptPath.toStdString()});
    QCOMPARE(metaImport.sources.at(0).rejectedByReason.at("missing-timestamp"), std::uint64_t(1));
    QCOMPARE(metaImport.sources.at(1).rejectedByReason.at("missing-timestamp"), std::uint64_t(1));
    for (const QString& path : {execvePath, acceptPath}) {
        json document = json::parse(readShared(path));
        document["@timestamp"] = "2018-01-01T00:00:00Z";
        const QString copy = fixture.writeInput(QFileInfo(path).fileName(), QByteArray::fromStdString(document.dump()));
        QCOMPARE(fixture.importOne(copy).sources.at(0).events, std::uint64_t(1));
    }
    QCOMPARE(fixture.text("SELECT pid || ',' || parent_pid || ',' || process_name || ',' || executable || ',' || "
                          "user_id FROM events WHERE action = 'executed'"),
             std::string("10043,10027,uname,/bin/uname,1001"));
    QCOMPARE(fixture.text("SELECT pid || ',' || process_name FROM events WHERE action = 'accepted-connection-from'"),
             std::string("1663,sshd"));
}

void TestIngestAuditd::sourceCapabilitiesTable()
{
    const auto* auditd = spoor::ingest::sourceCapabilities("auditd");
    QVERIFY(auditd != nullptr);
    QVERIFY(!auditd->fieldsAsRecorded);
    for (const char* field : {"process.entity_id", "process.exit_code", "process.parent.pid", "destination.ip"})
        QVERIFY2(std::find(auditd->fields.begin(), auditd->fields.end(), field) != auditd->fields.end(), field);
    QVERIFY(std::find(auditd->fields.begin(), auditd->fields.end(), "event.ingested") == auditd->fields.end());
    QVERIFY(std::find(auditd->derived.begin(), auditd->derived.end(), "process.entity_id") != auditd->derived.end());
    for (const auto& field : auditd->derived)
        QVERIFY2(std::find(auditd->fields.begin(), auditd->fields.end(), field) != auditd->fields.end(), field.c_str());
    QVERIFY(spoor::ingest::sourceCapabilities("laurel") != nullptr);
    const auto* syslog = spoor::ingest::sourceCapabilities("auditd-syslog");
    QVERIFY(syslog != nullptr);
    QCOMPARE(syslog->fields, auditd->fields);
    QVERIFY(std::find(syslog->gaps.begin(), syslog->gaps.end(),
                      "host.name comes from node= or, without it, from the syslog header's host name") !=
            syslog->gaps.end());
    QVERIFY(spoor::ingest::sourceCapabilities("ndjson")->fieldsAsRecorded);
    QVERIFY(spoor::ingest::sourceCapabilities("no-such-format") == nullptr);
}

namespace {

// One audit event of a single SYSCALL record by `pid`, at second `second` with serial `second`.
spoor::ingest::AuditEvent syscallEvent(int second, int syscall, int pid, const char* exitValue = "0")
{
    const std::string line = "type=SYSCALL msg=audit(17000000" + std::to_string(second) +
                             ".000:" + std::to_string(second) + "): arch=c000003e syscall=" + std::to_string(syscall) +
                             " success=yes exit=" + exitValue + " a0=0 ppid=1 pid=" + std::to_string(pid) +
                             " comm=\"p" + std::to_string(pid) + "\" exe=\"/usr/bin/p" + std::to_string(pid) + "\"";
    std::string error;
    auto record = spoor::ingest::parseAuditRecord(line, error);
    if (!record)
        qFatal("invalid test record: %s", error.c_str());
    spoor::ingest::AuditEvent event;
    event.stamp = record->stamp;
    event.timestampMs = record->timestampMs;
    event.serial = record->serial;
    event.original = line;
    event.records.push_back(std::move(*record));
    return event;
}

std::string entityOf(const std::string& document)
{
    return at(json::parse(document), "/process/entity_id");
}

} // namespace

void TestIngestAuditd::mapperForgetsLeastRecentProcess()
{
    spoor::ingest::AuditEcsMapper mapper("auditd.log", "host", 2);
    constexpr int execve = 59;
    constexpr int connect = 42;
    constexpr int exitGroup = 231;
    const std::string exec10 = entityOf(mapper.map(syscallEvent(10, execve, 10)));
    const std::string exec20 = entityOf(mapper.map(syscallEvent(11, execve, 20)));
    QCOMPARE(entityOf(mapper.map(syscallEvent(12, connect, 10, "-2"))), exec10);   // makes 10 the most recently used
    const std::string exec30 = entityOf(mapper.map(syscallEvent(13, execve, 30))); // pushes out 20
    QCOMPARE(entityOf(mapper.map(syscallEvent(14, connect, 10, "-2"))), exec10);
    QCOMPARE(entityOf(mapper.map(syscallEvent(15, connect, 30, "-2"))), exec30);
    // Process 20 was forgotten, so its exit starts a new generation with a new derived id.
    const std::string end20 = entityOf(mapper.map(syscallEvent(16, exitGroup, 20)));
    QVERIFY(end20 != exec20);
    QCOMPARE(end20, std::string("host|20|1700000016.000:16"));
}

void TestIngestAuditd::syslogHeaderForms_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected"); // hostname|appname|procid|message, or "none"
    const auto row = [](const char* name, const char* line, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(line) << QString::fromUtf8(expected);
    };
    row("bsd", "Dec  4 10:00:01 bastion audisp-syslog: type=EOE msg=audit(1.000:1):",
        "bastion|audisp-syslog||type=EOE msg=audit(1.000:1):");
    row("bsd with pid", "Dec 14 10:00:01 bastion audit[5509]: a b", "bastion|audit|5509|a b");
    row("bsd with priority", "<86>Dec  4 10:00:01 bastion sshd[1]: x", "bastion|sshd|1|x");
    row("bsd without tag", "Dec  4 10:00:01 bastion some message", "bastion|||some message");
    row("iso", "2026-12-04T10:00:01.123456+00:00 bastion kernel: [   5.1] audit: x",
        "bastion|kernel||[   5.1] audit: x");
    row("iso with priority", "<13>2026-12-04T10:00:01Z bastion app: m", "bastion|app||m");
    row("rfc 5424", "<190>1 2026-12-04T10:00:01.123Z bastion audisp-syslog 812 - - type=EOE",
        "bastion|audisp-syslog|812|type=EOE");
    row("rfc 5424 structured data",
        R"(<190>1 2026-12-04T10:00:01Z bastion app - ID7 [a b="x\]y" c="\"]"][m@1 d="e"] text)", "bastion|app||text");
    row("rfc 5424 nil values and bom", "<14>1 - - - - - - \xef\xbb\xbfhello", "|||hello");
    row("rfc 5424 bad structured data", "<14>1 - host app - - [open", "none");
    row("bad month", "Foo  4 10:00:01 bastion app: x", "none");
    row("bad time", "Dec  4 10:0:01 bastion app: x", "none");
    row("no host", "Dec  4 10:00:01", "none");
    row("audit record", "type=SYSCALL msg=audit(1.000:1): arch=c000003e", "none");
    row("json", R"({"@timestamp":"2026-12-04T10:00:01Z"})", "none");
}

void TestIngestAuditd::syslogHeaderForms()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    const std::string text = line.toStdString();
    const auto parsed = spoor::ingest::parseSyslogLine(text);
    std::string actual = "none";
    if (parsed) {
        actual = std::string(parsed->hostname) + "|" + std::string(parsed->appname) + "|" +
                 std::string(parsed->procid) + "|" + std::string(parsed->message);
    }
    QCOMPARE(QString::fromStdString(actual), expected);
}

namespace {

// Rewrites every record of `log` with `rewrite`, one line each.
std::string rewriteLines(const std::string& log, const std::function<std::string(const std::string&)>& rewrite)
{
    std::string rewritten;
    std::size_t start = 0;
    while (start < log.size()) {
        const std::size_t end = std::min(log.find('\n', start), log.size());
        rewritten += rewrite(log.substr(start, end - start));
        rewritten += '\n';
        start = end + 1;
    }
    return rewritten;
}

// Writes a record as the kernel logs it without an audit daemon: "audit: type=1300 audit(...): ...".
std::string kernelRecord(const std::string& record)
{
    static const std::map<std::string, int, std::less<>> numbers = {
        {"SYSCALL", 1300}, {"PATH", 1302},      {"SOCKADDR", 1306},   {"CWD", 1307},
        {"EXECVE", 1309},  {"PROCTITLE", 1327}, {"BPRM_FCAPS", 1321}, {"LOGIN", 1006}};
    const std::size_t typeEnd = record.find(" msg=audit(");
    const auto number = numbers.find(std::string_view(record).substr(5, typeEnd - 5));
    if (typeEnd == std::string::npos || number == numbers.end())
        qFatal("no kernel type number for %s", record.substr(0, 40).c_str());
    return "audit: type=" + std::to_string(number->second) + " " + record.substr(typeEnd + 5);
}

} // namespace

void TestIngestAuditd::capturedThroughSyslog_data()
{
    QTest::addColumn<QString>("form");
    for (const char* form : {"audisp-syslog", "audit-pid", "rfc5424", "iso", "kernel"})
        QTest::newRow(form) << QString::fromLatin1(form);
}

// Every record of the capture, sent through syslog in one of the forms that reach log files, imports as the same
// events as the raw log, with the syslog header's host in place of the missing node= name.
void TestIngestAuditd::capturedThroughSyslog()
{
    QFETCH(QString, form);
    SPOOR_REQUIRE_SHARED(path, "corpus/captured/debian12-openssh92-sessions.audit.log");
    const std::string capture = readShared(path);
    const std::map<QString, std::function<std::string(const std::string&)>> forms = {
        {"audisp-syslog", [](const std::string& r) { return "Dec  4 10:00:01 bastion audisp-syslog: " + r; }},
        {"audit-pid", [](const std::string& r) { return "Dec 14 10:00:01 bastion audit[5509]: " + r; }},
        {"rfc5424",
         [](const std::string& r) {
             return R"(<190>1 2026-12-04T10:00:01.123Z bastion audisp-syslog 812 - [origin ip="10.0.0.5"] )" + r;
         }},
        {"iso", [](const std::string& r) { return "2026-12-04T10:00:01.123456+00:00 bastion audispd: " + r; }},
        {"kernel",
         [](const std::string& r) { return "Dec  4 10:00:01 bastion kernel: [ 5123.456789] " + kernelRecord(r); }},
    };
    CaseFixture fixture;
    const auto raw = fixture.importOne(path);
    QCOMPARE(raw.sources.at(0).events, std::uint64_t(308));
    const std::string actionsSql = "SELECT group_concat(action || '=' || n) FROM (SELECT action, count(*) AS n FROM "
                                   "events WHERE host_id = '%1' GROUP BY action ORDER BY action)";
    const std::string rawActions = fixture.text(
        QString::fromStdString(actionsSql).arg(QStringLiteral("debian12-openssh92-sessions.audit.log")).toStdString());

    const QString input =
        fixture.writeInput(QStringLiteral("syslog"), QByteArray::fromStdString(rewriteLines(capture, forms.at(form))));
    const auto summary = fixture.importOne(input);
    QCOMPARE(summary.sources.size(), std::size_t(1));
    const auto& source = summary.sources[0];
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("auditd-syslog"));
    QCOMPARE(QString::fromStdString(source.status), QStringLiteral("complete"));
    QCOMPARE(source.events, std::uint64_t(308));
    QCOMPARE(source.rejected, std::uint64_t(0));
    QCOMPARE(fixture.text(QString::fromStdString(actionsSql).arg(QStringLiteral("bastion")).toStdString()), rawActions);
    // The same process tree: the syslog events carry the raw events' entity ids, with the other host name.
    const QString treeSql = QStringLiteral(
        "SELECT group_concat(k, ';') FROM (SELECT timestamp_ns || ' ' || action || ' ' || replace(coalesce(entity_id, "
        "''), '%1|', 'bastion|') || ' ' || replace(coalesce(parent_entity_id, ''), '%1|', 'bastion|') AS k FROM "
        "events WHERE host_id = '%1' ORDER BY k)");
    QCOMPARE(fixture.text(treeSql.arg(QStringLiteral("bastion")).toStdString()),
             fixture.text(treeSql.arg(QStringLiteral("debian12-openssh92-sessions.audit.log")).toStdString()));
    QCOMPARE(fixture.count("SELECT count(*) FROM events WHERE host_id = 'bastion' AND json_extract(event_document("
                           "doc_block, doc_slot), '$.spoor.host_source') = 'syslog'"),
             qint64(308));
    // event.original keeps the syslog lines whole.
    QVERIFY(fixture
                .text("SELECT json_extract(event_document(doc_block, doc_slot), '$.event.original') FROM events "
                      "WHERE host_id = 'bastion' ORDER BY id LIMIT 1")
                .find(" bastion ") != std::string::npos);
}

void TestIngestAuditd::syslogMixedWithOtherLines()
{
    SPOOR_REQUIRE_SHARED(path, "corpus/captured/debian12-openssh92-sessions.audit.log");
    const std::string capture = readShared(path);
    // The first exec of the capture (serial 314, 7 records), from two hosts: one names itself with node=.
    const std::size_t firstEnd = capture.find("msg=audit(1796382601.382:315)");
    const std::string firstEvent = capture.substr(0, capture.rfind('\n', firstEnd) + 1);
    // A hundred lines of other daemons' messages come first, so detection has to look past them.
    constexpr int otherLines = 100;
    std::string input;
    for (int i = 0; i < otherLines; ++i)
        input += "Dec  4 10:00:00 bastion CRON[" + std::to_string(900 + i) + "]: pam_unix(cron:session): closed\n";
    input +=
        "Dec  4 10:00:00 bastion systemd[1]: Started ssh.service - OpenBSD Secure Shell server.\n" +
        rewriteLines(firstEvent.substr(0, firstEvent.size() - 1),
                     [](const std::string& r) { return "Dec  4 10:00:01 bastion audisp-syslog: " + r; }) +
        rewriteLines(firstEvent.substr(0, firstEvent.size() - 1),
                     [](const std::string& r) { return "Dec  4 10:00:01 relay audisp-syslog: node=web-02 " + r; }) +
        "Dec  4 10:00:02 bastion sshd[5510]: Accepted publickey for alice from 10.0.0.7 port 50522 ssh2\n"
        "Dec  4 10:00:02 bastion audit[5510]: USER_LOGIN pid=5510 uid=0 auid=1000 ses=5 msg='op=login acct=\"alice\" "
        "exe=\"/usr/sbin/sshd\" hostname=? addr=10.0.0.7 terminal=/dev/pts/0 res=success'\n"
        "Dec  4 10:00:03 bastion audisp-syslog: type=SYSCALL msg=audit(notastamp): arch=c000003e\n"
        "not a syslog line\n";
    CaseFixture fixture;
    const QString written = fixture.writeInput(QStringLiteral("syslog.log"), QByteArray::fromStdString(input));
    const auto summary = fixture.importOne(written);
    const auto& source = summary.sources.at(0);
    QCOMPARE(QString::fromStdString(source.format), QStringLiteral("auditd-syslog"));
    QCOMPARE(source.events, std::uint64_t(2));
    QCOMPARE(source.rejected, std::uint64_t(otherLines + 5));
    QCOMPARE(source.rejectedByReason.at("not-an-audit-record"), std::uint64_t(otherLines + 2));
    QCOMPARE(source.rejectedByReason.at("audit-record-without-stamp"), std::uint64_t(1));
    QCOMPARE(source.rejectedByReason.at("invalid-audit-record"), std::uint64_t(1));
    QCOMPARE(source.rejectedByReason.at("invalid-syslog-line"), std::uint64_t(1));
    QCOMPARE(fixture.text("SELECT group_concat(host_id || ':' || action || ':' || command_line, ';') FROM (SELECT * "
                          "FROM events ORDER BY host_id)"),
             std::string("bastion:exec:/usr/sbin/sshd -D -f /etc/ssh/sshd_config;"
                         "web-02:exec:/usr/sbin/sshd -D -f /etc/ssh/sshd_config"));
    QCOMPARE(fixture.text("SELECT group_concat(json_extract(event_document(doc_block, doc_slot), "
                          "'$.spoor.host_source')) FROM (SELECT * FROM events ORDER BY host_id)"),
             std::string("syslog,node"));
}

QTEST_GUILESS_MAIN(TestIngestAuditd)
