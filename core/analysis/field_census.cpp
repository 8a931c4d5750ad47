#include "analysis/field_census.h"

#include "ecs/document_parser.h"
#include "eql/pushdown.h"
#include "store/database.h"
#include "store/document_store.h"
#include "store/statement.h"

#include <algorithm>
#include <unordered_map>

namespace spoor::analysis {

namespace {

constexpr std::size_t topValueCount = 5;
// Distinct values remembered per scanned field for its top values; later new values are not counted.
constexpr std::size_t maxDistinctValues = 1000;
// Distinct values of a hot column read to test patterns against.
constexpr int maxDistinctColumnValues = 200'000;
constexpr const char* presenceKey = "";
constexpr const char* topKeyPrefix = "top ";

constexpr const char* createCacheTable = R"sql(
CREATE TABLE IF NOT EXISTS field_census (
    field         TEXT NOT NULL,
    test          TEXT NOT NULL,    -- '' for presence, 'top VALUE' for a frequent value, else 'OPERATOR CONSTANT'
    events        INTEGER NOT NULL,
    through_event INTEGER NOT NULL, -- the highest events.id when counted
    PRIMARY KEY (field, test)
)
)sql";

struct ColumnRef
{
    std::string name;
    bool elements = false;
};

std::optional<ColumnRef> columnFor(const std::string& field)
{
    if (field == "@timestamp")
        return ColumnRef{"timestamp_ns", false};
    if (field == "event.ingested")
        return ColumnRef{"ingested_ns", false};
    if (const auto column = eql::hotColumnFor(field))
        return ColumnRef{std::string(column->name), column->elements};
    return std::nullopt;
}

std::int64_t countWhere(const store::Database& db, const std::string& where, const std::string* parameter = nullptr)
{
    auto statement = db.prepare("SELECT count(*) FROM events WHERE " + where);
    if (parameter)
        statement.bind(1, *parameter);
    statement.step();
    return statement.int64(0);
}

// Splits a stored column value into the values an EQL test sees: the elements of an elements column.
std::vector<std::string_view> columnValues(std::string_view stored, bool elements)
{
    if (!elements)
        return {stored};
    std::vector<std::string_view> values;
    std::size_t start = 0;
    for (std::size_t comma = stored.find(','); comma != std::string_view::npos; comma = stored.find(',', start)) {
        values.push_back(stored.substr(start, comma - start));
        start = comma + 1;
    }
    values.push_back(stored.substr(start));
    return values;
}

std::int64_t countEqualInColumn(const store::Database& db, const ColumnRef& column, const ValueTest& test)
{
    const std::string value = test.caseInsensitive ? "lower(?)" : "?";
    const std::string stored = test.caseInsensitive ? "lower(" + column.name + ")" : column.name;
    if (column.elements)
        return countWhere(db, "instr(',' || " + stored + " || ',', ',' || " + value + " || ',') > 0", &test.text);
    return countWhere(db, stored + " = " + value, &test.text);
}

// Tests patterns against the distinct values of a column, so each value is matched once.
void countPatternsInColumn(const store::Database& db, const ColumnRef& column, const std::vector<ValueTest>& tests,
                           FieldCount& count)
{
    auto statement = db.prepare("SELECT " + column.name + ", count(*) FROM events WHERE " + column.name +
                                " IS NOT NULL GROUP BY 1 LIMIT " + std::to_string(maxDistinctColumnValues));
    while (statement.step()) {
        const std::string stored = statement.text(0);
        const std::int64_t events = statement.int64(1);
        const auto values = columnValues(stored, column.elements);
        for (const ValueTest& test : tests) {
            if (std::any_of(values.begin(), values.end(), [&](std::string_view value) { return test.matches(value); }))
                count.tests[test.key()] += events;
        }
    }
}

// NOTE: a keyword column is NULL when its field holds an array, so such events count as lacking the field
// and its values; ECS keeps these fields (host.id, process.name, ...) scalar in practice.
FieldCount countColumn(const store::Database& db, const ColumnRef& column, const std::vector<ValueTest>& tests)
{
    FieldCount count;
    count.hotColumn = true;
    count.events = countWhere(db, column.name + " IS NOT NULL");
    std::vector<ValueTest> patterns;
    for (const ValueTest& test : tests) {
        if (test.matcher)
            patterns.push_back(test);
        else
            count.tests[test.key()] = countEqualInColumn(db, column, test);
    }
    if (!patterns.empty())
        countPatternsInColumn(db, column, patterns, count);
    auto top = db.prepare("SELECT " + column.name + ", count(*) FROM events WHERE " + column.name +
                          " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + std::to_string(topValueCount));
    while (top.step())
        count.topValues.emplace_back(top.text(0), top.int64(1));
    return count;
}

void collectScalars(const ecs::Value& value, std::vector<std::string>& out)
{
    if (value.isArray()) {
        for (const ecs::Value& element : value.asArray()) {
            if (!element.isNull() && !element.isArray())
                out.push_back(element.toString());
        }
    } else if (!value.isNull()) {
        out.push_back(value.toString());
    }
}

// Counts of one scanned field while the documents are read.
struct ScanState
{
    FieldCount count;
    std::unordered_map<std::string, std::int64_t> distinct;
};

void countDocumentField(const ecs::Value& value, const std::vector<ValueTest>& tests, ScanState& state,
                        std::vector<std::string>& scratch)
{
    scratch.clear();
    collectScalars(value, scratch);
    if (scratch.empty())
        return;
    ++state.count.events;
    for (const ValueTest& test : tests) {
        if (std::any_of(scratch.begin(), scratch.end(), [&](const std::string& text) { return test.matches(text); }))
            ++state.count.tests[test.key()];
    }
    for (const std::string& text : scratch) {
        auto found = state.distinct.find(text);
        if (found != state.distinct.end())
            ++found->second;
        else if (state.distinct.size() < maxDistinctValues)
            state.distinct.emplace(text, 1);
    }
}

std::vector<std::pair<std::string, std::int64_t>> topOf(const std::unordered_map<std::string, std::int64_t>& counts)
{
    std::vector<std::pair<std::string, std::int64_t>> values(counts.begin(), counts.end());
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (values.size() > topValueCount)
        values.resize(topValueCount);
    return values;
}

std::map<std::string, FieldCount> scanDocuments(const store::Database& db,
                                                const std::map<std::string, std::vector<ValueTest>>& fields,
                                                std::int64_t totalEvents, const std::atomic<bool>* cancelled,
                                                const std::function<void(double)>& progress)
{
    std::vector<std::string> names;
    std::vector<ScanState> states(fields.size());
    std::vector<const std::vector<ValueTest>*> tests;
    for (const auto& [field, fieldTests] : fields) {
        names.push_back(field);
        tests.push_back(&fieldTests);
    }
    ecs::DocumentParser parser(names);
    ecs::Event event;
    std::vector<std::string> scratch;
    store::DocumentStore documents(db);
    auto statement = db.prepare("SELECT doc_block, doc_slot FROM events ORDER BY id");
    std::int64_t read = 0;
    while (statement.step()) {
        if (cancelled && cancelled->load(std::memory_order_relaxed))
            throw CensusCancelled();
        if (statement.isNull(0) || !parser.parse(documents.document(statement.int64(0), statement.int64(1)), event))
            continue;
        for (std::size_t index = 0; index < names.size(); ++index) {
            if (const ecs::Value* value = event.find(names[index]))
                countDocumentField(*value, *tests[index], states[index], scratch);
        }
        if (progress && ++read % 10'000 == 0 && totalEvents > 0)
            progress(static_cast<double>(read) / static_cast<double>(totalEvents));
    }
    std::map<std::string, FieldCount> counts;
    for (std::size_t index = 0; index < names.size(); ++index) {
        states[index].count.topValues = topOf(states[index].distinct);
        for (const ValueTest& test : *tests[index])
            states[index].count.tests.try_emplace(test.key(), 0);
        counts.emplace(names[index], std::move(states[index].count));
    }
    return counts;
}

bool hasCacheTable(const store::Database& db)
{
    auto statement = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'field_census'");
    return statement.step();
}

// Reads a field's cached counts; nullopt unless the presence and every test were counted at throughEvent.
std::optional<FieldCount> readCached(const store::Database& db, const std::string& field,
                                     const std::vector<ValueTest>& tests, std::int64_t throughEvent)
{
    auto statement = db.prepare("SELECT test, events FROM field_census WHERE field = ? AND through_event = ?");
    statement.bind(1, field).bind(2, throughEvent);
    FieldCount count;
    bool present = false;
    const std::string topPrefix = topKeyPrefix;
    while (statement.step()) {
        const std::string test = statement.text(0);
        if (test == presenceKey) {
            count.events = statement.int64(1);
            present = true;
        } else if (test.starts_with(topPrefix)) {
            count.topValues.emplace_back(test.substr(topPrefix.size()), statement.int64(1));
        } else {
            count.tests[test] = statement.int64(1);
        }
    }
    const bool complete = std::all_of(tests.begin(), tests.end(),
                                      [&](const ValueTest& test) { return count.tests.count(test.key()) > 0; });
    if (!present || !complete)
        return std::nullopt;
    std::sort(count.topValues.begin(), count.topValues.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return count;
}

void writeCache(store::Database& db, const std::map<std::string, FieldCount>& counts, std::int64_t throughEvent)
{
    db.exec(createCacheTable);
    store::Transaction transaction(db);
    auto remove = db.prepare("DELETE FROM field_census WHERE field = ?");
    auto insert = db.prepare("INSERT OR REPLACE INTO field_census (field, test, events, through_event) "
                             "VALUES (?, ?, ?, ?)");
    auto row = [&](const std::string& field, const std::string& test, std::int64_t events) {
        insert.bind(1, field).bind(2, test).bind(3, events).bind(4, throughEvent);
        insert.run();
        insert.reset();
    };
    for (const auto& [field, count] : counts) {
        remove.bind(1, field);
        remove.run();
        remove.reset();
        row(field, presenceKey, count.events);
        for (const auto& [test, events] : count.tests)
            row(field, test, events);
        for (const auto& [value, events] : count.topValues)
            row(field, topKeyPrefix + value, events);
    }
    transaction.commit();
}

} // namespace

bool ValueTest::matches(std::string_view value) const
{
    if (matcher)
        return matcher->matches(value);
    if (!caseInsensitive)
        return value == text;
    return eql::foldCase(value) == eql::foldCase(text);
}

void CensusRequest::addUses(const std::vector<FieldUse>& uses)
{
    for (const FieldUse& use : uses) {
        std::vector<ValueTest>& tests = fields[use.field];
        if (use.kind != FieldUse::Kind::Equals && use.kind != FieldUse::Kind::Matches)
            continue;
        for (std::size_t index = 0; index < use.values.size(); ++index) {
            ValueTest test{use.op, use.values[index], use.caseInsensitive, std::nullopt};
            if (use.kind == FieldUse::Kind::Matches && index < use.matchers.size())
                test.matcher = use.matchers[index];
            const bool known = std::any_of(tests.begin(), tests.end(),
                                           [&](const ValueTest& other) { return other.key() == test.key(); });
            if (!known)
                tests.push_back(std::move(test));
        }
    }
}

const FieldCount* Census::find(const std::string& field) const
{
    const auto found = fields.find(field);
    return found == fields.end() ? nullptr : &found->second;
}

Census takeCensus(store::Database& db, const CensusRequest& request, const std::atomic<bool>* cancelled,
                  const std::function<void(double)>& progress)
{
    Census census;
    auto totals = db.prepare("SELECT count(*), coalesce(max(id), 0) FROM events");
    totals.step();
    census.events = totals.int64(0);
    const std::int64_t throughEvent = totals.int64(1);

    const bool cached = hasCacheTable(db);
    std::map<std::string, std::vector<ValueTest>> toScan;
    for (const auto& [field, tests] : request.fields) {
        if (const auto column = columnFor(field)) {
            census.fields[field] = countColumn(db, *column, tests);
        } else if (auto count = cached ? readCached(db, field, tests, throughEvent) : std::nullopt) {
            census.fields[field] = std::move(*count);
        } else {
            toScan[field] = tests;
        }
    }
    if (toScan.empty())
        return census;
    std::map<std::string, FieldCount> scanned = scanDocuments(db, toScan, census.events, cancelled, progress);
    try {
        writeCache(db, scanned, throughEvent);
    } catch (const store::StoreError&) {
        // A read-only case keeps no cache; the counts are still returned.
    }
    for (auto& [field, count] : scanned)
        census.fields[field] = std::move(count);
    return census;
}

} // namespace spoor::analysis
