#pragma once

#include "ecs/event.h"
#include "eql/field_mappings.h"

#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

// One event of a conformance data set, with the id the cases refer to and its time.
struct SuiteEvent
{
    std::int64_t id = 0;
    std::int64_t timeNs = 0;
    std::int64_t tiebreaker = 0;
    spoor::ecs::Event fields;
};

// The events a case file runs on, already in Elasticsearch's order (time, tiebreaker, file order) and
// normalised with their index's mapping, and the union of the index mappings.
struct DataSet
{
    std::vector<SuiteEvent> events;
    std::set<std::string, std::less<>> mappedFields;
    std::shared_ptr<const spoor::eql::FieldMappings> mappings;
};

struct SuiteCase
{
    std::string name;
    std::string query;
    std::vector<std::vector<std::int64_t>> expectedAlternatives; // any one is a pass
    std::optional<std::vector<std::string>> joinKeys;
    std::optional<std::size_t> size;
    std::size_t maxSamplesPerKey = 1;
};

// Loads the data set a case file of the Elasticsearch suite runs on: the endgame data for test_queries*
// and additional_test_queries, data/*.data for the others. Returns false with `error` set when the file is unknown or
// the data is unreadable.
bool loadDataSet(const QString& suiteDir, const QString& caseFile, DataSet& data, QString& error);

// Reads the [[queries]] of a case file. A bare `null` in join_keys, which TOML does not allow, reads as
// "null". Throws std::runtime_error on a TOML error.
std::vector<SuiteCase> loadCases(const QString& path);
