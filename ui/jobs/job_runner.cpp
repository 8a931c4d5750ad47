#include "jobs/job_runner.h"

#include "logging.h"

namespace spoor::ui {

namespace {

constexpr int progressPollMs = 100;

} // namespace

JobRunner::JobRunner(QObject* parent) : QObject(parent)
{
    progressTimer_.setInterval(progressPollMs);
    connect(&progressTimer_, &QTimer::timeout, this, &JobRunner::pollProgress);
}

JobRunner::~JobRunner()
{
    cancel();
}

void JobRunner::cancel()
{
    if (context_ && running_) {
        qCInfo(lcJobs) << "cancelling job" << currentId_ << title_;
        context_->cancel();
    }
}

JobRunner::JobId JobRunner::begin(const QString& title, std::shared_ptr<JobContext> context)
{
    if (running_) {
        qCInfo(lcJobs) << "job" << currentId_ << title_ << "superseded; its result will be dropped";
        context_->cancel();
    }
    ++currentId_;
    running_ = true;
    title_ = title;
    context_ = std::move(context);
    progressTimer_.start();
    qCInfo(lcJobs) << "job" << currentId_ << "started:" << title;
    emit started(currentId_, title);
    return currentId_;
}

void JobRunner::watch(JobId id, QFuture<void> future, std::function<void()> deliver)
{
    auto* watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, deliver = std::move(deliver)] {
        watcher->deleteLater();
        if (id != currentId_) {
            qCInfo(lcJobs) << "dropping the result of superseded job" << id;
            return;
        }
        running_ = false;
        progressTimer_.stop();
        qCInfo(lcJobs) << "job" << id << "finished:" << title_;
        deliver();
        emit finished(id);
    });
    watcher->setFuture(future);
}

void JobRunner::pollProgress()
{
    if (!context_)
        return;
    const JobContext::Progress progress = context_->progress();
    const int permille = progress.fraction < 0 ? -1 : static_cast<int>(qBound(0.0, progress.fraction, 1.0) * 1000);
    emit progressChanged(currentId_, progress.text, permille);
}

} // namespace spoor::ui
