#include "jobs/rule_run_job.h"

#include "analysis/verdicts.h"
#include "jobs/job_context.h"
#include "logging.h"
#include "store/case_file.h"

#include <QCoreApplication>
#include <QLocale>

namespace spoor::ui {

namespace {

void reportRun(JobContext& context, const scan::RunProgress& progress)
{
    const double fraction = progress.fraction();
    context.reportProgress(QCoreApplication::translate("spoor::ui::RuleRunJob", "Rule %1 of %2, “%3”: %4 of %5 events")
                               .arg(progress.ruleIndex + 1)
                               .arg(progress.ruleCount)
                               .arg(QString::fromStdString(progress.ruleName))
                               .arg(QLocale().toString(static_cast<qulonglong>(progress.eventsScanned)))
                               .arg(QLocale().toString(static_cast<qulonglong>(progress.eventsTotal))),
                           fraction);
}

} // namespace

ImportOutcome runRulesOnCase(const QString& casePath, const std::vector<rules::Rule>& rules, JobContext& context)
{
    ImportOutcome outcome;
    outcome.casePath = casePath;
    auto caseFile = store::CaseFile::open(casePath.toStdString(), store::CaseFile::Access::ReadWrite);
    scan::RunOptions options;
    options.cancel = &context.cancelFlag();
    options.progress = [&context](const scan::RunProgress& progress) { reportRun(context, progress); };
    outcome.ruleRuns = scan::runRules(caseFile, rules, options);
    outcome.cancelled = context.isCancelled();
    for (const scan::RuleRunSummary& run : outcome.ruleRuns) {
        const bool complete = run.status == "complete";
        outcome.excluded.push_back(complete ? analysis::applyExclusions(caseFile, run.runId) : 0);
        qCInfo(lcJobs) << "rule" << run.name.c_str() << run.status.c_str() << "with" << run.findingIds.size()
                       << "findings in" << casePath;
    }
    return outcome;
}

} // namespace spoor::ui
