#pragma once

#include "analysis/rule_needs.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::analysis {

// A test of a field's values: equality with a constant or a match against a pattern, as a rule writes it.
struct ValueTest
{
    std::string op;   // the EQL operator, see FieldUse::op
    std::string text; // the constant or pattern
    bool caseInsensitive = false;
    std::optional<eql::StringMatcher> matcher; // for ":", like and regex; equality compares the text

    // Returns "op text", the key the census uses for this test.
    std::string key() const { return op + ' ' + text; }
    bool matches(std::string_view value) const;
};

// The fields, and the values of them, to count in a case.
struct CensusRequest
{
    std::map<std::string, std::vector<ValueTest>> fields; // field path -> the value tests on it

    void addField(const std::string& field) { fields[field]; }
    void addUses(const std::vector<FieldUse>& uses);
};

// What the events of a case hold for one field.
struct FieldCount
{
    std::int64_t events = 0;                   // events where the field is present and not null
    bool hotColumn = false;                    // counted on a column of the events table rather than in the documents
    std::map<std::string, std::int64_t> tests; // ValueTest::key() -> events with a value that passes it
    std::vector<std::pair<std::string, std::int64_t>> topValues; // the most frequent values, at most 5
};

struct Census
{
    std::int64_t events = 0; // events in the case
    std::map<std::string, FieldCount> fields;

    const FieldCount* find(const std::string& field) const;
};

// Counts, for each requested field, the events that have it and the events whose value passes each test.
// Fields with a hot column are counted by SQL. The others are counted by parsing every document once
// (only the requested fields are kept), and those counts are cached in the case's field_census table,
// keyed by the highest events.id, so a later request on an unchanged case reads them back. A read-only
// case is scanned every time. `cancelled` is polled between documents: a cancelled census throws
// CensusCancelled. `progress` receives the fraction of documents scanned.
Census takeCensus(store::Database& db, const CensusRequest& request, const std::atomic<bool>* cancelled = nullptr,
                  const std::function<void(double)>& progress = {});

struct CensusCancelled : std::exception
{
    const char* what() const noexcept override { return "the field census was cancelled"; }
};

} // namespace spoor::analysis
