#include "models/event_filter.h"

#include "analysis/process_tree.h"
#include "ecs/document_parser.h"
#include "eql/analyzer.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/pushdown.h"
#include "eql/query.h"
#include "eql/stage_matcher.h"
#include "jobs/job_context.h"
#include "scan/candidate_reader.h"
#include "scan/event_order.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>
#include <chrono>

namespace spoor::ui {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view bareConditionPrefix = "any where ";

// Above this many events, their processes are found with one join over the whole events table instead
// of two indexed lookups per event (an estimate of where the join becomes cheaper).
constexpr std::size_t joinThreshold = 20000;

QString tr(const char* text)
{
    return QCoreApplication::translate("spoor::ui::EventFilter", text);
}

bool startsAsQuery(const QString& filter)
{
    static const QRegularExpression query(
        QStringLiteral("^\\s*(sequence\\b|sample\\b|([A-Za-z_@][A-Za-z0-9_@]*|`[^`]*`)\\s+where\\b)"));
    return query.match(filter).hasMatch();
}

// Returns the UTF-16 offset of a 1-based line and column of the UTF-8 text. Columns count characters (code
// points), as the EQL lexer does.
int offsetOf(const std::string& utf8, int line, int column)
{
    std::size_t byte = 0;
    for (int current = 1; current < line && byte < utf8.size(); ++byte) {
        if (utf8[byte] == '\n')
            ++current;
    }
    for (int current = 1; current < column && byte < utf8.size(); ++current) {
        ++byte;
        while (byte < utf8.size() && (static_cast<unsigned char>(utf8[byte]) & 0xC0) == 0x80)
            ++byte;
    }
    return static_cast<int>(QString::fromUtf8(utf8.data(), static_cast<qsizetype>(byte)).size());
}

std::uint64_t countEvents(store::Database& db)
{
    auto count = db.prepare("SELECT count(*) FROM events");
    count.step();
    return static_cast<std::uint64_t>(count.int64(0));
}

// Sorts and deduplicates a vector of ids.
void normalise(std::vector<std::int64_t>& ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// Reads the candidates of a query in time order and hands each parsed event to `consume`. Returns false
// when the job was cancelled.
template <typename Consume>
bool readCandidates(store::Database& db, const eql::Query& query, JobContext& context, FilterResult& result,
                    Consume consume)
{
    std::vector<std::string> fields = query.fieldNames();
    fields.push_back("event.category");
    ecs::DocumentParser parser(std::move(fields));
    ecs::Event event;

    const auto condition = eql::pushDownQuery(query.analysed());
    const scan::EventOrder order = scan::eventOrderFor("@timestamp");
    const double total = static_cast<double>(std::max<std::uint64_t>(countEvents(db), 1));
    scan::CandidateReader reader(db, order, condition, &context.cancelFlag());
    auto lastReport = Clock::now();
    while (reader.next()) {
        if ((result.candidatesRead & 1023) == 0 && context.isCancelled())
            return false;
        ++result.candidatesRead;
        parser.parse(reader.document(), event);
        consume(reader.id(), event, reader.orderTimeNs());
        if (Clock::now() - lastReport > std::chrono::milliseconds(100)) {
            // Without a push-down condition every event is a candidate and the fraction is exact. With one,
            // it is the share of the case's events read so far, an underestimate.
            context.reportProgress(
                tr("Filtering: %1 events read").arg(QLocale().toString(static_cast<qulonglong>(result.candidatesRead))),
                std::min(1.0, static_cast<double>(result.candidatesRead) / total));
            lastReport = Clock::now();
        }
    }
    return !reader.cancelled();
}

// An event query without pipes: each candidate is tested on its own, and nothing but the ids is kept.
bool filterEvents(store::Database& db, const eql::Query& query, JobContext& context, FilterResult& result,
                  std::vector<std::int64_t>& ids)
{
    const eql::AnalysedQuery& analysed = query.analysed();
    const eql::Evaluator evaluator;
    const eql::StageMatcher matcher(analysed.ast.stages.front().filter, {}, evaluator, "event.category");
    return readCandidates(db, query, context, result, [&](std::int64_t id, const ecs::Event& event, std::int64_t) {
        if (matcher.matches(event))
            ids.push_back(id);
    });
}

// Sequences, samples and event queries with pipes run through the executor; every step of every match
// is kept.
bool filterMatches(store::Database& db, const eql::Query& query, JobContext& context, FilterResult& result,
                   std::vector<std::int64_t>& ids)
{
    eql::Executor executor(query);
    const bool complete =
        readCandidates(db, query, context, result, [&](std::int64_t id, const ecs::Event& event, std::int64_t time) {
            executor.push(eql::InputEvent{id, event, time});
        });
    if (!complete)
        return false;
    for (const eql::Match& match : executor.finish()) {
        for (const auto& id : match.eventIds) {
            if (id)
                ids.push_back(*id);
        }
    }
    return true;
}

// Finds the processes of many events with one pass over the events that carry process.entity_id.
void joinProcesses(store::Database& db, const std::vector<std::int64_t>& events, std::vector<std::int64_t>& out,
                   const std::atomic<bool>* cancel)
{
    auto select = db.prepare(eventProcessJoinSql);
    std::int64_t rows = 0;
    while (select.step()) {
        if ((++rows & 4095) == 0 && cancel && cancel->load())
            return;
        if (std::binary_search(events.begin(), events.end(), select.int64(0)))
            out.push_back(select.int64(1));
    }
}

} // namespace

std::string filterQueryText(const QString& filter, bool* bareCondition)
{
    const bool bare = !startsAsQuery(filter);
    if (bareCondition)
        *bareCondition = bare;
    const std::string text = filter.toStdString();
    return bare ? std::string(bareConditionPrefix) + text : text;
}

FilterValidation validateFilter(const QString& filter)
{
    FilterValidation validation;
    if (filter.trimmed().isEmpty())
        return validation;
    bool bare = false;
    const std::string text = filterQueryText(filter, &bare);
    try {
        eql::Query::parse(text);
        validation.state = FilterValidation::State::Valid;
        validation.bareCondition = bare;
    } catch (const eql::EqlError& error) {
        validation.state = FilterValidation::State::Invalid;
        validation.message = QString::fromStdString(error.message());
        validation.line = error.line();
        validation.column = error.column();
        // The wrapper is on line 1 only; an error inside it (none is expected) points at the start.
        if (bare && error.line() == 1)
            validation.column = std::max(1, error.column() - static_cast<int>(bareConditionPrefix.size()));
        validation.position = std::min(static_cast<int>(filter.size()),
                                       offsetOf(filter.toStdString(), validation.line, validation.column));
    }
    return validation;
}

bool containsEvent(const EventIdSet& events, std::int64_t eventId)
{
    return !events || std::binary_search(events->begin(), events->end(), eventId);
}

FilterResult runEventFilter(store::Database& db, const QString& filter, JobContext& context)
{
    FilterResult result;
    result.filter = filter;
    result.label = filter.simplified();
    const eql::Query query = eql::Query::parse(filterQueryText(filter));

    auto ids = std::make_shared<std::vector<std::int64_t>>();
    const bool plainEvents = query.kind() == eql::Query::Kind::Event && query.analysed().ast.pipes.empty();
    const bool complete =
        plainEvents ? filterEvents(db, query, context, result, *ids) : filterMatches(db, query, context, result, *ids);
    if (!complete) {
        result.cancelled = true;
        return result;
    }
    normalise(*ids);
    context.reportProgress(tr("Finding the processes of %1 events").arg(QLocale().toString(qulonglong(ids->size()))),
                           -1.0);
    result.processes = processesOfEvents(db, *ids, &context.cancelFlag());
    if (context.isCancelled()) {
        result.cancelled = true;
        return result;
    }
    result.events = std::move(ids);
    return result;
}

FilterResult runEventFilterOnCase(const QString& casePath, const QString& filter, JobContext& context)
{
    store::CaseFile caseFile = store::CaseFile::open(casePath.toStdString(), store::CaseFile::Access::ReadOnly);
    return runEventFilter(caseFile.db(), filter, context);
}

std::vector<std::int64_t> processesOfEvents(store::Database& db, const std::vector<std::int64_t>& events,
                                            const std::atomic<bool>* cancel)
{
    std::vector<std::int64_t> processes;
    if (events.size() > joinThreshold) {
        joinProcesses(db, events, processes, cancel);
        // Events without process.entity_id are looked up one by one below.
        auto withoutEntity = db.prepare("SELECT id FROM events WHERE entity_id IS NULL AND pid IS NOT NULL");
        std::vector<std::int64_t> rest;
        while (withoutEntity.step()) {
            if (std::binary_search(events.begin(), events.end(), withoutEntity.int64(0)))
                rest.push_back(withoutEntity.int64(0));
        }
        for (std::size_t i = 0; i < rest.size() && !(cancel && cancel->load()); ++i) {
            if (const auto process = analysis::processForEvent(db, rest[i]))
                processes.push_back(process->id);
        }
    } else {
        for (std::size_t i = 0; i < events.size(); ++i) {
            if ((i & 1023) == 0 && cancel && cancel->load())
                break;
            if (const auto process = analysis::processForEvent(db, events[i]))
                processes.push_back(process->id);
        }
    }
    normalise(processes);
    return processes;
}

} // namespace spoor::ui
