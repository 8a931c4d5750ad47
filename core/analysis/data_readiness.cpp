#include "analysis/data_readiness.h"

#include "eql/eql_error.h"
#include "eql/query.h"
#include "ingest/source_capabilities.h"
#include "rules/builtin_rules.h"
#include "rules/rule_error.h"
#include "rules/rule_loader.h"
#include "store/database.h"
#include "store/statement.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace spoor::analysis {

namespace {

using Severity = ReadinessNote::Severity;

const std::string categoryField = "event.category";
const std::string categoryOp = "==";

std::string quoted(const std::string& text)
{
    return '"' + text + '"';
}

std::string seenValues(const FieldCount& count)
{
    if (count.topValues.empty())
        return {};
    std::string text = "; values seen: ";
    for (std::size_t index = 0; index < count.topValues.size(); ++index) {
        if (index > 0)
            text += ", ";
        text += quoted(count.topValues[index].first) + " (" + std::to_string(count.topValues[index].second) + ")";
    }
    return text;
}

std::int64_t eventsWithField(const Census& census, const std::string& field)
{
    const FieldCount* count = census.find(field);
    return count ? count->events : 0;
}

// Returns the number of events that pass at least one of the use's value tests, summed over the tests, which
// is zero exactly when no event passes any of them.
std::int64_t eventsPassing(const FieldCount& count, const FieldUse& use)
{
    std::int64_t events = 0;
    for (const std::string& value : use.values) {
        const auto found = count.tests.find(use.op + ' ' + value);
        if (found != count.tests.end())
            events += found->second;
    }
    return events;
}

std::string useText(const FieldUse& use)
{
    std::string text = use.field + ' ' + use.op + ' ';
    if (use.values.size() == 1)
        return text + quoted(use.values.front());
    text += '(';
    for (std::size_t index = 0; index < use.values.size(); ++index)
        text += (index > 0 ? ", " : "") + quoted(use.values[index]);
    return text + ')';
}

struct Judgement
{
    const Census& census;
    std::vector<ReadinessNote>& notes;

    void add(Severity severity, int step, const std::string& field, std::string message)
    {
        const bool duplicate = std::any_of(notes.begin(), notes.end(), [&](const ReadinessNote& note) {
            return note.step == step && note.field == field && note.message == message;
        });
        if (!duplicate)
            notes.push_back({severity, step, field, std::move(message)});
    }

    // A step that must find an event blocks when the field is in no event; a missing-event or until step
    // and an optional part of a condition only warn.
    void checkPresence(const StepNeeds& step, const FieldUse& use)
    {
        if (eventsWithField(census, use.field) > 0)
            return;
        if (use.kind == FieldUse::Kind::Excludes || use.kind == FieldUse::Kind::IsNull) {
            add(Severity::Information, step.number, use.field,
                use.field + " is in no event, so " + (use.kind == FieldUse::Kind::IsNull ? "== null" : use.op) +
                    " holds for every event");
            return;
        }
        const bool blocks = use.required && !step.missingEvent && !step.until;
        add(blocks ? Severity::Blocking : Severity::Warning, step.number, use.field,
            use.field + " is in no event" + (blocks ? "" : ", so the part of the condition that reads it never holds"));
    }

    void checkValues(const StepNeeds& step, const FieldUse& use)
    {
        if (use.kind != FieldUse::Kind::Equals && use.kind != FieldUse::Kind::Matches)
            return;
        const FieldCount* count = census.find(use.field);
        if (!count || count->events == 0 || use.values.empty())
            return;
        if (eventsPassing(*count, use) > 0)
            return;
        const bool blocks = use.required && !step.missingEvent && !step.until;
        add(blocks ? Severity::Blocking : Severity::Warning, step.number, use.field,
            useText(use) + ": 0 events" + seenValues(*count));
    }

    void checkCategory(const StepNeeds& step)
    {
        if (step.category.empty())
            return;
        const FieldCount* count = census.find(categoryField);
        const auto found = count ? count->tests.find(categoryOp + ' ' + step.category) : decltype(count->tests.end()){};
        if (count && found != count->tests.end() && found->second > 0)
            return;
        const bool blocks = !step.missingEvent && !step.until;
        add(blocks ? Severity::Blocking : Severity::Warning, step.number, categoryField,
            "no " + step.category + " events (event.category)" + (count ? seenValues(*count) : std::string()));
    }

