#pragma once

#include "jobs/job_context.h"
#include "jobs/worker_pool.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

namespace spoor::ui {

// Runs one background job at a time on the global thread pool. Starting a job cancels the previous
// one and drops its result, so a callback only ever receives the result of the latest request. Results
// are delivered on the runner's thread through a QFutureWatcher it owns, so nothing is delivered
// after the runner is destroyed. The GUI thread never waits for a worker.
class JobRunner : public QObject
{
    Q_OBJECT

public:
    using JobId = quint64;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    // Starts `work` on a worker thread. `done` runs on this object's thread with the result unless a
    // newer job was started in the meantime. An exception thrown by `work` is reported through failed().
    template <typename Result>
    JobId start(const QString& title, std::function<Result(JobContext&)> work, std::function<void(Result)> done);

    // Sets the cancel flag of the running job. The job still finishes (and delivers what it has).
    void cancel();

    bool isRunning() const { return running_; }
    JobId currentJob() const { return currentId_; }
    QString title() const { return title_; }

signals:
    void started(spoor::ui::JobRunner::JobId id, const QString& title);
    // permille is 0 to 1000, or -1 when the amount of work is unknown.
    void progressChanged(spoor::ui::JobRunner::JobId id, const QString& text, int permille);
    void failed(spoor::ui::JobRunner::JobId id, const QString& title, const QString& message);
    void finished(spoor::ui::JobRunner::JobId id);

private:
    JobId begin(const QString& title, std::shared_ptr<JobContext> context);
    void watch(JobId id, QFuture<void> future, std::function<void()> deliver);
    void pollProgress();

    JobId currentId_ = 0;
    bool running_ = false;
    QString title_;
    std::shared_ptr<JobContext> context_;
    QTimer progressTimer_;
};

template <typename Result>
JobRunner::JobId JobRunner::start(const QString& title, std::function<Result(JobContext&)> work,
                                  std::function<void(Result)> done)
{
    struct Outcome
    {
        std::optional<Result> result;
        QString error;
    };
    auto context = std::make_shared<JobContext>();
    auto outcome = std::make_shared<Outcome>();
    const JobId id = begin(title, context);

    QFuture<void> future = QtConcurrent::run(workerPool(), [work = std::move(work), context, outcome] {
        try {
            outcome->result.emplace(work(*context));
        } catch (const std::exception& error) {
            outcome->error = QString::fromUtf8(error.what());
        }
    });
    watch(id, future, [this, id, title, outcome, done = std::move(done)] {
        if (outcome->result)
            done(std::move(*outcome->result));
        else
            emit failed(id, title, outcome->error);
    });
    return id;
}

} // namespace spoor::ui
