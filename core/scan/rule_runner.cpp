#include "scan/rule_runner.h"

#include "analysis/field_census.h"
#include "ecs/document_parser.h"
#include "ecs/timestamp.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/field_mappings.h"
#include "eql/pushdown.h"
#include "eql/query.h"
#include "rules/rule.h"
#include "scan/candidate_reader.h"
#include "scan/dataset_counts.h"
#include "scan/document_batch.h"
#include "scan/event_order.h"
#include "scan/field_presence.h"
#include "scan/finding_writer.h"
#include "scan/index_filter.h"
#include "scan/query_hash.h"
#include "scan/sequence_candidates.h"
#include "scan/sequence_pruning.h"
#include "scan/verdict_carryover.h"
#include "store/case_file.h"
#include "store/document_store.h"
#include "store/statement.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <utility>

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
                             " timestamp_fallbacks = ?, findings = ?, message = ?, timestamp_field = ? WHERE id = ?");
    update.bind(1, nowIso()).bind(2, summary.status).bind(3, static_cast<std::int64_t>(summary.eventsScanned));
    update.bind(4, static_cast<std::int64_t>(summary.timestampFallbacks));
    update.bind(5, static_cast<std::int64_t>(summary.findingIds.size()));
    if (summary.message.empty())
        update.bindNull(6);
    else
        update.bind(6, summary.message);
    update.bind(7, summary.timestampField).bind(8, summary.runId);
    update.run();
}

// Adds a warning to the summary and to its message, which rule_runs.message stores for the GUI and reports.
void addWarning(RuleRunSummary& summary, const std::string& warning)
{
    summary.warnings.push_back(warning);
    summary.message += (summary.message.empty() ? "" : "; ") + warning;
}

void warnAboutUnknownFields(RuleRunSummary& summary)
{
    for (const std::string& field : summary.unknownFields) {
        addWarning(summary, "unknown field " + field +
                                ": no event has it and it has no ECS type, so the rule cannot match this data;"
                                " check the spelling, or write ?" +
                                field + " to mark it optional");
    }
}

// Names the field that actually ordered the events when the rule's timestamp_override was missing from them.
void describeTimestampFallback(RuleRunSummary& summary)
{
    if (summary.timestampFallbacks == 0)
        return;
    const std::string overrideField = summary.timestampField;
    const std::uint64_t covered = summary.eventsScanned - std::min(summary.eventsScanned, summary.eventsSkippedByIndex);
    if (summary.timestampFallbacks >= covered) {
        summary.timestampField = "@timestamp";
        addWarning(summary, "no event has the timestamp_override field " + overrideField +
                                ", so events were ordered by @timestamp");
        return;
    }
    addWarning(summary, std::to_string(summary.timestampFallbacks) + " of " + std::to_string(covered) +
                            " events lack the timestamp_override field " + overrideField +
                            " and were ordered by @timestamp");
}

std::uint64_t countEvents(store::Database& db)
{
    auto count = db.prepare("SELECT count(*) FROM events");
    count.step();
    return static_cast<std::uint64_t>(count.int64(0));
}

// State shared by the rule runs of one runRules call.
struct RunContext
{
    store::Database& db;
    const RunOptions& options;
    RunProgress progress;
    std::optional<DatasetCounts> datasetCounts; // loaded by the first run that reads only candidates
    std::optional<std::pair<std::int64_t, std::int64_t>> timeRange; // first and last @timestamp
};

bool isCancelled(const RunOptions& options)
{
    return options.cancel && options.cancel->load();
}

std::pair<std::int64_t, std::int64_t> loadTimeRange(store::Database& db)
{
    auto select = db.prepare("SELECT min(timestamp_ns), max(timestamp_ns) FROM events");
    select.step();
    return {select.int64(0), select.int64(1)};
}

