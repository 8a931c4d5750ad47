#include "ingest/audit_log_reader.h"

#include "ingest/audit_syslog.h"

#include <cstdint>

namespace spoor::ingest {

namespace {

// An event still open when records arrive with a serial this far ahead is complete: auditd writes
// the records of one event within a few serials of each other. Serials are 32-bit and wrap around.
constexpr std::uint32_t serialWindow = 1000;

// Open events beyond this number complete the oldest first, which bounds memory on logs where events
// never end (records lost, no EOE lines).
constexpr std::size_t maxOpenEvents = 4096;

std::string eventKey(const AuditRecord& record)
{
    return record.node + '\n' + record.stamp;
}

bool isFarBehind(std::uint64_t earlier, std::uint64_t later)
{
    const auto distance = static_cast<std::uint32_t>(later - earlier);
    return distance > serialWindow && distance < (1u << 31);
}

// Lines that `ausearch` prints between events without --raw.
bool isSeparatorLine(std::string_view line)
{
    return line.starts_with("----") || line.starts_with("time->");
}

} // namespace

ReadIssue lineIssue(std::string reason, std::string message, const RawDocument& line)
{
    ReadIssue issue;
    issue.reason = std::move(reason);
    issue.message = std::move(message);
    if (line.unterminatedLastLine)
        issue.message += " (the last line has no newline at its end, so the file may be truncated)";
    issue.excerpt = excerptOf(line.text);
    issue.line = line.line;
    issue.byteOffset = line.byteOffset;
    return issue;
}

std::string auditHostFromPath(std::string_view path)
{
    const std::size_t slash = path.find_last_of("/\\");
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return name.empty() ? "unknown" : std::string(name);
}

bool looksLikeAuditLog(std::string_view sample)
{
    while (!sample.empty()) {
        const std::size_t end = sample.find('\n');
        const std::string_view line = sample.substr(0, end);
        const bool skipped = line.empty() || line == "\r" || line.starts_with('#') || isSeparatorLine(line);
        if (!skipped) {
            std::string error;
            return parseAuditRecord(line, error).has_value();
        }
        if (end == std::string_view::npos)
            break;
        sample.remove_prefix(end + 1);
    }
    return false;
}

AuditLogReader::AuditLogReader(StreamBuffer& buffer, std::size_t maxLineBytes, std::string fallbackHost,
                               AuditLineFormat lineFormat)
    : lines_(buffer, InputFormat::NdjsonDocuments, maxLineBytes), maxEventBytes_(maxLineBytes),
      mapper_("auditd.log", std::move(fallbackHost)), lineFormat_(lineFormat)
{}

void AuditLogReader::complete(EventList::iterator event)
{
    byKey_.erase(event->node + '\n' + event->stamp);
    complete_.push_back(std::move(*event));
    open_.erase(event);
}

void AuditLogReader::completeAll()
{
    while (!open_.empty())
        complete(open_.begin());
}

void AuditLogReader::completeEventsBehind(const AuditRecord& record)
{
    while (!open_.empty()) {
        const AuditEvent& oldest = open_.front();
        const bool behind = oldest.node == record.node && isFarBehind(oldest.serial, record.serial);
        if (!behind && open_.size() <= maxOpenEvents)
            return;
        complete(open_.begin());
    }
}

void AuditLogReader::addRecord(AuditRecord record, const RawDocument& line, bool nodeFromSyslog)
{
    const std::string key = eventKey(record);
    if (record.type == "EOE") {
        const auto found = byKey_.find(key);
        if (found != byKey_.end()) {
            found->second->original += '\n';
            found->second->original += line.text;
            complete(found->second);
        }
        // NOTE: an EOE whose event was already completed (its records came too late) is dropped.
        return;
    }
    // Completing events first keeps `found` valid: the limit on open events may complete this event too.
    completeEventsBehind(record);
    auto found = byKey_.find(key);
    if (found == byKey_.end()) {
        AuditEvent event;
        event.node = record.node;
        event.stamp = record.stamp;
        event.timestampMs = record.timestampMs;
        event.serial = record.serial;
        event.line = line.line;
        event.byteOffset = line.byteOffset;
        event.nodeFromSyslog = nodeFromSyslog;
        open_.push_back(std::move(event));
        found = byKey_.emplace(key, std::prev(open_.end())).first;
    } else {
        found->second->original += '\n';
    }
    AuditEvent& event = *found->second;
    event.original += line.text;
    const bool standalone = isStandaloneAuditRecord(record.type);
    event.records.push_back(std::move(record));
    // TODO: an event cut here by the size limit continues as a second event with the same stamp.
    if (standalone || event.original.size() > maxEventBytes_)
        complete(found->second);
}

// Returns false with `issue` filled when the line is not an audit record.
bool AuditLogReader::takeLine(const RawDocument& line, ReadIssue& issue)
{
    if (lineFormat_ == AuditLineFormat::Syslog)
        return takeSyslogLine(line, issue);
    if (isSeparatorLine(line.text))
        return true;
    std::string error;
    auto record = parseAuditRecord(line.text, error);
    if (record) {
        addRecord(std::move(*record), line, false);
        return true;
    }
    if (error.empty())
        return true; // a comment
    issue = lineIssue("invalid-audit-record", std::move(error), line);
    return false;
}

// Returns false with `issue` filled when the line carries no audit record. Other syslog lines are reported,
// one issue each, because a syslog file may mix audit records with every other daemon's messages.
bool AuditLogReader::takeSyslogLine(const RawDocument& line, ReadIssue& issue)
{
    SyslogAuditRecord found;
    switch (findSyslogAuditRecord(line.text, found)) {
    case SyslogAuditStatus::NotSyslog:
        issue =
            lineIssue("invalid-syslog-line",
                      "not a syslog line: expected a BSD, ISO-8601 or RFC 5424 syslog header before the record", line);
        return false;
    case SyslogAuditStatus::NotAudit:
        issue =
            lineIssue("not-an-audit-record", "the syslog message is not an audit record; the line was skipped", line);
        return false;
    case SyslogAuditStatus::NoStamp:
        issue = lineIssue("audit-record-without-stamp",
                          "the audit record has no msg=audit(TIME:SERIAL) stamp, as journald forwards records, so it "
                          "cannot be grouped into an event; the line was skipped",
                          line);
        return false;
    case SyslogAuditStatus::Record:
        break;
    }
    std::string error;
    auto record = parseAuditRecord(found.record, error);
    if (!record) {
        issue = lineIssue("invalid-audit-record", std::move(error), line);
        return false;
    }
    const bool nodeFromSyslog = record->node.empty() && !found.host.empty();
    if (nodeFromSyslog)
        record->node = std::move(found.host);
    addRecord(std::move(*record), line, nodeFromSyslog);
    return true;
}

void AuditLogReader::takeCompleted(RawDocument& document)
{
    AuditEvent event = std::move(complete_.front());
    complete_.pop_front();
    documentText_ = mapper_.map(event);
    documentInput_ = std::move(event.original);
    document = RawDocument{};
    document.text = documentText_;
    document.input = documentInput_;
    document.line = event.line;
    document.byteOffset = event.byteOffset;
}

DocumentReader::Step AuditLogReader::next(RawDocument& document, ReadIssue& issue)
{
    for (;;) {
        if (!complete_.empty()) {
            takeCompleted(document);
            return Step::Document;
        }
        if (inputEnded_)
            return Step::End;
        RawDocument line;
        const Step step = lines_.next(line, issue);
        if (step == Step::End) {
            inputEnded_ = true;
            stopMessage_ = lines_.stopMessage();
            completeAll();
        } else if (step == Step::Issue) {
            return Step::Issue;
        } else if (!takeLine(line, issue)) {
            return Step::Issue;
        }
    }
}

} // namespace spoor::ingest
