#include "report/html_writer.h"

#include "report/source_location.h"
#include "report/text_escape.h"

#include <ostream>
#include <string>

namespace spoor::report {

namespace {

// The policy forbids scripts and remote loads even if an escaping bug let markup through.
constexpr const char* htmlHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font-family: sans-serif; margin: 2em; color: #222; max-width: 100em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
code, pre { font-family: monospace; white-space: pre-wrap; word-break: break-all; }
pre { background: #f6f6f6; padding: 0.5em; }
dt { font-weight: bold; margin-top: 0.4em; }
section.finding { border-top: 2px solid #888; margin-top: 2em; }
.severity-critical, .severity-high { color: #a00; font-weight: bold; }
@media print { details { display: block; } }
</style>
)";

std::string text(std::string_view value)
{
    return escapeHtml(value);
}

std::string number(const std::optional<std::int64_t>& value)
{
    return value ? std::to_string(*value) : std::string();
}

std::string link(const std::string& url, const std::string& label)
{
    if (!isWebUrl(url))
        return text(label);
    return "<a href=\"" + text(url) + "\">" + text(label) + "</a>";
}

void row(std::ostream& out, std::initializer_list<std::string> cells, const char* tag = "td")
{
    out << "<tr>";
    for (const auto& cell : cells)
        out << '<' << tag << '>' << cell << "</" << tag << '>';
    out << "</tr>\n";
}

void writeCase(const CaseInfo& info, std::ostream& out)
{
    out << "<h2>Case</h2>\n<table>\n";
    row(out, {"Case file", text(info.path)});
    row(out, {"Report generated", text(info.generatedAt)});
    row(out, {"Events", std::to_string(info.events)});
    out << "</table>\n<h3>Sources</h3>\n<table>\n";
    row(out, {"Path", "SHA-256", "Bytes", "Format", "Compression", "Status", "Events", "Rejected", "Imported"}, "th");
    for (const auto& source : info.sources) {
        row(out, {text(source.path), "<code>" + text(source.sha256) + "</code>", std::to_string(source.sizeBytes),
                  text(source.format), text(source.compression), text(source.status), std::to_string(source.events),
                  std::to_string(source.rejected), text(source.importedAt)});
    }
    out << "</table>\n<h3>Rule runs</h3>\n<table>\n";
    row(out, {"Rule", "Updated", "Started", "Status", "Time field", "Events scanned", "Findings", "Message"}, "th");
    for (const auto& run : info.runs) {
        row(out,
            {text(run.ruleName), text(run.updatedDate), text(run.startedAt), text(run.status), text(run.timestampField),
             std::to_string(run.eventsScanned), std::to_string(run.findings), text(run.message)});
    }
    out << "</table>\n";
}

std::string severityCell(const std::string& severity)
{
    return "<span class=\"severity-" + text(severity) + "\">" + text(severity) + "</span>";
}

void writeSummary(const Report& report, std::ostream& out)
{
    out << "<h2>Findings (" << report.findings.size() << ")</h2>\n<table>\n";
    row(out, {"Finding", "Rule", "Severity", "Risk", "First", "Last", "Host", "User", "Verdict"}, "th");
    for (const auto& finding : report.findings) {
        const std::string id = std::to_string(finding.id);
        row(out, {"<a href=\"#finding-" + id + "\">" + id + "</a>", text(finding.rule.name),
                  severityCell(finding.rule.severity), number(finding.rule.riskScore), text(finding.first),
                  text(finding.last), text(finding.hostName), text(finding.userName), text(finding.verdict)});
    }
    out << "</table>\n";
}

std::string sourceLocation(const Step& event)
{
    return text(event.sourcePath) + sourceLocationSuffix(event);
}

void writeBookmarks(const Report& report, std::ostream& out)
{
    out << "<h2>Bookmarks (" << report.bookmarks.size() << ")</h2>\n";
    if (report.bookmarks.empty())
        return;
    out << "<table>\n";
    row(out,
        {"@timestamp", "Host", "User", "PID", "Process", "Command line", "event.action", "event.id", "Note",
         "Bookmarked", "Source"},
        "th");
    for (const auto& bookmark : report.bookmarks) {
        const Step& event = bookmark.event;
        const std::string source = sourceLocation(event);
        row(out, {text(event.timestamp), text(event.hostName), text(event.userName), number(event.pid),
                  text(event.processName), "<code>" + text(event.commandLine) + "</code>", text(event.action),
                  text(event.eventId), text(bookmark.note), text(bookmark.createdAt), source});
    }
    out << "</table>\n";
}

void definition(std::ostream& out, const char* term, const std::string& html)
{
    if (!html.empty())
        out << "<dt>" << term << "</dt><dd>" << html << "</dd>\n";
}

std::string attackHtml(const RuleInfo& rule)
{
    std::string html;
    for (const auto& threat : rule.threats) {
        html += "<div>" + link(threat.tactic.reference, threat.tactic.id + " " + threat.tactic.name) + ": ";
        for (std::size_t i = 0; i < threat.techniques.size(); ++i) {
            const auto& technique = threat.techniques[i];
            html += (i ? ", " : "") + link(technique.reference, technique.id + " " + technique.name);
        }
        html += "</div>";
    }
    return html;
}

std::string referencesHtml(const RuleInfo& rule)
{
    std::string html;
    for (const auto& reference : rule.references)
        html += "<div>" + link(reference, reference) + "</div>";
    return html;
}

void writeFindingFacts(const Finding& finding, std::ostream& out)
{
    const RuleInfo& rule = finding.rule;
    out << "<dl>\n";
    definition(out, "Rule",
               text(rule.name) + " (<code>" + text(rule.ruleId) + "</code>, updated " + text(rule.updatedDate) + ")");
    definition(out, "Severity", severityCell(rule.severity) + ", risk score " + number(rule.riskScore));
    definition(out, "Description", text(rule.description));
    definition(out, "MITRE ATT&amp;CK", attackHtml(rule));
    definition(out, "References", referencesHtml(rule));
    definition(out, "Rule TOML error", text(rule.tomlError));
    definition(out, "Verdict", text(finding.verdict));
    definition(out, "Verdict reason", text(finding.verdictReason));
    definition(out, "Time span", text(finding.first) + " to " + text(finding.last));
    definition(out, "Host", text(finding.hostName) + " (" + text(finding.hostId) + ")");
    definition(out, "User", text(finding.userName) + " (" + text(finding.userId) + ")");
    definition(out, "Join keys", "<code>" + text(finding.joinKeys) + "</code>");
    out << "</dl>\n";
    if (!rule.note.empty())
        out << "<details><summary>Investigation guide</summary>\n<pre>" << text(rule.note) << "</pre></details>\n";
}

void writeSteps(const Finding& finding, std::ostream& out)
{
    out << "<table>\n";
    row(out,
        {"Step", "@timestamp", "event.ingested", "Host", "User", "PID", "Process", "Command line", "Exit code",
         "event.action", "event.id", "Source"},
        "th");
    for (const auto& step : finding.steps) {
        if (!step.event) {
            row(out, {std::to_string(step.index + 1), "(missing event)"});
            continue;
        }
        const std::string source = sourceLocation(step);
        row(out, {std::to_string(step.index + 1), text(step.timestamp), text(step.ingested), text(step.hostName),
                  text(step.userName), number(step.pid), text(step.processName),
                  "<code>" + text(step.commandLine) + "</code>", number(step.exitCode), text(step.action),
                  text(step.eventId), source});
    }
    out << "</table>\n";
    for (const auto& step : finding.steps) {
        if (step.event) {
            out << "<details><summary>Step " << step.index + 1 << ": original document (event " << *step.event
                << ")</summary>\n<pre>" << text(step.document) << "</pre></details>\n";
        }
    }
}

void writeFinding(const Finding& finding, std::ostream& out)
{
    out << "<section class=\"finding\" id=\"finding-" << finding.id << "\">\n<h2>Finding " << finding.id << ": "
        << text(finding.rule.name) << "</h2>\n";
    writeFindingFacts(finding, out);
    writeSteps(finding, out);
    out << "</section>\n";
}

} // namespace

void writeHtml(const Report& report, std::ostream& out)
{
    out << htmlHead << "<title>Spoor report: " << text(report.caseInfo.path) << "</title>\n</head>\n<body>\n";
    out << "<h1>Spoor findings report</h1>\n";
    writeCase(report.caseInfo, out);
    writeSummary(report, out);
    writeBookmarks(report, out);
    for (const auto& finding : report.findings)
        writeFinding(finding, out);
    out << "</body>\n</html>\n";
}

} // namespace spoor::report