    void checkKeys(const StepNeeds& step)
    {
        for (const std::string& key : step.keyFields) {
            if (eventsWithField(census, key) > 0)
                continue;
            const bool blocks = !step.missingEvent && !step.until;
            add(blocks ? Severity::Blocking : Severity::Warning, step.number, key,
                "join key " + key + " is in no event, and an event without its join key joins no sequence");
        }
    }
};

void checkTimestamp(const RuleNeeds& needs, const Census& census, std::vector<ReadinessNote>& notes)
{
    if (needs.timestampField == "@timestamp")
        return;
    const std::int64_t present = eventsWithField(census, needs.timestampField);
    if (present >= census.events)
        return;
    const std::string field = needs.timestampField;
    const std::string message = present == 0
                                    ? field + " is in no event, so events are ordered and spanned by @timestamp"
                                    : field + " is missing in " + std::to_string(census.events - present) + " of " +
                                          std::to_string(census.events) + " events, which use @timestamp instead";
    notes.push_back({Severity::Warning, 0, field, message});
}

void checkEntityKeys(const RuleNeeds& needs, const EntityKeyCounts& keys, std::vector<ReadinessNote>& notes)
{
    const std::vector<std::string> fields = needs.fields();
    const bool usesEntityId = std::any_of(fields.begin(), fields.end(), [](const std::string& field) {
        return field == "process.entity_id" || field == "process.parent.entity_id";
    });
    if (!usesEntityId || keys.inferred == 0)
        return;
    notes.push_back({Severity::Warning, 0, "process.entity_id",
                     "process.entity_id is missing for " + std::to_string(keys.inferred) + " of " +
                         std::to_string(keys.generations) +
                         " process generations; Spoor derives their key from host, pid and start time for the tree, "
                         "but the rule reads the field itself"});
}

// Explains fields in no event by the source formats: a format that cannot provide a field, or one for
// which Spoor derives it.
void checkSourceFormats(const RuleNeeds& needs, const Census& census, const std::vector<std::string>& formats,
                        std::vector<ReadinessNote>& notes)
{
    for (const std::string& field : needs.fields()) {
        const bool missing = eventsWithField(census, field) == 0;
        for (const std::string& format : formats) {
            const ingest::SourceCapabilities* capabilities = ingest::sourceCapabilities(format);
            if (!capabilities || capabilities->fieldsAsRecorded)
                continue;
            const auto& fields = capabilities->fields;
            const auto& derived = capabilities->derived;
            if (std::find(derived.begin(), derived.end(), field) != derived.end()) {
                notes.push_back({Severity::Information, 0, field,
                                 field + " is derived by Spoor for " + format + " sources, not recorded"});
            } else if (missing && std::find(fields.begin(), fields.end(), field) == fields.end()) {
                notes.push_back(
                    {Severity::Information, 0, field, "the " + format + " source format does not provide " + field});
            }
        }
    }
}

std::vector<std::string> loadSourceFormats(const store::Database& db)
{
    auto statement = db.prepare("SELECT DISTINCT format FROM sources ORDER BY format");
    std::vector<std::string> formats;
    while (statement.step())
        formats.push_back(statement.text(0));
    return formats;
}

RuleReadiness::Verdict verdictOf(const std::vector<ReadinessNote>& notes)
{
    auto has = [&notes](Severity severity) {
        return std::any_of(notes.begin(), notes.end(),
                           [severity](const ReadinessNote& note) { return note.severity == severity; });
    };
    if (has(Severity::Blocking))
        return RuleReadiness::Verdict::CannotMatch;
    if (has(Severity::Warning))
        return RuleReadiness::Verdict::Partly;
    return RuleReadiness::Verdict::Ready;
}

EntityKeyCounts countEntityKeys(const store::Database& db)
{
    auto statement = db.prepare("SELECT count(*), coalesce(sum(entity_inferred), 0) FROM processes");
    statement.step();
    return {statement.int64(0), statement.int64(1)};
}

RuleReadiness unsupported(const rules::Rule& rule, std::string message)
{
    RuleReadiness readiness;
    readiness.ruleId = rule.ruleId;
    readiness.name = rule.name;
    readiness.updatedDate = rule.updatedDate;
    readiness.verdict = RuleReadiness::Verdict::Unsupported;
    readiness.notes.push_back({Severity::Blocking, 0, {}, std::move(message)});
    return readiness;
}

} // namespace