// Estimates how many events of the case precede a candidate, from its time within the case's time range.
std::uint64_t estimateScanned(RunContext& run, std::int64_t timeNs)
{
    if (!run.timeRange)
        run.timeRange = loadTimeRange(run.db);
    const auto [first, last] = *run.timeRange;
    if (last <= first || timeNs <= first)
        return 0;
    const double fraction = std::min(1.0, static_cast<double>(timeNs - first) / static_cast<double>(last - first));
    return static_cast<std::uint64_t>(fraction * static_cast<double>(run.progress.eventsTotal));
}

void reportProgress(RunContext& run, const CandidateReader& reader, bool partial, const RuleRunSummary& summary)
{
    run.progress.candidatesRead = summary.candidatesRead;
    run.progress.eventsScanned = partial ? estimateScanned(run, reader.orderTimeNs()) : summary.candidatesRead;
    run.options.progress(run.progress);
}

// Sets the counts that a run over candidates only did not see from the case's dataset counts.
// Returns the number of events outside the index patterns.
std::uint64_t completeCounts(RunContext& run, const IndexFilter& filter, bool fallbackPossible, RuleRunSummary& summary)
{
    summary.eventsScanned = run.progress.eventsTotal;
    summary.timestampFallbacks = 0;
    // The counts take a pass over the whole table, which a rule without index patterns does not need.
    if (filter.datasetPatterns().empty() && !fallbackPossible)
        return 0;
    if (!run.datasetCounts)
        run.datasetCounts = DatasetCounts::load(run.db);
    if (fallbackPossible)
        summary.timestampFallbacks = run.datasetCounts->coveredWithoutIngested(filter);
    return run.datasetCounts->outside(filter);
}

void noteSkippedByIndex(RuleRunSummary& summary, std::uint64_t skippedByIndex)
{
    summary.eventsSkippedByIndex = skippedByIndex;
    if (skippedByIndex > 0) {
        summary.message = std::to_string(skippedByIndex) + (skippedByIndex == 1 ? " event was" : " events were") +
                          " outside the rule's index patterns and were not scanned";
    }
}

// Events whose documents a pruned run parses together, block by block: a few MB of parsed events.
constexpr std::size_t documentBatchSize = 4096;

// The fields parsed out of each document: only those the query reads.
std::vector<std::string> parsedFields(const eql::Query& query)
{
    std::vector<std::string> fields = query.fieldNames();
    fields.push_back("event.category");
    return fields;
}

// Streams the candidates of a sequence that can take part in a match (see findUsefulCandidates) in the rule's
// order through the executor: the candidates' hot columns are read first, and only the useful candidates'
// documents are read and parsed. Returns false when cancelled.
bool feedUsefulCandidates(RunContext& run, const EventOrder& order, const IndexFilter& filter, const PruningPlan& plan,
                          const eql::Query& query, eql::Executor& executor, RuleRunSummary& summary)
{
    auto lastReport = Clock::now();
    const auto progress = [&](std::uint64_t rowsRead, double tablePassed) {
        if (!run.options.progress || Clock::now() - lastReport < std::chrono::milliseconds(100))
            return;
        run.progress.candidatesRead = rowsRead;
        run.progress.eventsScanned =
            static_cast<std::uint64_t>(std::min(1.0, tablePassed) * static_cast<double>(run.progress.eventsTotal));
        run.options.progress(run.progress);
        lastReport = Clock::now();
    };
    const SequenceCandidates read = readSequenceCandidates(run.db, order, plan, filter, run.options.cancel, progress);
    summary.candidatesRead = read.rowsRead;
    if (read.cancelled)
        return false;

    // TODO: a stage that reads a field without a hot column (the XZ rule's process.args) still needs the
    // documents, and when the useful candidates lie in most blocks, every block is decompressed.
    const std::vector<bool> useful = findUsefulCandidates(read.candidates, read.keyHashes, plan);
    DocumentBatch batch(run.db, parsedFields(query));
    std::vector<CandidateDocument> documents;
    std::vector<std::int64_t> times;
    const auto pushBatch = [&] {
        batch.parse(documents);
        for (std::size_t i = 0; i < documents.size(); ++i)
            executor.push(eql::InputEvent{documents[i].id, batch.event(i), times[i]});
        documents.clear();
        times.clear();
    };
    for (std::size_t i = 0; i < read.candidates.size(); ++i) {
        if (!useful[i])
            continue;
        if ((summary.documentsRead & 1023) == 0 && isCancelled(run.options))
            return false;
        ++summary.documentsRead;
        documents.push_back(read.documents[i]);
        times.push_back(read.candidates[i].timeNs);
        if (documents.size() == documentBatchSize)
            pushBatch();
    }
    pushBatch();
    noteSkippedByIndex(summary, completeCounts(run, filter, order.timestampField != "@timestamp", summary));
    return true;
}

