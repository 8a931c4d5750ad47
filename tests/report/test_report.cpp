#include "report/csv_writer.h"
#include "report/html_writer.h"
#include "report/json_writer.h"
#include "report/markdown_writer.h"
#include "report/report_loader.h"
#include "report/text_escape.h"
#include "rules/builtin_rules.h"
#include "rules/rule_loader.h"
#include "store/case_file.h"
#include "store/document_writer.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>
#include <sstream>

using nlohmann::json;
using spoor::report::Report;

namespace {

// Hostile values a dump can carry in any text field.
const std::string scriptCommand = "sh -c '<script>alert(1)</script>'";
const std::string attributeCommand = "\"><img src=x onerror=alert(1)>";
const std::string formulaCommand = "=HYPERLINK(\"http://attacker.invalid\",\"open\") &amp;";
const std::string invalidBytesCommand = "printf 'a\nb' \xff\xfe done";

// A plain literal, not a raw string: moc (Qt 6.4) stops parsing the file at this raw string.
const std::string secondRuleToml = "[metadata]\n"
                                   "updated_date = \"2024/05/01\"\n"
                                   "[rule]\n"
                                   "rule_id = \"00000000-0000-0000-0000-000000000001\"\n"
                                   "name = \"Aardvark test rule\"\n"
                                   "severity = \"low\"\n"
                                   "risk_score = 21\n"
                                   "language = \"eql\"\n"
                                   "query = \"process where process.name == \\\"sshd\\\"\"\n";

json eventDocument(int index, const std::string& commandLine, const std::string& timestamp)
{
    return {
        {"@timestamp", timestamp},
        {"event", {{"ingested", "2024-04-03T01:28:15Z"}, {"action", "exec"}, {"id", "ev-" + std::to_string(index)}}},
        {"host", {{"id", "host-1"}, {"name", "victim"}}},
        {"user", {{"id", "0"}, {"name", "root"}}},
        {"process", {{"pid", 100 + index}, {"name", "sshd"}, {"command_line", commandLine}, {"exit_code", -1}}}};
}

class CaseBuilder
{
public:
    explicit CaseBuilder(const std::string& path) : caseFile_(spoor::store::CaseFile::open(path)) {}

    spoor::store::CaseFile& caseFile() { return caseFile_; }

    void addSource()
    {
        db().exec("INSERT INTO sources (id, path, sha256, size_bytes, format, compression, status, imported_at, events)"
                  " VALUES (1, '/evidence/<dump>.ndjson', 'abc123', 4096, 'ndjson', 'none', 'complete',"
                  " '2024-04-03T10:00:00.000Z', 4)");
    }

    // Inserts an event whose document is `documentText`, which may hold bytes that are not UTF-8.
    void addEvent(std::int64_t id, const std::string& commandLine, std::int64_t timestampNs,
                  const std::string& documentText)
    {
        auto insert = db().prepare(
            "INSERT INTO events (id, source_id, line, byte_offset, doc_hash, timestamp_ns, ingested_ns, event_id,"
            " action, host_id, host_name, user_id, user_name, pid, process_name, command_line, exit_code, doc_block,"
            " doc_slot)"
            " VALUES (?, 1, ?, ?, 0, ?, 1712107695000000000, ?, 'exec', 'host-1', 'victim', '0', 'root', ?, 'sshd', ?,"
            " -1, ?, ?)");
        spoor::store::DocumentWriter documents(db());
        const spoor::store::DocumentRef ref = documents.nextRef();
        insert.bind(1, id).bind(2, id * 10).bind(3, id * 1000).bind(4, timestampNs).bind(5, "ev-" + std::to_string(id));
        insert.bind(6, 100 + id).bind(7, commandLine).bind(8, ref.block).bind(9, ref.slot);
        insert.run();
        documents.append(documentText);
        documents.flush();
    }

    std::int64_t addRule(const spoor::rules::Rule& rule)
    {
        auto insert = db().prepare("INSERT INTO rules (rule_id, name, updated_date, query_hash, language, severity,"
                                   " risk_score, origin, toml) VALUES (?, ?, ?, 'hash', 'eql', ?, ?, ?, ?)");
        insert.bind(1, rule.ruleId).bind(2, rule.name).bind(3, rule.updatedDate).bind(4, rule.severity);
        insert.bind(5, rule.riskScore).bind(6, rule.origin).bind(7, rule.tomlText);
        insert.run();
        const std::int64_t ruleRow = db().lastInsertRowId();
        auto run =
            db().prepare("INSERT INTO rule_runs (rule, started_at, status, timestamp_field, events_scanned,"
                         " findings) VALUES (?, '2024-04-03T10:01:00.000Z', 'complete', 'event.ingested', 4, 1)");
        run.bind(1, ruleRow);
        run.run();
        return ruleRow;
    }

