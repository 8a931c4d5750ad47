#include "jobs/export_job.h"

#include "jobs/job_context.h"
#include "report/html_writer.h"
#include "report/json_writer.h"
#include "report/report_loader.h"
#include "store/case_file.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <sstream>
#include <stdexcept>

namespace spoor::ui {

ReportFormat reportFormatForPath(const QString& path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? ReportFormat::Json : ReportFormat::Html;
}

void writeReportFile(const QString& casePath, const QString& reportPath, ReportFormat format, JobContext& context)
{
    context.reportProgress(QCoreApplication::translate("spoor::ui::ExportJob", "Reading the findings"), -1);
    auto caseFile = store::CaseFile::open(casePath.toStdString(), store::CaseFile::Access::ReadOnly);
    const report::Report report = report::loadReport(caseFile);

    // TODO: stream into the file; the report is built in memory first, which grows with the findings.
    std::ostringstream text;
    if (format == ReportFormat::Json)
        report::writeJson(report, text);
    else
        report::writeHtml(report, text);

    // QSaveFile replaces the target only once everything is written, so a failed export leaves no
    // truncated report behind.
    QSaveFile file(reportPath);
    const std::string bytes = text.str();
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit()) {
        throw std::runtime_error("cannot write the report to " + reportPath.toStdString() + ": " +
                                 file.errorString().toStdString() + "; choose a writable location");
    }
}

} // namespace spoor::ui
