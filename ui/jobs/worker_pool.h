#pragma once

#include <QThread>
#include <QThreadPool>
#include <algorithm>

namespace spoor::ui {

// Returns the thread pool that runs Spoor's background work (imports, rule runs, timeline and readiness
// loads). It is not QThreadPool::globalInstance() because Qt's raster paint engine hands parts of large fills to
// the global pool and waits for them, so a long job there stalled every repaint until the job ended.
inline QThreadPool* workerPool()
{
    // Never deleted: jobs still running when the application exits must not be waited for.
    static QThreadPool* const pool = [] {
        auto* created = new QThreadPool;
        created->setObjectName(QStringLiteral("spoor-workers"));
        created->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        return created;
    }();
    return pool;
}

} // namespace spoor::ui