    std::int64_t addFinding(std::int64_t ruleRow, std::int64_t firstNs, const std::vector<std::int64_t>& events)
    {
        auto insert = db().prepare(
            "INSERT INTO findings (run, rule, first_ns, last_ns, host_id, host_name, user_id, user_name, join_keys,"
            " verdict, verdict_reason) VALUES ((SELECT id FROM rule_runs WHERE rule = ?1), ?1, ?2, ?2 + 500000000,"
            " 'host-1', 'victim', '0', 'root', '[\"host-1\", \"0\"]', 'malicious', '<b>confirmed</b>')");
        insert.bind(1, ruleRow).bind(2, firstNs);
        insert.run();
        const std::int64_t findingId = db().lastInsertRowId();
        auto step = db().prepare("INSERT INTO finding_events (finding, step, event) VALUES (?, ?, ?)");
        for (std::size_t i = 0; i < events.size(); ++i) {
            step.bind(1, findingId).bind(2, static_cast<std::int64_t>(i)).bind(3, events[i]);
            step.run();
        }
        return findingId;
    }

    void addBookmark(std::int64_t eventId, const std::optional<std::string>& note)
    {
        auto insert =
            db().prepare("INSERT INTO bookmarks (event, created_at, note) VALUES (?, '2024-04-05T06:07:08.000Z', ?)");
        insert.bind(1, eventId).bind(2, note);
        insert.run();
    }

private:
    spoor::store::Database& db() { return caseFile_.db(); }
    spoor::store::CaseFile caseFile_;
};

std::string render(void (*writer)(const Report&, std::ostream&), const Report& report)
{
    std::ostringstream out;
    writer(report, out);
    return out.str();
}

// Splits RFC 4180 text into rows of cells.
std::vector<std::vector<std::string>> parseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            rows.back().back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            rows.back().emplace_back();
        } else if (!quoted && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.emplace_back(1);
            ++i;
        } else {
            rows.back().back() += c;
        }
    }
    if (rows.back().size() == 1 && rows.back().front().empty())
        rows.pop_back();
    return rows;
}

const std::int64_t firstNs = 1712107694123456700; // 2024-04-03T01:28:14.1234567Z

