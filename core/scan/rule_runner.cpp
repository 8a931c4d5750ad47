#include "scan/rule_runner.h"

#include "ecs/document_parser.h"
#include "ecs/timestamp.h"
#include "eql/executor.h"
#include "eql/query.h"
#include "rules/rule.h"
#include "scan/event_order.h"
#include "scan/finding_writer.h"
#include "scan/index_filter.h"
#include "scan/query_hash.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace spoor::scan {

namespace {

using Clock = std::chrono::steady_clock;

std::string nowIso()
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return ecs::formatIsoTimestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count(), 3);
}

std::int64_t storeRule(store::Database& db, const rules::Rule& rule)
{
    const std::string hash = queryHash(rule.query);
    auto insert = db.prepare(
        "INSERT INTO rules (rule_id, name, updated_date, query_hash, language, severity, risk_score, origin, toml)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id, updated_date, query_hash) DO NOTHING");
    insert.bind(1, rule.ruleId).bind(2, rule.name).bind(3, rule.updatedDate).bind(4, hash);
    insert.bind(5, rule.language).bind(6, rule.severity).bind(7, std::int64_t(rule.riskScore));
    insert.bind(8, rule.origin).bind(9, rule.tomlText);
    insert.run();

    auto select = db.prepare("SELECT id FROM rules WHERE rule_id = ? AND updated_date = ? AND query_hash = ?");
    select.bind(1, rule.ruleId).bind(2, rule.updatedDate).bind(3, hash);
    if (!select.step())
        throw store::StoreError("rule " + rule.ruleId + " was not stored");
    return select.int64(0);
}

std::int64_t startRun(store::Database& db, std::int64_t ruleRow, const std::string& timestampField)
{
    auto insert =
        db.prepare("INSERT INTO rule_runs (rule, started_at, status, timestamp_field) VALUES (?, ?, 'running', ?)");
    insert.bind(1, ruleRow).bind(2, nowIso()).bind(3, timestampField);
    insert.run();
    return db.lastInsertRowId();
}

void finishRun(store::Database& db, const RuleRunSummary& summary)
{
    auto update = db.prepare("UPDATE rule_runs SET finished_at = ?, status = ?, events_scanned = ?,"
                             " timestamp_fallbacks = ?, findings = ?, message = ? WHERE id = ?");
    update.bind(1, nowIso()).bind(2, summary.status).bind(3, static_cast<std::int64_t>(summary.eventsScanned));
    update.bind(4, static_cast<std::int64_t>(summary.timestampFallbacks));
    update.bind(5, static_cast<std::int64_t>(summary.findingIds.size()));
    if (summary.message.empty())
        update.bindNull(6);
    else
        update.bind(6, summary.message);
    update.bind(7, summary.runId);
    update.run();
}

std::uint64_t countEvents(store::Database& db)
{
    auto count = db.prepare("SELECT count(*) FROM events");
    count.step();
    return static_cast<std::uint64_t>(count.int64(0));
}

// Streams the case's events in the rule's order through the executor. Returns false when cancelled.
bool feedEvents(store::Database& db, const EventOrder& order, const IndexFilter& filter, const eql::Query& query,
                eql::Executor& executor, const RunOptions& options, RunProgress& progress, RuleRunSummary& summary)
{
    // Only the fields the query reads are parsed out of each document.
    std::vector<std::string> fields = query.fieldNames();
    fields.push_back("event.category");
    ecs::DocumentParser parser(std::move(fields));
    ecs::Event event;

    auto select =
        db.prepare("SELECT id, " + order.sqlTimeExpression +
                   ", ingested_ns IS NULL, coalesce(dataset, ''), document FROM events ORDER BY " + order.sqlOrderBy);
    const bool fallbackPossible = order.timestampField != "@timestamp";
    auto lastReport = Clock::now();
    std::uint64_t skippedByIndex = 0;
    while (select.step()) {
        if ((summary.eventsScanned & 1023) == 0 && options.cancel && options.cancel->load())
            return false;
        ++summary.eventsScanned;
        if (!filter.covers(select.textView(3))) {
            ++skippedByIndex;
            continue;
        }
        if (fallbackPossible && select.int64(2) != 0)
            ++summary.timestampFallbacks;

        parser.parse(select.textView(4), event);
        executor.push(eql::InputEvent{select.int64(0), event, select.int64(1)});

        if (options.progress && Clock::now() - lastReport > std::chrono::milliseconds(100)) {
            progress.eventsScanned = summary.eventsScanned;
            options.progress(progress);
            lastReport = Clock::now();
        }
    }
    if (skippedByIndex > 0) {
        summary.message =
            std::to_string(skippedByIndex) + " events were outside the rule's index patterns and were not scanned";
    }
    return true;
}

RuleRunSummary runRule(store::Database& db, const rules::Rule& rule, const RunOptions& options, RunProgress& progress)
{
    RuleRunSummary summary;
    summary.ruleId = rule.ruleId;
    summary.name = rule.name;
    summary.ruleRow = storeRule(db, rule);
    summary.timestampField = rule.timestampOverride.empty() ? "@timestamp" : rule.timestampOverride;
    summary.runId = startRun(db, summary.ruleRow, summary.timestampField);

    try {
        if (!rule.isEql())
            throw std::domain_error("language " + rule.language + " is not supported");
        const auto query = eql::Query::parse(rule.query);
        const EventOrder order = eventOrderFor(summary.timestampField);
        eql::QueryOptions queryOptions;
        queryOptions.timestampField = order.timestampField;
        eql::Executor executor(query, queryOptions);
        if (!feedEvents(db, order, IndexFilter(rule.index), query, executor, options, progress, summary)) {
            summary.status = "cancelled";
        } else {
            summary.findingIds =
                writeFindings(db, summary.runId, summary.ruleRow, executor.finish(), order.sqlTimeExpression.c_str());
            summary.status = "complete";
        }
    } catch (const std::domain_error& error) {
        summary.status = "unsupported";
        summary.message = error.what();
    } catch (const std::exception& error) {
        summary.status = "failed";
        summary.message = error.what();
    }
    finishRun(db, summary);
    return summary;
}

} // namespace

std::vector<RuleRunSummary> runRules(store::CaseFile& caseFile, const std::vector<rules::Rule>& rules,
                                     const RunOptions& options)
{
    store::Database& db = caseFile.db();
    RunProgress progress;
    progress.ruleCount = rules.size();
    progress.eventsTotal = countEvents(db);

    std::vector<RuleRunSummary> summaries;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        progress.ruleIndex = i;
        progress.ruleName = rules[i].name;
        progress.eventsScanned = 0;
        if (options.progress)
            options.progress(progress);
        summaries.push_back(runRule(db, rules[i], options, progress));
        if (summaries.back().status == "cancelled")
            break;
    }
    return summaries;
}

} // namespace spoor::scan
