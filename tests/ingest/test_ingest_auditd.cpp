#include "test_ingest_auditd.h"

#include "common/shared_data.h"
#include "ingest/audit_log_reader.h"
#include "ingest/byte_source.h"
#include "ingest/document_reader.h"
#include "ingest/laurel_reader.h"
#include "ingest/source_capabilities.h"
#include "ingest/stream_buffer.h"
#include "ingest_fixture.h"

#include <QFile>
#include <QTest>
#include <algorithm>
#include <cstring>
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
    QVERIFY(spoor::ingest::sourceCapabilities("ndjson")->fieldsAsRecorded);
    QVERIFY(spoor::ingest::sourceCapabilities("no-such-format") == nullptr);
}

QTEST_GUILESS_MAIN(TestIngestAuditd)
