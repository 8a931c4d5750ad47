#include "report/report_loader.h"

#include "ecs/flatten.h"
#include "report/timestamp_text.h"
#include "rules/rule_loader.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

namespace spoor::report {

namespace {

std::string nowIso()
{
    const auto sinceEpoch = std::chrono::system_clock::now().time_since_epoch();
    return ecs::formatIsoTimestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(sinceEpoch).count(), 3);
}

std::vector<SourceInfo> readSources(store::Database& db)
{
    std::vector<SourceInfo> sources;
    auto select = db.prepare("SELECT id, path, sha256, size_bytes, format, compression, status, imported_at, events,"
                             " rejected, duplicates FROM sources ORDER BY id");
    while (select.step()) {
        sources.push_back(SourceInfo{select.int64(0), select.text(1), select.text(2), select.int64(3), select.text(4),
                                     select.text(5), select.text(6), select.text(7), select.int64(8), select.int64(9),
                                     select.int64(10)});
    }
    return sources;
}

std::vector<RunInfo> readRuns(store::Database& db)
{
    std::vector<RunInfo> runs;
    auto select =
        db.prepare("SELECT rr.id, r.name, r.rule_id, r.updated_date, rr.started_at, rr.status, rr.timestamp_field,"
                   " rr.events_scanned, rr.timestamp_fallbacks, rr.findings, rr.message"
                   " FROM rule_runs rr JOIN rules r ON r.id = rr.rule ORDER BY rr.id");
    while (select.step()) {
        runs.push_back(RunInfo{select.int64(0), select.text(1), select.text(2), select.text(3), select.text(4),
                               select.text(5), select.text(6), select.int64(7), select.int64(8), select.int64(9),
                               select.text(10)});
    }
    return runs;
}

CaseInfo readCaseInfo(store::CaseFile& caseFile, const ReportOptions& options)
{
    CaseInfo info;
    info.path = caseFile.path();
    info.generatedAt = options.generatedAt.empty() ? nowIso() : options.generatedAt;
    auto count = caseFile.db().prepare("SELECT count(*) FROM events");
    count.step();
    info.events = count.int64(0);
    info.sources = readSources(caseFile.db());
    info.runs = readRuns(caseFile.db());
    return info;
}

// Completes the rules table's columns (already in `info`) from the stored TOML.
void addRuleText(RuleInfo& info, const std::string& tomlText)
{
    try {
        const rules::Rule rule = rules::parseRule(tomlText, info.origin);
        info.description = rule.description;
        info.query = rule.query;
        info.note = rule.note;
        info.references = rule.references;
        info.threats = rule.threats;
    } catch (const rules::RuleError& error) {
        info.tomlError = error.what();
    }
}

// Returns the original text of a time field, or empty when the document does not contain it as a string.
std::string originalTime(const ecs::Event& event, std::string_view path)
{
    const ecs::Value* value = event.find(path);
    if (value && value->isArray() && value->asArray().size() == 1)
        value = &value->asArray().front();
    return value && value->isString() ? value->asString() : std::string();
}

std::string formatLike(std::optional<ecs::TimestampNs> ns, const std::string& original)
{
    if (!ns)
        return {};
    if (original.empty())
        return formatExactTimestamp(*ns);
    return ecs::formatIsoTimestamp(*ns, fractionDigitsOf(original));
}

void formatStepTimes(Step& step)
{
    ecs::Event event;
    const auto document = nlohmann::json::parse(step.document, nullptr, false);
    if (document.is_object())
        event = ecs::flatten(document);
    step.timestamp = formatLike(step.timestampNs, originalTime(event, "@timestamp"));
    step.ingested = formatLike(step.ingestedNs, originalTime(event, "event.ingested"));
}

Step readStep(const store::Statement& row)
{
    Step step;
    step.index = static_cast<int>(row.int64(0));
    step.event = row.optionalInt64(1);
    if (!step.event)
        return step;
    step.timestampNs = row.optionalInt64(2);
    step.ingestedNs = row.optionalInt64(3);
    step.hostId = row.text(4);
    step.hostName = row.text(5);
    step.userId = row.text(6);
    step.userName = row.text(7);
    step.pid = row.optionalInt64(8);
    step.processName = row.text(9);
    step.commandLine = row.text(10);
    step.exitCode = row.optionalInt64(11);
    step.action = row.text(12);
    step.eventId = row.text(13);
    step.sourcePath = row.text(14);
    step.line = row.optionalInt64(15);
    step.document = row.text(16);
    step.byteOffset = row.optionalInt64(17);
    formatStepTimes(step);
    return step;
}

std::vector<Step> readSteps(store::Statement& select, std::int64_t findingId)
{
    std::vector<Step> steps;
    select.bind(1, findingId);
    while (select.step())
        steps.push_back(readStep(select));
    select.reset();
    return steps;
}

RuleInfo readRule(const store::Statement& row)
{
    RuleInfo info;
    info.ruleId = row.text(12);
    info.name = row.text(13);
    info.updatedDate = row.text(14);
    info.severity = row.text(15);
    info.riskScore = row.optionalInt64(16);
    info.language = row.text(17);
    info.origin = row.text(18);
    info.queryHash = row.text(19);
    addRuleText(info, row.text(20));
    return info;
}

Finding readFinding(const store::Statement& row, std::map<std::int64_t, RuleInfo>& rulesByRow)
{
    Finding finding;
    finding.id = row.int64(0);
    finding.run = row.int64(1);
    const std::int64_t ruleRow = row.int64(2);
    auto rule = rulesByRow.find(ruleRow);
    if (rule == rulesByRow.end())
        rule = rulesByRow.emplace(ruleRow, readRule(row)).first;
    finding.rule = rule->second;
    finding.firstNs = row.optionalInt64(3);
    finding.lastNs = row.optionalInt64(4);
    finding.first = finding.firstNs ? formatExactTimestamp(*finding.firstNs) : std::string();
    finding.last = finding.lastNs ? formatExactTimestamp(*finding.lastNs) : std::string();
    finding.hostId = row.text(5);
    finding.hostName = row.text(6);
    finding.userId = row.text(7);
    finding.userName = row.text(8);
    finding.joinKeys = row.text(9);
    finding.verdict = row.text(10);
    finding.verdictReason = row.text(11);
    return finding;
}

constexpr const char* findingsQuery =
    "SELECT f.id, f.run, f.rule, f.first_ns, f.last_ns, f.host_id, f.host_name, f.user_id, f.user_name,"
    " f.join_keys, f.verdict, f.verdict_reason, r.rule_id, r.name, r.updated_date, r.severity, r.risk_score,"
    " r.language, r.origin, r.query_hash, r.toml"
    " FROM findings f JOIN rules r ON r.id = f.rule"
    // Only the latest complete run of each rule version, because a case scanned twice contains every match twice.
    " WHERE f.run = (SELECT max(rr.id) FROM rule_runs rr WHERE rr.rule = f.rule AND rr.status = 'complete')"
    " ORDER BY r.name, r.rule_id, r.updated_date, f.rule, f.first_ns IS NULL, f.first_ns, f.id";

// The event columns that readStep reads after the step index, from events e and sources s.
constexpr const char* eventColumns =
    " e.id, e.timestamp_ns, e.ingested_ns, e.host_id, e.host_name, e.user_id, e.user_name, e.pid,"
    " e.process_name, e.command_line, e.exit_code, e.action, e.event_id, s.path, e.line,"
    " event_document(e.doc_block, e.doc_slot), e.byte_offset";

std::string stepsQuery()
{
    return std::string("SELECT fe.step,") + eventColumns +
           " FROM finding_events fe LEFT JOIN events e ON e.id = fe.event LEFT JOIN sources s ON s.id = e.source_id"
           " WHERE fe.finding = ? ORDER BY fe.step";
}

// The bookmark's columns (18 to 20) follow the event's.
std::string bookmarksQuery()
{
    return std::string("SELECT 0,") + eventColumns +
           ", b.id, b.created_at, b.note"
           " FROM bookmarks b JOIN events e ON e.id = b.event LEFT JOIN sources s ON s.id = e.source_id"
           " ORDER BY e.timestamp_ns IS NULL, e.timestamp_ns, b.id";
}

std::vector<Bookmark> readBookmarks(store::Database& db)
{
    std::vector<Bookmark> bookmarks;
    auto select = db.prepare(bookmarksQuery());
    while (select.step()) {
        Bookmark bookmark;
        bookmark.event = readStep(select);
        bookmark.id = select.int64(18);
        bookmark.createdAt = select.text(19);
        bookmark.note = select.text(20);
        bookmarks.push_back(std::move(bookmark));
    }
    return bookmarks;
}

} // namespace

Report loadReport(store::CaseFile& caseFile, const ReportOptions& options)
{
    Report report;
    report.caseInfo = readCaseInfo(caseFile, options);

    store::Database& db = caseFile.db();
    auto findings = db.prepare(findingsQuery);
    auto steps = db.prepare(stepsQuery());
    std::map<std::int64_t, RuleInfo> rulesByRow;
    while (findings.step()) {
        Finding finding = readFinding(findings, rulesByRow);
        finding.steps = readSteps(steps, finding.id);
        report.findings.push_back(std::move(finding));
    }
    report.bookmarks = readBookmarks(db);
    return report;
}

} // namespace spoor::report
