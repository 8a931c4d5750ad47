#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// One position of a finding's sequence.
struct FindingStep
{
    int number = 0;                      // 1-based
    std::optional<std::int64_t> eventId; // events.id; nullopt for a missing-event position
    std::optional<std::int64_t> timeNs;  // @timestamp of the event
};

// Loads the steps of a finding in sequence order. Throws StoreError.
std::vector<FindingStep> loadFindingSteps(const store::Database& db, std::int64_t findingId);

// Lists the events.id of every step of the findings of the latest complete run of each rule.
std::vector<std::int64_t> loadAllFindingEvents(const store::Database& db);

// A step event of a finding and that finding's findings.verdict (nullopt when not reviewed).
struct FindingEventVerdict
{
    std::int64_t eventId = 0;
    std::optional<std::string> verdict;
};

// Lists every step event of the findings of the latest complete run of each rule, with its finding's
// verdict. An event in several findings appears once per finding.
std::vector<FindingEventVerdict> loadFindingEventVerdicts(const store::Database& db);

} // namespace spoor::ui