// Streams the candidate events in the rule's order through the executor. Returns false when cancelled.
bool feedEvents(RunContext& run, const EventOrder& order, const IndexFilter& filter, const eql::Query& query,
                eql::Executor& executor, RuleRunSummary& summary)
{
    if (run.options.pushDown) {
        if (const auto plan = planPruning(query.analysed()))
            return feedUsefulCandidates(run, order, filter, *plan, query, executor, summary);
    }
    ecs::DocumentParser parser(parsedFields(query));
    ecs::Event event;

    const auto condition = run.options.pushDown ? eql::pushDownQuery(query.analysed()) : std::nullopt;
    const bool partial = condition.has_value();
    CandidateReader reader(run.db, order, condition, run.options.cancel);
    const bool fallbackPossible = order.timestampField != "@timestamp";
    auto lastReport = Clock::now();
    std::uint64_t skippedByIndex = 0;
    while (reader.next()) {
        if ((summary.candidatesRead & 1023) == 0 && isCancelled(run.options))
            return false;
        ++summary.candidatesRead;
        if (!filter.covers(reader.dataset())) {
            ++skippedByIndex;
            continue;
        }
        if (fallbackPossible && reader.lacksTimestampField())
            ++summary.timestampFallbacks;

        ++summary.documentsRead;
        parser.parse(reader.document(), event);
        executor.push(eql::InputEvent{reader.id(), event, reader.orderTimeNs()});

        if (run.options.progress && Clock::now() - lastReport > std::chrono::milliseconds(100)) {
            reportProgress(run, reader, partial, summary);
            lastReport = Clock::now();
        }
    }
    if (reader.cancelled())
        return false;

    summary.eventsScanned = summary.candidatesRead;
    if (partial)
        skippedByIndex = completeCounts(run, filter, fallbackPossible, summary);
    noteSkippedByIndex(summary, skippedByIndex);
    return true;
}

// Streams every event through the executor in the order of a timestamp field that the case does not store as a
// column: orderEvents() sorts by the field's value in the documents, then each document is read by id. Returns
// false when cancelled.
bool feedInDocumentOrder(RunContext& run, const std::string& timestampField, const IndexFilter& filter,
                         const eql::Query& query, eql::Executor& executor, RuleRunSummary& summary)
{
    ecs::DocumentParser parser(parsedFields(query));
    ecs::Event event;

    const auto order = orderEvents(run.db, timestampField, {}, eql::FieldMappings::ecsDefaults());
    store::DocumentStore documents(run.db);
    auto lookup = run.db.prepare("SELECT coalesce(dataset, ''), doc_block, doc_slot FROM events WHERE id = ?");
    auto lastReport = Clock::now();
    std::uint64_t skippedByIndex = 0;
    for (const OrderedEvent& ordered : order) {
        if ((summary.candidatesRead & 1023) == 0 && isCancelled(run.options))
            return false;
        ++summary.candidatesRead;
        lookup.bind(1, ordered.id);
        const bool found = lookup.step();
        if (found && filter.covers(lookup.textView(0))) {
            summary.timestampFallbacks += ordered.timestampFallback ? 1 : 0;
            ++summary.documentsRead;
            parser.parse(documents.document(lookup.int64(1), lookup.int64(2)), event);
            executor.push(eql::InputEvent{ordered.id, event, ordered.timeNs});
        } else if (found) {
            ++skippedByIndex;
        }
        lookup.reset();
        if (run.options.progress && Clock::now() - lastReport > std::chrono::milliseconds(100)) {
            run.progress.candidatesRead = run.progress.eventsScanned = summary.candidatesRead;
            run.options.progress(run.progress);
            lastReport = Clock::now();
        }
    }
    summary.eventsScanned = summary.candidatesRead;
    noteSkippedByIndex(summary, skippedByIndex);
    return true;
}