CensusRequest censusRequestFor(const std::vector<RuleNeeds>& needs)
{
    CensusRequest request;
    for (const RuleNeeds& rule : needs) {
        request.addField(rule.timestampField);
        for (const StepNeeds& step : rule.steps) {
            for (const std::string& key : step.keyFields)
                request.addField(key);
            request.addUses(step.uses);
            if (!step.category.empty()) {
                FieldUse category;
                category.field = categoryField;
                category.kind = FieldUse::Kind::Equals;
                category.op = categoryOp;
                category.values = {step.category};
                request.addUses({category});
            }
        }
    }
    return request;
}

RuleReadiness judgeRule(const rules::Rule& rule, const RuleNeeds& needs, const Census& census,
                        const EntityKeyCounts& entityKeys, const std::vector<std::string>& sourceFormats)
{
    RuleReadiness readiness;
    readiness.ruleId = rule.ruleId;
    readiness.name = rule.name;
    readiness.updatedDate = rule.updatedDate;
    readiness.needs = needs;
    if (census.events == 0) {
        readiness.notes.push_back({Severity::Blocking, 0, {}, "the case has no events"});
        readiness.verdict = RuleReadiness::Verdict::CannotMatch;
        return readiness;
    }
    Judgement judgement{census, readiness.notes};
    for (const StepNeeds& step : needs.steps) {
        judgement.checkCategory(step);
        judgement.checkKeys(step);
        for (const FieldUse& use : step.uses) {
            judgement.checkPresence(step, use);
            judgement.checkValues(step, use);
        }
    }
    checkTimestamp(needs, census, readiness.notes);
    checkEntityKeys(needs, entityKeys, readiness.notes);
    checkSourceFormats(needs, census, sourceFormats, readiness.notes);
    readiness.verdict = verdictOf(readiness.notes);
    return readiness;
}

ReadinessReport assessReadiness(store::Database& db, const std::vector<rules::Rule>& rules,
                                const std::atomic<bool>* cancelled, const std::function<void(double)>& progress)
{
    std::vector<std::optional<RuleNeeds>> needs;
    std::vector<std::string> errors(rules.size());
    for (std::size_t index = 0; index < rules.size(); ++index) {
        const rules::Rule& rule = rules[index];
        if (!rule.isEql()) {
            errors[index] = "language " + (rule.language.empty() ? rule.type : rule.language) + " is not supported";
            needs.emplace_back();
            continue;
        }
        try {
            needs.emplace_back(ruleNeeds(eql::Query::parse(rule.query), rule.timestampOverride));
        } catch (const eql::EqlError& error) {
            errors[index] = std::string("the query is invalid: ") + error.what();
            needs.emplace_back();
        }
    }
    std::vector<RuleNeeds> parsed;
    for (const auto& rule : needs) {
        if (rule)
            parsed.push_back(*rule);
    }
    ReadinessReport report;
    report.census = takeCensus(db, censusRequestFor(parsed), cancelled, progress);
    report.entityKeys = countEntityKeys(db);
    report.sourceFormats = loadSourceFormats(db);
    for (std::size_t index = 0; index < rules.size(); ++index) {
        report.rules.push_back(needs[index] ? judgeRule(rules[index], *needs[index], report.census, report.entityKeys,
                                                        report.sourceFormats)
                                            : unsupported(rules[index], errors[index]));
    }
    return report;
}

std::vector<rules::Rule> readinessRules(const store::Database& db)
{
    std::vector<rules::Rule> rules = rules::builtinRules();
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const rules::Rule& rule : rules)
        seen.emplace(rule.ruleId, rule.updatedDate, rule.query);
    auto statement = db.prepare("SELECT origin, toml FROM rules ORDER BY id");
    while (statement.step()) {
        try {
            rules::Rule rule = rules::parseRule(statement.text(1), statement.text(0));
            if (seen.emplace(rule.ruleId, rule.updatedDate, rule.query).second)
                rules.push_back(std::move(rule));
        } catch (const rules::RuleError&) {
            // A stored rule that no longer parses was reported when it was stored; it has no readiness.
        }
    }
    return rules;
}

const char* verdictText(RuleReadiness::Verdict verdict)
{
    switch (verdict) {
    case RuleReadiness::Verdict::Ready:
        return "ready";
    case RuleReadiness::Verdict::Partly:
        return "partly";
    case RuleReadiness::Verdict::CannotMatch:
        return "cannot match on this data";
    case RuleReadiness::Verdict::Unsupported:
        return "not supported";
    }
    return "";
}

} // namespace spoor::analysis
