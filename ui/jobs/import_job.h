#pragma once

#include "ingest/importer.h"
#include "scan/rule_runner.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace spoor::ui {

class JobContext;

// The work of an import job: import dumps into a case (created when missing), rebuild its process table
// and run the built-in rules that the rules panel has not disabled in the case, whose new findings then get
// the verdicts of the case's exclusions. With no dumps it only runs the rules over an existing case.
struct ImportRequest
{
    QString casePath;
    QStringList dumps;
    bool runBuiltinRules = true;
    // The zone of Kibana CSV dates without a UTC offset (see ingest::TimeZone::load); empty reads them as UTC.
    QString timeZone;
};

struct ImportOutcome
{
    QString casePath;
    bool imported = false; // importPaths ran
    ingest::ImportSummary summary;
    std::vector<scan::RuleRunSummary> ruleRuns;
    std::vector<std::int64_t> excluded; // per rule run: findings marked benign by the case's exclusions
    int disabledRules = 0;              // built-in rules skipped because the rules panel disabled them
    bool cancelled = false;
};

// Runs an import request on the calling thread with its own connection to the case. Throws
// store::StoreError (or another std::exception) when the case or a rule cannot be processed.
ImportOutcome runImport(const ImportRequest& request, JobContext& context);

} // namespace spoor::ui
