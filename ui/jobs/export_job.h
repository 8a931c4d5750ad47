#pragma once

#include <QString>

namespace spoor::ui {

class JobContext;

enum class ReportFormat { Html, Json };

// Returns the format for a file name: JSON for a ".json" suffix, HTML otherwise.
ReportFormat reportFormatForPath(const QString& path);

// Writes the report of a case to a file on the calling thread, with its own connection to the case.
// Throws std::runtime_error naming the file when it cannot be written, store::StoreError when the case
// cannot be read.
void writeReportFile(const QString& casePath, const QString& reportPath, ReportFormat format, JobContext& context);

} // namespace spoor::ui
