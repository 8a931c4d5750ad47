#include "widgets/job_status_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace spoor::ui {

JobStatusWidget::JobStatusWidget(JobRunner* runner, QWidget* parent)
    : QWidget(parent), text_(new QLabel(this)), progress_(new QProgressBar(this)), cancel_(new QPushButton(this))
{
    text_->setTextFormat(Qt::PlainText); // job titles and progress texts name the user's files
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumWidth(240);
    cancel_->setText(tr("Cancel"));
    cancel_->setObjectName(QStringLiteral("cancelJob"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(text_);
    layout->addWidget(progress_);
    layout->addWidget(cancel_);
    hide();

    connect(cancel_, &QPushButton::clicked, runner, [this, runner] {
        cancel_->setEnabled(false);
        text_->setText(tr("Cancelling…"));
        runner->cancel();
    });
    connect(runner, &JobRunner::started, this, [this](JobRunner::JobId, const QString& title) {
        text_->setText(title);
        progress_->setRange(0, 0);
        cancel_->setEnabled(true);
        show();
    });
    connect(runner, &JobRunner::progressChanged, this,
            [this, runner](JobRunner::JobId, const QString& text, int permille) {
                if (!cancel_->isEnabled())
                    return;
                text_->setText(text.isEmpty() ? runner->title() : text);
                if (permille < 0) {
                    progress_->setRange(0, 0);
                } else {
                    progress_->setRange(0, 1000);
                    progress_->setValue(permille);
                }
            });
    connect(runner, &JobRunner::finished, this, [this, runner] {
        if (!runner->isRunning())
            hide();
    });
}

QString JobStatusWidget::statusText() const
{
    return text_->text();
}

} // namespace spoor::ui
