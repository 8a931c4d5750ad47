#include "report/json_writer.h"

#include "report/text_escape.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace spoor::report {

namespace {

// ordered_json keeps the key order of the original documents and of the report layout.
using json = nlohmann::ordered_json;

template <typename T> json optionalJson(const std::optional<T>& value)
{
    return value ? json(*value) : json(nullptr);
}

// Parses JSON text from the case, or keeps it as a string when it is not valid JSON.
json embeddedJson(const std::string& text)
{
    json parsed = json::parse(validUtf8(text), nullptr, false);
    return parsed.is_discarded() ? json(text) : parsed;
}

json sourceJson(const SourceInfo& source)
{
    return {{"id", source.id},
            {"path", source.path},
            {"sha256", source.sha256},
            {"size_bytes", source.sizeBytes},
            {"format", source.format},
            {"compression", source.compression},
            {"status", source.status},
            {"imported_at", source.importedAt},
            {"events", source.events},
            {"rejected", source.rejected},
            {"duplicates", source.duplicates}};
}

json runJson(const RunInfo& run)
{
    return {{"id", run.id},
            {"rule", {{"name", run.ruleName}, {"rule_id", run.ruleId}, {"updated_date", run.updatedDate}}},
            {"started_at", run.startedAt},
            {"status", run.status},
            {"timestamp_field", run.timestampField},
            {"events_scanned", run.eventsScanned},
            {"timestamp_fallbacks", run.timestampFallbacks},
            {"findings", run.findings},
            {"message", run.message}};
}

json caseJson(const CaseInfo& info)
{
    json sources = json::array();
    for (const auto& source : info.sources)
        sources.push_back(sourceJson(source));
    json runs = json::array();
    for (const auto& run : info.runs)
        runs.push_back(runJson(run));
    return {{"path", info.path},
            {"generated_at", info.generatedAt},
            {"events", info.events},
            {"sources", sources},
            {"rule_runs", runs}};
}

json attackJson(const std::string& id, const std::string& name, const std::string& reference)
{
    return {{"id", id}, {"name", name}, {"reference", reference}};
}

json threatJson(const rules::Threat& threat)
{
    json techniques = json::array();
    for (const auto& technique : threat.techniques)
        techniques.push_back(attackJson(technique.id, technique.name, technique.reference));
    return {{"framework", threat.framework},
            {"tactic", attackJson(threat.tactic.id, threat.tactic.name, threat.tactic.reference)},
            {"techniques", techniques}};
}

json ruleJson(const RuleInfo& rule)
{
    json threats = json::array();
    for (const auto& threat : rule.threats)
        threats.push_back(threatJson(threat));
    return {{"rule_id", rule.ruleId},
            {"name", rule.name},
            {"updated_date", rule.updatedDate},
            {"severity", rule.severity},
            {"risk_score", optionalJson(rule.riskScore)},
            {"language", rule.language},
            {"origin", rule.origin},
            {"query_hash", rule.queryHash},
            {"description", rule.description},
            {"query", rule.query},
            {"note", rule.note},
            {"references", rule.references},
            {"threat", threats},
            {"toml_error", rule.tomlError}};
}

// The fields of a step's or a bookmark's event.
json eventJson(const Step& step)
{
    return {{"event", optionalJson(step.event)},
            {"timestamp", step.timestamp},
            {"timestamp_ns", optionalJson(step.timestampNs)},
            {"ingested", step.ingested},
            {"ingested_ns", optionalJson(step.ingestedNs)},
            {"host", {{"id", step.hostId}, {"name", step.hostName}}},
            {"user", {{"id", step.userId}, {"name", step.userName}}},
            {"pid", optionalJson(step.pid)},
            {"process_name", step.processName},
            {"command_line", step.commandLine},
            {"exit_code", optionalJson(step.exitCode)},
            {"action", step.action},
            {"event_id", step.eventId},
            {"source",
             {{"path", step.sourcePath},
              {"line", optionalJson(step.line)},
              {"byte_offset", optionalJson(step.byteOffset)}}},
            {"document", step.event ? embeddedJson(step.document) : json(nullptr)}};
}

json stepJson(const Step& step)
{
    json fields = {{"step", step.index}};
    fields.update(eventJson(step));
    return fields;
}

json bookmarkJson(const Bookmark& bookmark)
{
    json fields = {{"id", bookmark.id}, {"created_at", bookmark.createdAt}, {"note", bookmark.note}};
    fields.update(eventJson(bookmark.event));
    return fields;
}

json findingJson(const Finding& finding)
{
    json steps = json::array();
    for (const auto& step : finding.steps)
        steps.push_back(stepJson(step));
    return {{"id", finding.id},
            {"run", finding.run},
            {"rule", ruleJson(finding.rule)},
            {"verdict", finding.verdict.empty() ? json(nullptr) : json(finding.verdict)},
            {"verdict_reason", finding.verdictReason},
            {"first", finding.first},
            {"last", finding.last},
            {"first_ns", optionalJson(finding.firstNs)},
            {"last_ns", optionalJson(finding.lastNs)},
            {"host", {{"id", finding.hostId}, {"name", finding.hostName}}},
            {"user", {{"id", finding.userId}, {"name", finding.userName}}},
            {"join_keys", embeddedJson(finding.joinKeys)},
            {"steps", steps}};
}

} // namespace

void writeJson(const Report& report, std::ostream& out)
{
    json findings = json::array();
    for (const auto& finding : report.findings)
        findings.push_back(findingJson(finding));
    json bookmarks = json::array();
    for (const auto& bookmark : report.bookmarks)
        bookmarks.push_back(bookmarkJson(bookmark));
    const json document = {{"case", caseJson(report.caseInfo)}, {"findings", findings}, {"bookmarks", bookmarks}};
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

} // namespace spoor::report
