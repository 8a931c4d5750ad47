#pragma once

#include "jobs/import_job.h"
#include "rules/rule.h"

#include <QString>
#include <vector>

namespace spoor::ui {

class JobContext;

// Runs the given rules over a case on the calling thread with its own connection, then gives the new
// findings the verdicts of the case's exclusions. The outcome has no import part (imported is false), so
// the window reports it like a re-run of the built-in rules. Throws store::StoreError when the case cannot
// be opened.
ImportOutcome runRulesOnCase(const QString& casePath, const std::vector<rules::Rule>& rules, JobContext& context);

} // namespace spoor::ui
