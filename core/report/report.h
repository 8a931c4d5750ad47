#pragma once

#include "ecs/timestamp.h"
#include "rules/rule.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spoor::report {

// One imported input file of the case.
struct SourceInfo
{
    std::int64_t id = 0;
    std::string path;
    std::string sha256;
    std::int64_t sizeBytes = 0;
    std::string format;
    std::string compression;
    std::string status;
    std::string importedAt;
    std::int64_t events = 0;
    std::int64_t rejected = 0;
    std::int64_t duplicates = 0;
};

// One run of one rule over the case.
struct RunInfo
{
    std::int64_t id = 0;
    std::string ruleName;
    std::string ruleId;
    std::string updatedDate;
    std::string startedAt;
    std::string status;
    std::string timestampField;
    std::int64_t eventsScanned = 0;
    std::int64_t timestampFallbacks = 0;
    std::int64_t findings = 0;
    std::string message;
};

struct CaseInfo
{
    std::string path;
    std::string generatedAt; // ISO-8601 UTC
    std::int64_t events = 0; // rows of the events table
    std::vector<SourceInfo> sources;
    std::vector<RunInfo> runs;
};

// Rule metadata of a finding: the rules table's columns, completed from its stored TOML.
struct RuleInfo
{
    std::string ruleId;
    std::string name;
    std::string updatedDate;
    std::string severity;
    std::optional<std::int64_t> riskScore;
    std::string language;
    std::string origin;
    std::string queryHash;
    std::string description; // the fields below are empty when the TOML did not parse
    std::string query;
    std::string note;
    std::vector<std::string> references;
    std::vector<rules::Threat> threats;
    std::string tomlError; // the parse error of the stored TOML, empty when it parsed
};

// One position of a matched sequence. Fields are empty (or nullopt) when the event lacks them.
struct Step
{
    int index = 0;                     // 0-based position in the sequence
    std::optional<std::int64_t> event; // events.id; nullopt for a missing-event position
    std::optional<ecs::TimestampNs> timestampNs;
    std::string timestamp; // @timestamp in UTC, with as many fraction digits as the document has
    std::optional<ecs::TimestampNs> ingestedNs;
    std::string ingested; // event.ingested, formatted the same way
    std::string hostId;
    std::string hostName;
    std::string userId;
    std::string userName;
    std::optional<std::int64_t> pid;
    std::string processName;
    std::string commandLine;
    std::optional<std::int64_t> exitCode;
    std::string action;  // event.action
    std::string eventId; // event.id
    std::string sourcePath;
    std::optional<std::int64_t> line;       // 1-based line in the decompressed source
    std::optional<std::int64_t> byteOffset; // of the document in the decompressed source
    std::string document;                   // the original JSON text, as imported
};

struct Finding
{
    std::int64_t id = 0;
    std::int64_t run = 0;
    RuleInfo rule;
    std::string verdict; // empty, "benign" or "malicious"
    std::string verdictReason;
    std::optional<ecs::TimestampNs> firstNs; // in the run's timestamp field
    std::optional<ecs::TimestampNs> lastNs;
    std::string first;
    std::string last;
    std::string hostId;
    std::string hostName;
    std::string userId;
    std::string userName;
    std::string joinKeys; // JSON array text, in the order of the query's by clauses
    std::vector<Step> steps;
};

// An event the analyst bookmarked, with the note written in the workbench.
struct Bookmark
{
    std::int64_t id = 0;
    std::string createdAt; // ISO-8601 UTC
    std::string note;      // empty when the bookmark has none
    Step event;            // the bookmarked event's fields, read as for a finding step (index 0)
};

// Everything a report shows, read from one case file. Findings are ordered by rule (name, rule_id,
// updated_date), then by first time, then by id. Bookmarks are ordered by their event's @timestamp, then by id.
struct Report
{
    CaseInfo caseInfo;
    std::vector<Finding> findings;
    std::vector<Bookmark> bookmarks;
};

} // namespace spoor::report
