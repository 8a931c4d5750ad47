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

// Appends the event columns, from "event" to "source.byte_offset".
void addEventCells(std::vector<Cell>& cells, const Step& event)
{
    const std::vector<Cell> eventCells = {
        number(event.event),    {event.timestamp}, {event.ingested},  {event.hostId},      {event.hostName},
        {event.userId},         {event.userName},  number(event.pid), {event.processName}, {event.commandLine},
        number(event.exitCode), {event.action},    {event.eventId},   {event.sourcePath},  number(event.line),
        number(event.byteOffset)};
    cells.insert(cells.end(), eventCells.begin(), eventCells.end());
}

std::vector<Cell> stepRow(const Finding& finding, const Step& step)
{
    const RuleInfo& rule = finding.rule;
    std::vector<Cell> cells = {Cell{"step", false},    number(finding.id), {rule.name},
                               {rule.ruleId},          {rule.updatedDate}, {rule.severity},
                               number(rule.riskScore), {finding.verdict},  number(step.index + 1)};
    addEventCells(cells, step);
    cells.push_back(Cell{"", false});
    cells.push_back(Cell{"", false});
    return cells;
}

// A bookmark row leaves the finding's columns empty.
std::vector<Cell> bookmarkRow(const Bookmark& bookmark)
{
    std::vector<Cell> cells = {Cell{"bookmark", false}};
    cells.resize(9, Cell{"", false});
    addEventCells(cells, bookmark.event);
    cells.push_back({bookmark.createdAt});
    cells.push_back({bookmark.note});
    return cells;
}

} // namespace

void writeCsv(const Report& report, std::ostream& out)
{
    const char* const header[] = {"record",
                                  "finding",
                                  "rule.name",
                                  "rule.rule_id",
                                  "rule.updated_date",
                                  "rule.severity",
                                  "rule.risk_score",
                                  "verdict",
                                  "step",
                                  "event",
                                  "@timestamp",
                                  "event.ingested",
                                  "host.id",
                                  "host.name",
                                  "user.id",
                                  "user.name",
                                  "process.pid",
                                  "process.name",
                                  "process.command_line",
                                  "process.exit_code",
                                  "event.action",
                                  "event.id",
                                  "source.path",
                                  "source.line",
                                  "source.byte_offset",
                                  "bookmark.created_at",
                                  "bookmark.note"};
    std::vector<Cell> headerCells;
    for (const char* name : header)
        headerCells.push_back(Cell{name, false});
    writeRow(out, headerCells);
    for (const auto& finding : report.findings) {
        for (const auto& step : finding.steps)
            writeRow(out, stepRow(finding, step));
    }
    for (const auto& bookmark : report.bookmarks)
        writeRow(out, bookmarkRow(bookmark));
}

} // namespace spoor::report