// Returns the SQL order for a timestamp field that the case stores as a column, nullopt for any other field.
std::optional<EventOrder> storedOrder(const std::string& timestampField)
{
    try {
        return eventOrderFor(timestampField);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

RuleRunSummary runRule(RunContext& run, const rules::Rule& rule)
{
    store::Database& db = run.db;
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
        const FieldPresence presence = checkFieldPresence(db, query, run.options.cancel);
        summary.unknownFields = presence.unknownFields;
        eql::QueryOptions queryOptions;
        queryOptions.timestampField = summary.timestampField;
        queryOptions.mappedFields = presence.mappedOptionalFields;
        eql::Executor executor(query, queryOptions);
        const IndexFilter filter(rule.index);
        // Findings of a rule ordered by a field without a column are dated by @timestamp.
        const auto order = storedOrder(summary.timestampField);
        const bool fed = order ? feedEvents(run, *order, filter, query, executor, summary)
                               : feedInDocumentOrder(run, summary.timestampField, filter, query, executor, summary);
        if (!fed) {
            summary.status = "cancelled";
        } else {
            const std::string timeExpression = order ? order->sqlTimeExpression : "timestamp_ns";
            summary.findingIds =
                writeFindings(db, summary.runId, summary.ruleRow, executor.finish(), timeExpression.c_str());
            summary.verdictsCarried = carryVerdicts(db, summary.runId);
            summary.status = "complete";
            warnAboutUnknownFields(summary);
            describeTimestampFallback(summary);
        }
    } catch (const analysis::CensusCancelled&) {
        summary.status = "cancelled";
    } catch (const eql::EqlError& error) {
        summary.status = "failed";
        summary.message = queryErrorText(rule, error);
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

double RunProgress::fraction() const
{
    if (ruleCount == 0)
        return 0.0;
    const double ruleFraction =
        eventsTotal > 0 ? static_cast<double>(eventsScanned) / static_cast<double>(eventsTotal) : 0.0;
    return (static_cast<double>(ruleIndex) + ruleFraction) / static_cast<double>(ruleCount);
}

std::string queryErrorText(const rules::Rule& rule, const eql::EqlError& error)
{
    const int line = rule.queryLine > 0 ? rule.queryLine + error.line() - 1 : error.line();
    return rule.origin + ':' + std::to_string(line) + ':' + std::to_string(error.column()) + ": " + error.message();
}

std::vector<RuleRunSummary> runRules(store::CaseFile& caseFile, const std::vector<rules::Rule>& rules,
                                     const RunOptions& options)
{
    RunContext run{caseFile.db(), options, {}, std::nullopt, std::nullopt};
    run.progress.ruleCount = rules.size();
    run.progress.eventsTotal = countEvents(run.db);

    std::vector<RuleRunSummary> summaries;
    try {
        countRuleFields(run.db, rules, options.cancel);
    } catch (const analysis::CensusCancelled&) {
        // The first rule's run sees the cancel too and records it.
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        run.progress.ruleIndex = i;
        run.progress.ruleName = rules[i].name;
        run.progress.eventsScanned = 0;
        run.progress.candidatesRead = 0;
        if (options.progress)
            options.progress(run.progress);
        summaries.push_back(runRule(run, rules[i]));
        if (summaries.back().status == "cancelled")
            break;
    }
    return summaries;
}

} // namespace spoor::scan
