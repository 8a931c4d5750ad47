#pragma once

#include "ingest/audit_ecs_mapper.h"
#include "ingest/audit_event.h"
#include "ingest/document_reader.h"
#include "ingest/ndjson_reader.h"

#include <deque>
#include <list>
#include <string>
#include <unordered_map>

namespace spoor::ingest {

// The layout of the records in an audit log file.
enum class AuditLineFormat {
    Raw,    // one record per line, as auditd writes audit.log
    Syslog, // one record per syslog line, behind a syslog header (see findSyslogAuditRecord)
};

// Reads a raw Linux audit log (audit.log, `ausearch --raw` output, also with node= prefixes and the
// ENRICHED format, or audit records in syslog lines) and returns one generated ECS document per audit
// event. The records of an event share their node and "msg=audit(TIME:SERIAL)" stamp and may be
// interleaved with other events' records. An event is complete at its EOE record, when it is a
// user-space message (a single record), when records arrive with a serial far ahead of it, when too many
// events are open, or at the end.
class AuditLogReader : public DocumentReader
{
public:
    // `fallbackHost` names the host of records without a node= prefix. In syslog lines, the host of the
    // syslog header takes the place of a missing node= prefix.
    AuditLogReader(StreamBuffer& buffer, std::size_t maxLineBytes, std::string fallbackHost,
                   AuditLineFormat lineFormat = AuditLineFormat::Raw);
    Step next(RawDocument& document, ReadIssue& issue) override;

private:
    using EventList = std::list<AuditEvent>;

    bool takeLine(const RawDocument& line, ReadIssue& issue);
    bool takeSyslogLine(const RawDocument& line, ReadIssue& issue);
    void addRecord(AuditRecord record, const RawDocument& line, bool nodeFromSyslog);
    void completeEventsBehind(const AuditRecord& record);
    void complete(EventList::iterator event);
    void completeAll();
    void takeCompleted(RawDocument& document);

    NdjsonReader lines_;
    std::size_t maxEventBytes_;
    AuditEcsMapper mapper_;
    EventList open_;                                             // in the order of their first record
    std::unordered_map<std::string, EventList::iterator> byKey_; // node + '\n' + stamp
    std::deque<AuditEvent> complete_;
    std::string documentText_;
    std::string documentInput_;
    AuditLineFormat lineFormat_;
    bool inputEnded_ = false;
};

// Returns an issue about a line of the input that is not a record, with its position and an excerpt.
ReadIssue lineIssue(std::string reason, std::string message, const RawDocument& line);

// Returns the host name for audit records without node=: the file name of `path`, or "unknown".
std::string auditHostFromPath(std::string_view path);

// Returns true when the first line of the sample that is not a "# comment" is an audit record.
bool looksLikeAuditLog(std::string_view sample);

} // namespace spoor::ingest
