#pragma once

#include "common/shared_data.h"
#include "jobs/import_job.h"
#include "jobs/job_context.h"

#include <QDir>
#include <QFileInfo>
#include <QString>

// The XZ sample dump: the project's own resources/sample/xz-sample.ndjson.gz when present, otherwise the
// scenario of the shared corpus, otherwise an empty string.
inline QString sampleDumpPath()
{
    const QString bundled =
        QDir(QStringLiteral(SPOOR_SOURCE_DIR)).filePath(QStringLiteral("resources/sample/xz-sample.ndjson.gz"));
    if (QFileInfo::exists(bundled))
        return bundled;
    return sharedPath(QStringLiteral("corpus/scenarios/xz-basic.ndjson"));
}

// Skips the current test with a message when no sample dump exists; otherwise sets `var` to its path.
#define SPOOR_REQUIRE_SAMPLE(var)                                                                                      \
    const QString var = sampleDumpPath();                                                                              \
    if (var.isEmpty())                                                                                                 \
        QSKIP("no sample dump: neither resources/sample/xz-sample.ndjson.gz nor the shared corpus scenario exists");

// Imports a dump into a new case at casePath and runs the built-in rules, on the calling thread, through
// the same function the window's import job runs.
inline spoor::ui::ImportOutcome importSample(const QString& dump, const QString& casePath)
{
    spoor::ui::JobContext context;
    return spoor::ui::runImport({casePath, {dump}, true, {}}, context);
}