// Bookmarked command lines and notes with HTML, spreadsheet formulas and Markdown punctuation.
const std::string formulaBookmarkCommand = "=cmd|' /C calc'!A0";
const std::string markdownCommand = "sh -c '<script>x</script>' *a* _b_ [c](http://attacker.invalid) | `d`";
const std::string formulaNote = "=cmd|' /C notepad'!A0 <script>alert(2)</script>";
const std::string markdownNote = "*not emphasis* _nor_ [link](http://attacker.invalid) | pipe `tick`\nnext line";

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir_;
    Report report_;
    Report bookmarkReport_; // a case with three bookmarks and no findings
    std::vector<json> documents_;

    void loadBookmarkReport()
    {
        CaseBuilder builder(dir_.filePath(QStringLiteral("bookmarks.spoor")).toStdString());
        builder.addSource();
        const std::string commands[] = {formulaBookmarkCommand, markdownCommand, "sshd -D"};
        const std::int64_t times[] = {firstNs + 5'000'000'000, firstNs, firstNs + 9'000'000'000};
        for (int i = 0; i < 3; ++i)
            builder.addEvent(i + 1, commands[i], times[i],
                             eventDocument(i + 1, commands[i], "2024-04-03T01:28:14Z").dump());
        builder.addBookmark(1, formulaNote);
        builder.addBookmark(2, markdownNote);
        builder.addBookmark(3, std::nullopt);
        spoor::report::ReportOptions options;
        options.generatedAt = "2024-04-04T00:00:00.000Z";
        bookmarkReport_ = spoor::report::loadReport(builder.caseFile(), options);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        CaseBuilder builder(dir_.filePath(QStringLiteral("case.spoor")).toStdString());
        builder.addSource();
        const std::string commands[] = {scriptCommand, attributeCommand, formulaCommand, invalidBytesCommand};
        for (int i = 0; i < 4; ++i) {
            const std::string timestamp = i == 0 ? "2024-04-03T01:28:14.1234567Z" : "2024-04-03T01:28:14.200Z";
            documents_.push_back(eventDocument(i + 1, i == 3 ? "replaced below" : commands[i], timestamp));
            std::string text = documents_.back().dump();
            if (i == 3) {
                // json::dump rejects invalid UTF-8, so the raw bytes go in by hand.
                const std::string placeholder = "replaced below";
                text.replace(text.find(placeholder), placeholder.size(), "printf 'a\\nb' \xff\xfe done");
            }
            builder.addEvent(i + 1, commands[i], i == 0 ? firstNs : firstNs + 76543300, text);
        }
        const auto xzRule = spoor::rules::builtinRules().front();
        const std::int64_t xzRow = builder.addRule(xzRule);
        auto second = spoor::rules::parseRule(secondRuleToml, "/rules/aardvark.toml");
        const std::int64_t secondRow = builder.addRule(second);
        builder.addFinding(xzRow, firstNs + 1'000'000'000, {4, 3, 2, 1}); // later, inserted first
        builder.addFinding(xzRow, firstNs, {1, 2, 3, 4});
        builder.addFinding(secondRow, firstNs + 2'000'000'000, {1});
        spoor::report::ReportOptions options;
        options.generatedAt = "2024-04-04T00:00:00.000Z";
        report_ = spoor::report::loadReport(builder.caseFile(), options);
        loadBookmarkReport();
    }

    void modelCaseInfo()
    {
        QCOMPARE(report_.caseInfo.generatedAt, std::string("2024-04-04T00:00:00.000Z"));
        QCOMPARE(report_.caseInfo.events, std::int64_t(4));
        QCOMPARE(report_.caseInfo.sources.size(), std::size_t(1));
        QCOMPARE(report_.caseInfo.sources.front().sha256, std::string("abc123"));
        QCOMPARE(report_.caseInfo.runs.size(), std::size_t(2));
        QCOMPARE(report_.caseInfo.runs.front().timestampField, std::string("event.ingested"));
    }

    void modelFindingOrder()
    {
        QCOMPARE(report_.findings.size(), std::size_t(3));
        QCOMPARE(report_.findings[0].rule.name, std::string("Aardvark test rule"));
        QCOMPARE(report_.findings[1].rule.name, std::string("Potential Execution via XZBackdoor"));
        QCOMPARE(report_.findings[1].id, std::int64_t(2));
        QCOMPARE(report_.findings[2].id, std::int64_t(1));
    }

    void modelFindingFields()
    {
        const auto& finding = report_.findings[1];
        QCOMPARE(finding.rule.ruleId, std::string("7afc6cc9-8800-4c7f-be6b-b688d2dea248"));
        QCOMPARE(finding.rule.updatedDate, std::string("2024/04/01"));
        QCOMPARE(finding.rule.riskScore, std::optional<std::int64_t>(73));
        QVERIFY(finding.rule.tomlError.empty());
        QCOMPARE(finding.rule.threats.size(), std::size_t(3));
        QVERIFY(!finding.rule.description.empty());
        QCOMPARE(finding.verdict, std::string("malicious"));
        QCOMPARE(finding.first, std::string("2024-04-03T01:28:14.123456700Z"));
        QCOMPARE(finding.joinKeys, std::string("[\"host-1\", \"0\"]"));
        QCOMPARE(finding.steps.size(), std::size_t(4));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(finding.steps[i].index, i);
            QCOMPARE(finding.steps[i].event, std::optional<std::int64_t>(i + 1));
        }
    }

    void modelStepFields()
    {
        const auto& steps = report_.findings[1].steps;
        QCOMPARE(steps[0].timestamp, std::string("2024-04-03T01:28:14.1234567Z"));
        QCOMPARE(steps[1].timestamp, std::string("2024-04-03T01:28:14.200Z"));
        QCOMPARE(steps[0].ingested, std::string("2024-04-03T01:28:15Z"));
        QCOMPARE(steps[0].commandLine, scriptCommand);
        QCOMPARE(steps[3].commandLine, invalidBytesCommand);
        QCOMPARE(steps[2].pid, std::optional<std::int64_t>(103));
        QCOMPARE(steps[2].exitCode, std::optional<std::int64_t>(-1));
        QCOMPARE(steps[2].action, std::string("exec"));
        QCOMPARE(steps[2].eventId, std::string("ev-3"));
        QCOMPARE(steps[2].sourcePath, std::string("/evidence/<dump>.ndjson"));
        QCOMPARE(steps[2].line, std::optional<std::int64_t>(30));
        QCOMPARE(steps[2].byteOffset, std::optional<std::int64_t>(3000));
        QCOMPARE(steps[2].hostName, std::string("victim"));
        QCOMPARE(steps[2].userName, std::string("root"));
    }

    void missingEventStep()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CaseBuilder builder(dir.filePath(QStringLiteral("missing.spoor")).toStdString());
        builder.addSource();
        builder.addEvent(1, "sshd -D -R", firstNs, eventDocument(1, "sshd -D -R", "2024-04-03T01:28:14Z").dump());
        const std::int64_t ruleRow = builder.addRule(spoor::rules::builtinRules().front());
        builder.addFinding(ruleRow, firstNs, {1});
        builder.caseFile().db().exec("INSERT INTO finding_events (finding, step, event) VALUES (1, 1, NULL)");
        const Report report = spoor::report::loadReport(builder.caseFile());
        QCOMPARE(report.findings.size(), std::size_t(1));
        QCOMPARE(report.findings.front().steps.size(), std::size_t(2));
        QVERIFY(!report.findings.front().steps[1].event);
        QVERIFY(!report.caseInfo.generatedAt.empty());
        const json parsed = json::parse(render(spoor::report::writeJson, report));
        QVERIFY(parsed["findings"][0]["steps"][1]["document"].is_null());
        QVERIFY(parsed["findings"][0]["steps"][1]["event"].is_null());
        QVERIFY(render(spoor::report::writeHtml, report).find("(missing event)") != std::string::npos);
        QCOMPARE(parseCsv(render(spoor::report::writeCsv, report)).size(), std::size_t(3));
    }

    void htmlEscapesData()
    {
        const std::string html = render(spoor::report::writeHtml, report_);
        QVERIFY(html.find("<script") == std::string::npos);
        QVERIFY(html.find("<img") == std::string::npos);
        QVERIFY(html.find("<b>confirmed") == std::string::npos);
        QVERIFY(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        QVERIFY(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
        QVERIFY(html.find("&amp;amp;") != std::string::npos);
        QVERIFY(html.find("/evidence/&lt;dump&gt;.ndjson") != std::string::npos);
        QVERIFY(html.find("/evidence/&lt;dump&gt;.ndjson:30 (byte offset 3000)") != std::string::npos);
        QVERIFY(html.find("\xff") == std::string::npos);
        QVERIFY(html.find("\xEF\xBF\xBD") != std::string::npos);
    }

    void htmlSelfContained()
    {
        const std::string html = render(spoor::report::writeHtml, report_);
        QVERIFY(html.starts_with("<!DOCTYPE html>"));
        QVERIFY(html.find("<link") == std::string::npos);
        QVERIFY(html.find("src=\"") == std::string::npos);
        QVERIFY(html.find("url(") == std::string::npos);
        QVERIFY(html.find("<a href=\"https://attack.mitre.org/techniques/T1021/004/\">") != std::string::npos);
        QVERIFY(html.find("<a href=\"#finding-2\">") != std::string::npos);
        std::size_t details = 0;
        for (std::size_t at = html.find("<details>"); at != std::string::npos; at = html.find("<details>", at + 1))
            ++details;
        QCOMPARE(details, std::size_t(9));
        QVERIFY(html.find("id=\"finding-2\"") < html.find("id=\"finding-1\""));
    }

    void jsonRoundTrip()
    {
        const json parsed = json::parse(render(spoor::report::writeJson, report_));
        QCOMPARE(parsed["case"]["sources"][0]["sha256"].get<std::string>(), std::string("abc123"));
        QCOMPARE(parsed["case"]["generated_at"].get<std::string>(), std::string("2024-04-04T00:00:00.000Z"));
        const json& findings = parsed["findings"];
        QCOMPARE(findings.size(), std::size_t(3));
        QCOMPARE(findings[0]["rule"]["name"].get<std::string>(), std::string("Aardvark test rule"));
        const json& finding = findings[1];
        QCOMPARE(finding["id"].get<int>(), 2);
        QCOMPARE(finding["rule"]["risk_score"].get<int>(), 73);
        QCOMPARE(finding["rule"]["threat"][2]["techniques"][1]["id"].get<std::string>(), std::string("T1021.004"));
        QVERIFY(finding["join_keys"] == json::array({"host-1", "0"}));
        QCOMPARE(finding["verdict_reason"].get<std::string>(), std::string("<b>confirmed</b>"));
        QCOMPARE(finding["steps"].size(), std::size_t(4));
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(finding["steps"][i]["document"].is_object());
            QVERIFY2(finding["steps"][i]["document"] == documents_[i], finding["steps"][i]["document"].dump().c_str());
            QCOMPARE(finding["steps"][i]["step"].get<std::size_t>(), i);
        }
        QCOMPARE(finding["steps"][1]["command_line"].get<std::string>(), attributeCommand);
        QCOMPARE(finding["steps"][2]["command_line"].get<std::string>(), formulaCommand);
        QCOMPARE(finding["steps"][0]["timestamp"].get<std::string>(), std::string("2024-04-03T01:28:14.1234567Z"));
        QCOMPARE(finding["steps"][0]["timestamp_ns"].get<std::int64_t>(), firstNs);
        QCOMPARE(finding["steps"][2]["source"]["line"].get<std::int64_t>(), 30);
        QCOMPARE(finding["steps"][2]["source"]["byte_offset"].get<std::int64_t>(), 3000);
    }

    void jsonInvalidBytes()
    {
        const json parsed = json::parse(render(spoor::report::writeJson, report_));
        const json& step = parsed["findings"][1]["steps"][3];
        QVERIFY(step["document"].is_object());
        const std::string expected = "printf 'a\nb' \xEF\xBF\xBD\xEF\xBF\xBD done";
        QCOMPARE(step["command_line"].get<std::string>(), expected);
        QCOMPARE(step["document"]["process"]["command_line"].get<std::string>(), expected);
        QCOMPARE(step["document"]["process"]["pid"].get<int>(), 104);
    }

    void csvRowsAndGuard()
    {
        const auto rows = parseCsv(render(spoor::report::writeCsv, report_));
        QCOMPARE(rows.size(), std::size_t(1 + 1 + 4 + 4));
        const auto& header = rows.front();
        const auto column = [&](const char* name) {
            return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
        };
        const std::size_t command = column("process.command_line");
        QVERIFY(command < header.size());
        for (const auto& row : rows)
            QCOMPARE(row.size(), header.size());
        QCOMPARE(rows[2][command], scriptCommand);
        QCOMPARE(rows[3][command], attributeCommand);
        QCOMPARE(rows[4][command], "'" + formulaCommand);
        QCOMPARE(rows[5][command], std::string("printf 'a\nb' \xEF\xBF\xBD\xEF\xBF\xBD done"));
        QCOMPARE(rows[2][column("process.exit_code")], std::string("-1"));
        QCOMPARE(rows[2][column("step")], std::string("1"));
        QCOMPARE(rows[2][column("@timestamp")], std::string("2024-04-03T01:28:14.1234567Z"));
        QCOMPARE(rows[2][column("finding")], std::string("2"));
        QCOMPARE(rows[2][column("record")], std::string("step"));
        QCOMPARE(rows[4][column("source.line")], std::string("30"));
        QCOMPARE(rows[4][column("source.byte_offset")], std::string("3000"));
    }

    void markdownEscapesData()
    {
        const std::string markdown = render(spoor::report::writeMarkdown, report_);
        // Fenced code blocks show documents verbatim, which Markdown renderers escape themselves.
        std::string outsideCode;
        bool inCode = false;
        std::istringstream lines(markdown);
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("```"))
                inCode = !inCode;
            else if (!inCode)
                outsideCode += line + '\n';
        }
        QVERIFY(markdown.find("```json\n{") != std::string::npos);
        QVERIFY(markdown.find(".ndjson:30 (byte offset 3000)") != std::string::npos);
        QVERIFY(markdown.find("<script") != std::string::npos);
        QVERIFY(outsideCode.find("<script") == std::string::npos);
        QVERIFY(outsideCode.find("<img") == std::string::npos);
        QVERIFY(outsideCode.find("<b>") == std::string::npos);
        QVERIFY(markdown.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        QVERIFY(outsideCode.find("http://attacker") == std::string::npos);
        QVERIFY(outsideCode.find("printf &#39;a\\\\nb&#39;") != std::string::npos);
        QVERIFY(markdown.find("\xff") == std::string::npos);
    }

    void modelBookmarks()
    {
        QVERIFY(report_.bookmarks.empty());
        const auto& bookmarks = bookmarkReport_.bookmarks;
        QCOMPARE(bookmarks.size(), std::size_t(3));
        // By the event's @timestamp: event 2 came first.
        QCOMPARE(bookmarks[0].event.event, std::optional<std::int64_t>(2));
        QCOMPARE(bookmarks[1].event.event, std::optional<std::int64_t>(1));
        QCOMPARE(bookmarks[2].event.event, std::optional<std::int64_t>(3));
        QCOMPARE(bookmarks[0].note, markdownNote);
        QCOMPARE(bookmarks[1].note, formulaNote);
        QCOMPARE(bookmarks[2].note, std::string());
        QCOMPARE(bookmarks[1].createdAt, std::string("2024-04-05T06:07:08.000Z"));
        QCOMPARE(bookmarks[1].event.commandLine, formulaBookmarkCommand);
        QCOMPARE(bookmarks[1].event.hostName, std::string("victim"));
        QCOMPARE(bookmarks[1].event.processName, std::string("sshd"));
        QCOMPARE(bookmarks[1].event.pid, std::optional<std::int64_t>(101));
        QCOMPARE(bookmarks[1].event.byteOffset, std::optional<std::int64_t>(1000));
        QCOMPARE(bookmarks[1].event.timestamp, std::string("2024-04-03T01:28:19Z"));
        QCOMPARE(bookmarks[1].event.action, std::string("exec"));
    }

    void htmlListsBookmarks()
    {
        QVERIFY(render(spoor::report::writeHtml, report_).find("<h2>Bookmarks (0)</h2>") != std::string::npos);
        const std::string html = render(spoor::report::writeHtml, bookmarkReport_);
        QVERIFY(html.find("<h2>Bookmarks (3)</h2>") != std::string::npos);
        QVERIFY(html.find("<script") == std::string::npos);
        QVERIFY(html.find("=cmd|&#39; /C notepad&#39;!A0 &lt;script&gt;alert(2)&lt;/script&gt;") != std::string::npos);
        QVERIFY(html.find("<code>sh -c &#39;&lt;script&gt;x&lt;/script&gt;&#39;") != std::string::npos);
        QVERIFY(html.find("2024-04-05T06:07:08.000Z") != std::string::npos);
        const std::size_t markdownRow = html.find("*not emphasis*");
        const std::size_t formulaRow = html.find("=cmd|&#39; /C notepad");
        QVERIFY(markdownRow != std::string::npos);
        QVERIFY(markdownRow < formulaRow);
    }

    void markdownListsBookmarks()
    {
        const std::string markdown = render(spoor::report::writeMarkdown, bookmarkReport_);
        QVERIFY(markdown.find("## Bookmarks (3)") != std::string::npos);
        QVERIFY(markdown.find("<script") == std::string::npos);
        QVERIFY(markdown.find("http://attacker") == std::string::npos);
        QVERIFY(markdown.find("\\*not emphasis\\* \\_nor\\_ \\[link\\](http:\\//attacker.invalid) \\| pipe "
                              "\\`tick\\`\\\\nnext line") != std::string::npos);
        QVERIFY(markdown.find("=cmd\\|&#39; /C notepad&#39;!A0 &lt;script&gt;alert(2)&lt;/script&gt;") !=
                std::string::npos);
        QVERIFY(markdown.find("\\*a\\* \\_b\\_ \\[c\\]") != std::string::npos);
        // Every bookmark row has the header's 11 cells, so no "|" of the data split a cell.
        std::istringstream lines(markdown);
        int rows = 0;
        for (std::string line; std::getline(lines, line);) {
            if (line.find("2024-04-05T06:07:08.000Z") == std::string::npos)
                continue;
            ++rows;
            std::size_t separators = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
                    ++separators;
            }
            QCOMPARE(separators, std::size_t(12));
        }
        QCOMPARE(rows, 3);
    }

    void jsonListsBookmarks()
    {
        QVERIFY(json::parse(render(spoor::report::writeJson, report_))["bookmarks"].empty());
        const json parsed = json::parse(render(spoor::report::writeJson, bookmarkReport_));
        const json& bookmarks = parsed["bookmarks"];
        QCOMPARE(bookmarks.size(), std::size_t(3));
        QCOMPARE(bookmarks[0]["note"].get<std::string>(), markdownNote);
        QCOMPARE(bookmarks[0]["command_line"].get<std::string>(), markdownCommand);
        QCOMPARE(bookmarks[1]["note"].get<std::string>(), formulaNote);
        QCOMPARE(bookmarks[1]["command_line"].get<std::string>(), formulaBookmarkCommand);
        QCOMPARE(bookmarks[1]["event"].get<int>(), 1);
        QCOMPARE(bookmarks[1]["created_at"].get<std::string>(), std::string("2024-04-05T06:07:08.000Z"));
        QCOMPARE(bookmarks[1]["host"]["name"].get<std::string>(), std::string("victim"));
        QCOMPARE(bookmarks[1]["pid"].get<int>(), 101);
        QVERIFY(bookmarks[1]["document"].is_object());
        QCOMPARE(bookmarks[2]["note"].get<std::string>(), std::string());
    }

    void csvListsBookmarks()
    {
        const auto rows = parseCsv(render(spoor::report::writeCsv, bookmarkReport_));
        QCOMPARE(rows.size(), std::size_t(1 + 3));
        const auto& header = rows.front();
        const auto column = [&](const char* name) {
            return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
        };
        for (const auto& row : rows)
            QCOMPARE(row.size(), header.size());
        QVERIFY(column("bookmark.note") < header.size());
        for (std::size_t row = 1; row < rows.size(); ++row) {
            QCOMPARE(rows[row][column("record")], std::string("bookmark"));
            QCOMPARE(rows[row][column("finding")], std::string());
        }
        QCOMPARE(rows[1][column("bookmark.note")], markdownNote);
        QCOMPARE(rows[2][column("bookmark.note")], "'" + formulaNote);
        QCOMPARE(rows[2][column("process.command_line")], "'" + formulaBookmarkCommand);
        QCOMPARE(rows[2][column("event")], std::string("1"));
        QCOMPARE(rows[2][column("bookmark.created_at")], std::string("2024-04-05T06:07:08.000Z"));
        QCOMPARE(rows[3][column("bookmark.note")], std::string());
    }

    void controlCharactersEscaped_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("line breaks and tab") << QByteArray("a\nb\rc\td") << QByteArray("a\\nb\\rc\\td");
        QTest::newRow("escape sequence") << QByteArray("\x1b[2Jx") << QByteArray("\\x1b[2Jx");
        QTest::newRow("NUL and DEL") << QByteArray("a\0b\x7f", 4) << QByteArray("a\\x00b\\x7f");
        QTest::newRow("C1 CSI") << QByteArray("\xc2\x9b"
                                              "31m")
                                << QByteArray("\\u009b31m");
        QTest::newRow("UTF-8 kept") << QByteArray("Gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xc2\xa0")
                                    << QByteArray("Gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xc2\xa0");
        QTest::newRow("invalid UTF-8") << QByteArray("\xff") << QByteArray("\xef\xbf\xbd");
    }

    void controlCharactersEscaped()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string escaped = spoor::report::escapeControlCharacters(input.toStdString());
        QCOMPARE(QByteArray::fromStdString(escaped), expected);
    }

    void markdownEscapesControlCharacters()
    {
        Report report = report_;
        auto& step = report.findings.front().steps.front();
        step.hostName = "web\x1b[2J\nforged\xc2\x9b";
        step.document = "{\"host\": {\"name\": \"a\x7f\xc2\x9b\"}}";
        const std::string markdown = render(spoor::report::writeMarkdown, report);
        QVERIFY(markdown.find('\x1b') == std::string::npos);
        QVERIFY(markdown.find('\x7f') == std::string::npos);
        QVERIFY(markdown.find("\xc2\x9b") == std::string::npos);
        QVERIFY2(markdown.find("web\\\\x1b\\[2J\\\\nforged\\\\u009b") != std::string::npos, markdown.c_str());
        QVERIFY(markdown.find("{\"host\": {\"name\": \"a\\u007f\\u009b\"}}") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "test_report.moc"
