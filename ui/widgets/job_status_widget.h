#pragma once

#include "jobs/job_runner.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace spoor::ui {

// Progress of the running background job inside the window: status text, a progress bar and a Cancel
// button. Hidden while no job runs.
class JobStatusWidget : public QWidget
{
    Q_OBJECT

public:
    explicit JobStatusWidget(JobRunner* runner, QWidget* parent = nullptr);

    QPushButton* cancelButton() const { return cancel_; }
    QString statusText() const;

private:
    QLabel* text_;
    QProgressBar* progress_;
    QPushButton* cancel_;
};

} // namespace spoor::ui
