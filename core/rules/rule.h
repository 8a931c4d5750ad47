#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spoor::rules {

// One MITRE ATT&CK technique or sub-technique of a rule's threat mapping.
struct Technique
{
    std::string id; // "T1021" or "T1021.004"
    std::string name;
    std::string reference; // URL
};

struct Tactic
{
    std::string id; // "TA0008"
    std::string name;
    std::string reference;
};

// One [[rule.threat]] entry.
struct Threat
{
    std::string framework; // "MITRE ATT&CK"
    Tactic tactic;
    std::vector<Technique> techniques; // sub-techniques follow their technique
};

// A detection rule in the TOML format of Elastic's detection-rules repository.
struct Rule
{
    // [rule]
    std::string ruleId; // rule_id, a UUID
    std::string name;
    std::string description;
    std::string severity; // "low", "medium", "high", "critical"
    int riskScore = 0;
    std::string type;     // "eql", "query", "threshold", "machine_learning", "esql", ...
    std::string language; // "eql", "kuery", "lucene", "esql"; empty for machine_learning
    std::string query;
    std::string timestampOverride; // empty when the rule does not set one
    std::string note;              // investigation guide, Markdown
    std::vector<std::string> index;
    std::vector<std::string> references;
    std::vector<std::string> tags;
    std::vector<std::string> authors;
    std::string license; // e.g. "Elastic License v2"
    std::string from;    // look-back window of a scheduled run, e.g. "now-9m"
    std::vector<Threat> threats;

    // [metadata]
    std::string creationDate; // "2024/04/01", as written
    std::string updatedDate;
    std::string maturity;

    // Provenance
    std::string origin;   // file path, or "builtin:NAME" for a rule of the built-in pack
    std::string tomlText; // the file's text as read
    int queryLine = 0;    // 1-based line in the TOML file where the query text starts

    bool isEql() const { return language == "eql"; }
};

} // namespace spoor::rules
