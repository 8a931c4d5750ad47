#include "jobs/job_context.h"

#include <QMutexLocker>

namespace spoor::ui {

void JobContext::reportProgress(const QString& text, double fraction)
{
    QMutexLocker lock(&mutex_);
    progress_.text = text;
    progress_.fraction = fraction;
}

JobContext::Progress JobContext::progress() const
{
    QMutexLocker lock(&mutex_);
    return progress_;
}

} // namespace spoor::ui
