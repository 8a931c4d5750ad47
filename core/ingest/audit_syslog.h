#pragma once

#include <string>
#include <string_view>

namespace spoor::ingest {

// An audit record found in a syslog line, as auditd writes it, and the host that the syslog header names.
struct SyslogAuditRecord
{
    std::string record; // "type=SYSCALL msg=audit(...): ...", also with "node=" in front
    std::string host;
};

enum class SyslogAuditStatus {
    Record,    // `record` and `host` are set
    NotSyslog, // the line has no syslog header
    NotAudit,  // a syslog line whose message is not an audit record
    NoStamp,   // an audit record without its msg=audit(TIME:SERIAL) stamp, as journald forwards them
};

// Finds the audit record in a syslog line. The message may be a record as auditd writes it, which is how
// audisp-syslog, audispd and auditd's syslog plugin send them ("type=... msg=audit(...): ...", also after
// "node="), or a record as the kernel logs it when no audit daemon runs ("audit: type=1300
// audit(...): ...", also after a "[seconds since boot]" stamp); the kernel's numeric type is given its name.
SyslogAuditStatus findSyslogAuditRecord(std::string_view line, SyslogAuditRecord& found);

// Returns true when the first line of the sample that is not empty has a syslog header and some line of the
// sample carries an audit record with its stamp. The whole sample is read, because a syslog file may mix a few
// audit records with many other messages.
bool looksLikeAuditSyslog(std::string_view sample);

} // namespace spoor::ingest
