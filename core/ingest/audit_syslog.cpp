#include "ingest/audit_syslog.h"

#include "ingest/audit_record.h"
#include "ingest/syslog_line.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace spoor::ingest {

namespace {

struct RecordTypeName
{
    int number;
    std::string_view name;
};

// Record type numbers from linux/audit.h and libaudit.h, for the types that Spoor maps or that are common.
constexpr std::array<RecordTypeName, 32> recordTypeNames{{
    {1006, "LOGIN"},        {1100, "USER_AUTH"},      {1101, "USER_ACCT"},  {1102, "USER_MGMT"},
    {1103, "CRED_ACQ"},     {1104, "CRED_DISP"},      {1105, "USER_START"}, {1106, "USER_END"},
    {1107, "USER_AVC"},     {1108, "USER_CHAUTHTOK"}, {1109, "USER_ERR"},   {1110, "CRED_REFR"},
    {1112, "USER_LOGIN"},   {1113, "USER_LOGOUT"},    {1123, "USER_CMD"},   {1130, "SERVICE_START"},
    {1131, "SERVICE_STOP"}, {1300, "SYSCALL"},        {1302, "PATH"},       {1303, "IPC"},
    {1304, "SOCKETCALL"},   {1305, "CONFIG_CHANGE"},  {1306, "SOCKADDR"},   {1307, "CWD"},
    {1309, "EXECVE"},       {1318, "FD_PAIR"},        {1320, "EOE"},        {1321, "BPRM_FCAPS"},
    {1323, "MMAP"},         {1327, "PROCTITLE"},      {1334, "SECCOMP"},    {1400, "AVC"},
}};

// Returns the type's name, or "UNKNOWN[N]" as ausearch writes types it does not know.
std::string recordTypeName(int number)
{
    for (const auto& type : recordTypeNames) {
        if (type.number == number)
            return std::string(type.name);
    }
    return "UNKNOWN[" + std::to_string(number) + "]";
}

// Removes the "[  123.456789] " stamp that the kernel log puts before a message.
std::string_view withoutUptime(std::string_view message)
{
    if (!message.starts_with('['))
        return message;
    const std::size_t close = message.find(']');
    if (close == std::string_view::npos)
        return message;
    for (const char c : message.substr(1, close - 1)) {
        if (c != ' ' && c != '.' && (c < '0' || c > '9'))
            return message;
    }
    message.remove_prefix(close + 1);
    while (message.starts_with(' '))
        message.remove_prefix(1);
    return message;
}

// Rewrites "audit: type=1300 audit(STAMP): fields" as "type=SYSCALL msg=audit(STAMP): fields".
bool rewriteKernelRecord(std::string_view message, std::string& record)
{
    constexpr std::string_view prefix = "audit: type=";
    if (!message.starts_with(prefix))
        return false;
    message.remove_prefix(prefix.size());
    int number = 0;
    const auto [end, error] = std::from_chars(message.data(), message.data() + message.size(), number);
    const auto digits = static_cast<std::size_t>(end - message.data());
    if (error != std::errc() || !message.substr(digits).starts_with(" audit("))
        return false;
    record = "type=" + recordTypeName(number) + " msg=" + std::string(message.substr(digits + 1));
    return true;
}

// journald forwards a record as "TYPE fields" under the identifier "audit", without its stamp.
bool isUnstampedRecord(const SyslogLine& line)
{
    if (line.appname != "audit" || line.message.empty())
        return false;
    const std::size_t space = line.message.find(' ');
    for (const char c : line.message.substr(0, space)) {
        if ((c < 'A' || c > 'Z') && c != '_' && (c < '0' || c > '9'))
            return false;
    }
    return line.message.find("audit(") == std::string_view::npos;
}

} // namespace

SyslogAuditStatus findSyslogAuditRecord(std::string_view line, SyslogAuditRecord& found)
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    const auto syslog = parseSyslogLine(line);
    if (!syslog)
        return SyslogAuditStatus::NotSyslog;
    const std::string_view message = withoutUptime(syslog->message);
    if (message.starts_with("type=") || message.starts_with("node="))
        found.record = std::string(message);
    else if (!rewriteKernelRecord(message, found.record))
        return isUnstampedRecord(*syslog) ? SyslogAuditStatus::NoStamp : SyslogAuditStatus::NotAudit;
    found.host = std::string(syslog->hostname);
    return SyslogAuditStatus::Record;
}

bool looksLikeAuditSyslog(std::string_view sample)
{
    bool first = true;
    std::size_t start = 0;
    while (start < sample.size()) {
        const std::size_t end = std::min(sample.find('\n', start), sample.size());
        const std::string_view line = sample.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line == "\r")
            continue;
        SyslogAuditRecord found;
        const SyslogAuditStatus status = findSyslogAuditRecord(line, found);
        if (first && status == SyslogAuditStatus::NotSyslog)
            return false;
        first = false;
        std::string error;
        if (status == SyslogAuditStatus::Record && parseAuditRecord(found.record, error))
            return true;
    }
    return false;
}

} // namespace spoor::ingest
