#include "report/markdown_writer.h"

#include "report/source_location.h"
#include "report/text_escape.h"

#include <algorithm>
#include <ostream>
#include <string>

namespace spoor::report {

namespace {

// Escapes text for a Markdown paragraph or table cell: HTML-special characters become entities and
// Markdown punctuation gets a backslash, so data cannot open a link, emphasis, table cell or raw HTML.
// The "/" after ":" is escaped too, so that GitHub-flavoured Markdown does not autolink URLs in data.
// Control characters become visible escapes such as "\n" and "\x1b": a table row must stay on one line, and
// a terminal that shows the file must not run escape sequences from the data.
std::string text(std::string_view value)
{
    std::string result;
    char previous = 0;
    for (const char c : escapeControlCharacters(value)) {
        if (std::string_view("&<>\"'").find(c) != std::string_view::npos) {
            result += escapeHtml(std::string_view(&c, 1));
        } else {
            if (std::string_view("\\`*_[]|~").find(c) != std::string_view::npos || (c == '/' && previous == ':'))
                result += '\\';
            result += c;
        }
        previous = c;
    }
    return result;
}

// Formats prose such as a rule description, where line breaks are only wrapping.
std::string prose(std::string_view value)
{
    std::string flat(value);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    const std::size_t end = flat.find_last_not_of(" \r\t");
    flat.erase(end == std::string::npos ? 0 : end + 1);
    return text(flat);
}

std::string number(const std::optional<std::int64_t>& value)
{
    return value ? std::to_string(*value) : std::string();
}

std::string link(const std::string& url, const std::string& label)
{
    if (!isWebUrl(url) || url.find_first_of("<> \n\r") != std::string::npos)
        return text(label);
    return "[" + text(label) + "](<" + escapeHtml(url) + ">)";
}

void row(std::ostream& out, std::initializer_list<std::string> cells)
{
    out << '|';
    for (const auto& cell : cells)
        out << ' ' << cell << " |";
    out << '\n';
}

void headerRow(std::ostream& out, std::initializer_list<std::string> cells)
{
    row(out, cells);
    out << '|';
    for (std::size_t i = 0; i < cells.size(); ++i)
        out << " --- |";
    out << '\n';
}

// Returns a backtick fence longer than any run of backticks in the text, so the text cannot close it.
std::string fenceFor(const std::string& code)
{
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : code) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void writeCase(const CaseInfo& info, std::ostream& out)
{
    out << "## Case\n\n- Case file: " << text(info.path) << "\n- Report generated: " << text(info.generatedAt)
        << "\n- Events: " << info.events << "\n\n### Sources\n\n";
    headerRow(out, {"Path", "SHA-256", "Bytes", "Format", "Status", "Events", "Rejected"});
    for (const auto& source : info.sources) {
        row(out, {text(source.path), text(source.sha256), std::to_string(source.sizeBytes), text(source.format),
                  text(source.status), std::to_string(source.events), std::to_string(source.rejected)});
    }
    out << "\n### Rule runs\n\n";
    headerRow(out, {"Rule", "Updated", "Status", "Time field", "Events scanned", "Findings"});
    for (const auto& run : info.runs) {
        row(out, {text(run.ruleName), text(run.updatedDate), text(run.status), text(run.timestampField),
                  std::to_string(run.eventsScanned), std::to_string(run.findings)});
    }
}

void writeSummary(const Report& report, std::ostream& out)
{
    out << "\n## Findings (" << report.findings.size() << ")\n\n";
    headerRow(out, {"Finding", "Rule", "Severity", "Risk", "First", "Last", "Host", "User", "Verdict"});
    for (const auto& finding : report.findings) {
        row(out, {std::to_string(finding.id), text(finding.rule.name), text(finding.rule.severity),
                  number(finding.rule.riskScore), text(finding.first), text(finding.last), text(finding.hostName),
                  text(finding.userName), text(finding.verdict)});
    }
}

std::string sourceLocation(const Step& event)
{
    return text(event.sourcePath) + sourceLocationSuffix(event);
}

void writeBookmarks(const Report& report, std::ostream& out)
{
    out << "\n## Bookmarks (" << report.bookmarks.size() << ")\n\n";
    if (report.bookmarks.empty())
        return;
    headerRow(out, {"@timestamp", "Host", "User", "PID", "Process", "Command line", "event.action", "event.id", "Note",
                    "Bookmarked", "Source"});
    for (const auto& bookmark : report.bookmarks) {
        const Step& event = bookmark.event;
        const std::string source = sourceLocation(event);
        row(out, {text(event.timestamp), text(event.hostName), text(event.userName), number(event.pid),
                  text(event.processName), text(event.commandLine), text(event.action), text(event.eventId),
                  text(bookmark.note), text(bookmark.createdAt), source});
    }
}

void writeFindingFacts(const Finding& finding, std::ostream& out)
{
    const RuleInfo& rule = finding.rule;
    out << "- Rule: " << text(rule.name) << " (" << text(rule.ruleId) << ", updated " << text(rule.updatedDate)
        << ")\n- Severity: " << text(rule.severity) << ", risk score " << number(rule.riskScore) << '\n';
    if (!rule.description.empty())
        out << "- Description: " << prose(rule.description) << '\n';
    for (const auto& threat : rule.threats) {
        out << "- MITRE ATT&CK: " << link(threat.tactic.reference, threat.tactic.id + " " + threat.tactic.name);
        for (const auto& technique : threat.techniques)
            out << ", " << link(technique.reference, technique.id + " " + technique.name);
        out << '\n';
    }
    for (const auto& reference : rule.references)
        out << "- Reference: " << link(reference, reference) << '\n';
    if (!rule.tomlError.empty())
        out << "- Rule TOML error: " << text(rule.tomlError) << '\n';
    if (!finding.verdict.empty())
        out << "- Verdict: " << text(finding.verdict) << ": " << prose(finding.verdictReason) << '\n';
    out << "- Time span: " << text(finding.first) << " to " << text(finding.last)
        << "\n- Host: " << text(finding.hostName) << " (" << text(finding.hostId)
        << ")\n- User: " << text(finding.userName) << " (" << text(finding.userId)
        << ")\n- Join keys: " << text(finding.joinKeys) << "\n\n";
}

void writeSteps(const Finding& finding, std::ostream& out)
{
    headerRow(out, {"Step", "@timestamp", "event.ingested", "Host", "User", "PID", "Process", "Command line",
                    "Exit code", "event.action", "event.id", "Source"});
    for (const auto& step : finding.steps) {
        const std::string source = sourceLocation(step);
        row(out, {std::to_string(step.index + 1), text(step.timestamp), text(step.ingested), text(step.hostName),
                  text(step.userName), number(step.pid), text(step.processName), text(step.commandLine),
                  number(step.exitCode), text(step.action), text(step.eventId), step.event ? source : "missing event"});
    }
    for (const auto& step : finding.steps) {
        if (!step.event)
            continue;
        const std::string document = escapeJsonControlCharacters(step.document);
        const std::string fence = fenceFor(document);
        out << "\nStep " << step.index + 1 << ", original document:\n\n"
            << fence << "json\n"
            << document << '\n'
            << fence << '\n';
    }
}

} // namespace

void writeMarkdown(const Report& report, std::ostream& out)
{
    out << "# Spoor findings report\n\n";
    writeCase(report.caseInfo, out);
    writeSummary(report, out);
    writeBookmarks(report, out);
    for (const auto& finding : report.findings) {
        out << "\n## Finding " << finding.id << ": " << text(finding.rule.name) << "\n\n";
        writeFindingFacts(finding, out);
        writeSteps(finding, out);
    }
}

} // namespace spoor::report
