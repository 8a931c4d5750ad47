#include "jobs/import_job.h"

#include "analysis/process_table.h"
#include "analysis/verdicts.h"
#include "jobs/job_context.h"
#include "logging.h"
#include "rules/builtin_rules.h"
#include "rules_panel/rule_settings.h"
#include "store/case_file.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <stdexcept>

namespace spoor::ui {

namespace {

// Share of the progress bar for the import; the rule run fills the rest.
constexpr double importShare = 0.8;

QString tr(const char* text)
{
    return QCoreApplication::translate("spoor::ui::ImportJob", text);
}

void reportImport(JobContext& context, const ingest::ImportProgress& progress, double share)
{
    const double fileFraction = progress.bytesTotal > 0
                                    ? static_cast<double>(progress.bytesRead) / static_cast<double>(progress.bytesTotal)
                                    : 0.0;
    const double fraction = progress.fileCount > 0 ? (static_cast<double>(progress.fileIndex) + fileFraction) /
                                                         static_cast<double>(progress.fileCount)
                                                   : 0.0;
    const QString name = QFileInfo(QString::fromStdString(progress.path)).fileName();
    context.reportProgress(tr("Importing %1 (file %2 of %3): %4 events")
                               .arg(name)
                               .arg(progress.fileIndex + 1)
                               .arg(progress.fileCount)
                               .arg(QLocale().toString(static_cast<qulonglong>(progress.eventsImported))),
                           fraction * share);
}

void reportRun(JobContext& context, const scan::RunProgress& progress, double start)
{
    const double fraction = progress.fraction();
    context.reportProgress(tr("Running rule “%1”: %2 of %3 events")
                               .arg(QString::fromStdString(progress.ruleName))
                               .arg(QLocale().toString(static_cast<qulonglong>(progress.eventsScanned)))
                               .arg(QLocale().toString(static_cast<qulonglong>(progress.eventsTotal))),
                           start + fraction * (1.0 - start));
}

} // namespace

ImportOutcome runImport(const ImportRequest& request, JobContext& context)
{
    ImportOutcome outcome;
    outcome.casePath = request.casePath;
    auto caseFile = store::CaseFile::open(request.casePath.toStdString(), store::CaseFile::Access::ReadWrite);
    const double share = request.dumps.isEmpty() ? 0.0 : importShare;

    if (!request.dumps.isEmpty()) {
        std::vector<std::string> paths;
        for (const QString& dump : request.dumps)
            paths.push_back(dump.toStdString());
        ingest::ImportOptions options;
        options.cancel = &context.cancelFlag();
        options.timeZone = request.timeZone.toStdString();
        options.progress = [&context, share](const ingest::ImportProgress& progress) {
            reportImport(context, progress, share);
        };
        outcome.summary = ingest::importPaths(caseFile, paths, options);
        outcome.imported = true;
        qCInfo(lcJobs) << "imported" << outcome.summary.events() << "events," << outcome.summary.rejected()
                       << "rejected, into" << request.casePath;
        // A full disk or an I/O error: the job fails with the message, and importing the same dumps again
        // resumes them.
        if (!outcome.summary.caseError.empty())
            throw std::runtime_error(outcome.summary.caseError);
        if (outcome.summary.cancelled || context.isCancelled()) {
            outcome.cancelled = true;
            return outcome;
        }
        context.reportProgress(tr("Building the process tree"), -1);
        analysis::buildProcessTable(caseFile, &context.cancelFlag());
        if (context.isCancelled()) {
            outcome.cancelled = true;
            return outcome;
        }
    }

    if (request.runBuiltinRules) {
        scan::RunOptions options;
        options.cancel = &context.cancelFlag();
        options.progress = [&context, share](const scan::RunProgress& progress) {
            reportRun(context, progress, share);
        };
        const std::vector<rules::Rule> enabled = enabledBuiltinRules(caseFile.db());
        outcome.disabledRules = static_cast<int>(rules::builtinRules().size() - enabled.size());
        outcome.ruleRuns = scan::runRules(caseFile, enabled, options);
        outcome.cancelled = context.isCancelled();
        for (const scan::RuleRunSummary& run : outcome.ruleRuns) {
            const bool complete = run.status == "complete";
            outcome.excluded.push_back(complete ? analysis::applyExclusions(caseFile, run.runId) : 0);
        }
    }
    return outcome;
}

} // namespace spoor::ui
