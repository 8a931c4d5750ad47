#include "report/csv_writer.h"

#include "report/text_escape.h"

#include <ostream>
#include <string>
#include <vector>

namespace spoor::report {

namespace {

// Prefixes text that a spreadsheet would evaluate as a formula with "'".
std::string guardFormula(std::string value)
{
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
        value.insert(0, 1, '\'');
    return value;
}

std::string quote(const std::string& value)
{
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

// One CSV cell. Values the writer formats itself (numbers, the header) skip the formula guard.
struct Cell
{
    std::string value;
    bool fromData = true;
};

Cell number(const std::optional<std::int64_t>& value)
{
    return Cell{value ? std::to_string(*value) : std::string(), false};
}

void writeRow(std::ostream& out, const std::vector<Cell>& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string value = validUtf8(cells[i].value);
        out << (i ? "," : "") << quote(cells[i].fromData ? guardFormula(value) : value);
    }
    out << "\r\n";
}

std::vector<Cell> stepRow(const Finding& finding, const Step& step)
{
    const RuleInfo& rule = finding.rule;
    return {number(finding.id),     {rule.name},        {rule.ruleId},          {rule.updatedDate},    {rule.severity},
            number(rule.riskScore), {finding.verdict},  number(step.index + 1), number(step.event),    {step.timestamp},
            {step.ingested},        {step.hostId},      {step.hostName},        {step.userId},         {step.userName},
            number(step.pid),       {step.processName}, {step.commandLine},     number(step.exitCode), {step.action},
            {step.eventId},         {step.sourcePath},  number(step.line)};
}

} // namespace

void writeCsv(const Report& report, std::ostream& out)
{
    const char* const header[] = {"finding",           "rule.name",      "rule.rule_id",
                                  "rule.updated_date", "rule.severity",  "rule.risk_score",
                                  "verdict",           "step",           "event",
                                  "@timestamp",        "event.ingested", "host.id",
                                  "host.name",         "user.id",        "user.name",
                                  "process.pid",       "process.name",   "process.command_line",
                                  "process.exit_code", "event.action",   "event.id",
                                  "source.path",       "source.line"};
    std::vector<Cell> headerCells;
    for (const char* name : header)
        headerCells.push_back(Cell{name, false});
    writeRow(out, headerCells);
    for (const auto& finding : report.findings) {
        for (const auto& step : finding.steps)
            writeRow(out, stepRow(finding, step));
    }
}

} // namespace spoor::report
