#include "scan_results.h"

#include "count_text.h"
#include "eql/query.h"
#include "report/text_escape.h"
#include "store/database.h"
#include "store/statement.h"

#include <ostream>

namespace spoor::cli {

namespace {

nlohmann::json parseOrString(std::string_view text)
{
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(std::string(text)) : parsed;
}

// Returns one {"join_keys", "events"} object per finding of the run, in finding order.
std::vector<nlohmann::json> runHits(store::Database& db, std::int64_t runId)
{
    auto findings = db.prepare("SELECT id, join_keys FROM findings WHERE run = ? ORDER BY id");
    auto steps = db.prepare("SELECT event FROM finding_events WHERE finding = ? ORDER BY step");
    EventHitReader reader(db);
    std::vector<nlohmann::json> hits;
    findings.bind(1, runId);
    while (findings.step()) {
        nlohmann::json events = nlohmann::json::array();
        steps.bind(1, findings.int64(0));
        while (steps.step())
            events.push_back(reader.hit(steps.optionalInt64(0)));
        steps.reset();
        hits.push_back({{"join_keys", parseOrString(findings.textView(1))}, {"events", std::move(events)}});
    }
    return hits;
}

bool isSequenceQuery(const rules::Rule& rule)
{
    try {
        return eql::Query::parse(rule.query).kind() != eql::Query::Kind::Event;
    } catch (const std::exception&) {
        return false;
    }
}

nlohmann::json ruleEntry(store::Database& db, const rules::Rule& rule, const scan::RuleRunSummary& run)
{
    nlohmann::json entry = {
        {"rule_id", rule.ruleId},
        {"name", rule.name},
        {"updated_date", rule.updatedDate},
        {"severity", rule.severity},
        {"risk_score", rule.riskScore},
        {"timestamp_field", run.timestampField},
        {"status", run.status},
        {"events_scanned", run.eventsScanned},
        {"origin", rule.origin},
    };
    if (!run.message.empty())
        entry["message"] = run.message;

    entry["hits"] = hitsObject(runHits(db, run.runId), isSequenceQuery(rule));
    return entry;
}

// Returns the value as one line of compact JSON without control characters, for the text formats.
std::string compactText(const nlohmann::json& value)
{
    return report::escapeControlCharacters(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Returns the string or the JSON text of the value at path in source, "-" when it is absent, with its
// control characters escaped.
std::string fieldText(const nlohmann::json& source, const std::initializer_list<const char*>& path)
{
    const nlohmann::json* node = &source;
    for (const char* key : path) {
        if (!node->is_object() || !node->contains(key))
            return "-";
        node = &(*node)[key];
    }
    if (node->is_string())
        return report::escapeControlCharacters(node->get<std::string>());
    return compactText(*node);
}

void writeEventLine(const nlohmann::json& event, std::size_t step, std::ostream& out)
{
    if (event.value("missing", false)) {
        out << "    " << step << ". (missing event)\n";
        return;
    }
    const auto& source = event["_source"];
    out << "    " << step << ". " << fieldText(source, {"@timestamp"}) << ' ' << fieldText(source, {"host", "name"})
        << ' ' << fieldText(source, {"event", "action"}) << " pid=" << fieldText(source, {"process", "pid"})
        << " user=" << fieldText(source, {"user", "name"}) << ' ' << fieldText(source, {"process", "command_line"})
        << '\n';
}

} // namespace

EventHitReader::EventHitReader(store::Database& db)
    : lookup_(db.prepare("SELECT doc_index, doc_id, doc_block, doc_slot FROM events WHERE id = ?")), documents_(db)
{}

nlohmann::json EventHitReader::hit(std::optional<std::int64_t> eventId)
{
    if (!eventId)
        return {{"_index", ""}, {"_id", ""}, {"_source", nlohmann::json::object()}, {"missing", true}};
    lookup_.bind(1, *eventId);
    nlohmann::json hit = nlohmann::json::object();
    if (lookup_.step()) {
        if (!lookup_.isNull(0))
            hit["_index"] = lookup_.text(0);
        if (!lookup_.isNull(1))
            hit["_id"] = lookup_.text(1);
        hit["_source"] = parseOrString(documents_.document(lookup_.int64(2), lookup_.int64(3)));
    }
    lookup_.reset();
    return hit;
}

nlohmann::json hitsObject(std::vector<nlohmann::json> matches, bool sequenceQuery)
{
    nlohmann::json hits = {{"total", {{"value", matches.size()}, {"relation", "eq"}}}};
    if (sequenceQuery) {
        hits["sequences"] = std::move(matches);
        return hits;
    }
    nlohmann::json events = nlohmann::json::array();
    for (auto& match : matches) {
        for (auto& event : match["events"])
            events.push_back(std::move(event));
    }
    hits["events"] = std::move(events);
    return hits;
}

void writeEventText(const nlohmann::json& event, std::size_t step, std::ostream& out)
{
    writeEventLine(event, step, out);
}

void writeSequenceText(const nlohmann::json& sequence, std::size_t index, std::ostream& out)
{
    out << "  match " << index << ", join keys " << compactText(sequence["join_keys"]) << '\n';
    std::size_t step = 0;
    for (const auto& event : sequence["events"])
        writeEventLine(event, ++step, out);
}

void writeHitsText(const nlohmann::json& hits, std::ostream& out)
{
    std::size_t index = 0;
    if (hits.contains("sequences")) {
        for (const auto& sequence : hits["sequences"])
            writeSequenceText(sequence, ++index, out);
    } else {
        for (const auto& event : hits["events"])
            writeEventLine(event, ++index, out);
    }
}

nlohmann::json scanResultsJson(store::Database& db, const std::vector<rules::Rule>& rules,
                               const std::vector<scan::RuleRunSummary>& runs)
{
    nlohmann::json entries = nlohmann::json::array();
    for (std::size_t i = 0; i < runs.size() && i < rules.size(); ++i)
        entries.push_back(ruleEntry(db, rules[i], runs[i]));
    return {{"rules", std::move(entries)}};
}

void writeScanResultsText(const nlohmann::json& results, std::ostream& out)
{
    for (const auto& rule : results["rules"]) {
        const auto& hits = rule["hits"];
        out << fieldText(rule, {"name"}) << " (" << fieldText(rule, {"rule_id"}) << ", updated "
            << fieldText(rule, {"updated_date"}) << ", " << fieldText(rule, {"severity"})
            << "): " << countText(hits["total"]["value"].get<std::size_t>(), "match", "matches") << ", "
            << fieldText(rule, {"status"}) << ", ordered by " << fieldText(rule, {"timestamp_field"}) << '\n';
        if (rule.contains("message"))
            out << "  note: " << fieldText(rule, {"message"}) << '\n';
        writeHitsText(hits, out);
    }
}

} // namespace spoor::cli
