#include "widgets/data_readiness_view.h"

#include "jobs/worker_pool.h"
#include "logging.h"
#include "plain_tool_tip.h"
#include "store/case_file.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMutex>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace spoor::ui {

namespace {

using analysis::ReadinessNote;
using analysis::RuleReadiness;

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

QColor verdictColor(RuleReadiness::Verdict verdict)
{
    switch (verdict) {
    case RuleReadiness::Verdict::Ready:
        return QColor(0x2e, 0x8b, 0x3e);
    case RuleReadiness::Verdict::Partly:
        return QColor(0xc0, 0x70, 0x00);
    case RuleReadiness::Verdict::CannotMatch:
    case RuleReadiness::Verdict::Unsupported:
        return QColor(0xc8, 0x20, 0x20);
    }
    return {};
}

QString severityText(ReadinessNote::Severity severity)
{
    switch (severity) {
    case ReadinessNote::Severity::Information:
        return DataReadinessView::tr("note");
    case ReadinessNote::Severity::Warning:
        return DataReadinessView::tr("warning");
    case ReadinessNote::Severity::Blocking:
        return DataReadinessView::tr("blocks");
    }
    return {};
}

QString useText(const analysis::FieldUse& use)
{
    using Kind = analysis::FieldUse::Kind;
    switch (use.kind) {
    case Kind::Tests:
        return DataReadinessView::tr("present");
    case Kind::IsNull:
        return DataReadinessView::tr("== null");
    case Kind::Equals:
    case Kind::Matches:
    case Kind::Excludes:
        break;
    }
    QStringList values;
    for (const std::string& value : use.values)
        values.append(QLatin1Char('"') + text(value) + QLatin1Char('"'));
    return text(use.op) + QLatin1Char(' ') + values.join(QLatin1String(", "));
}

QString number(std::int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

} // namespace

// A check on a worker thread; the GUI thread cancels it through the flag.
struct DataReadinessView::Check
{
    std::atomic<bool> cancelled{false};
    QMutex mutex;
    std::optional<analysis::ReadinessReport> report;
    QString error;
};

DataReadinessView::DataReadinessView(QWidget* parent)
    : QWidget(parent), summary_(new QLabel(this)), refreshButton_(new QToolButton(this)),
      cancelButton_(new QToolButton(this)), tree_(new QTreeWidget(this))
{
    summary_->setTextFormat(Qt::PlainText); // source formats and error messages come from the case
    summary_->setWordWrap(true);
    refreshButton_->setText(tr("Check again"));
    refreshButton_->setToolTip(tr("Count the fields the rules need in the case again"));
    connect(refreshButton_, &QToolButton::clicked, this, &DataReadinessView::refresh);
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->setVisible(false);
    connect(cancelButton_, &QToolButton::clicked, this, &DataReadinessView::cancel);
    connect(&watcher_, &QFutureWatcher<void>::finished, this, &DataReadinessView::checkFinished);

    tree_->setColumnCount(ColumnCount);
    tree_->setHeaderLabels({tr("Rule, step or field"), tr("Verdict"), tr("Events"), tr("Detail")});
    tree_->setUniformRowHeights(true);
    tree_->setWordWrap(false);
    tree_->header()->resizeSection(NameColumn, 260);
    tree_->header()->resizeSection(VerdictColumn, 150);
    tree_->header()->resizeSection(EventsColumn, 80);

    auto* header = new QHBoxLayout;
    header->addWidget(summary_, 1);
    header->addWidget(refreshButton_);
    header->addWidget(cancelButton_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    layout->addWidget(tree_, 1);
    summary_->setText(tr("Open a case to check whether its data can match the rules."));
}

DataReadinessView::~DataReadinessView()
{
    cancel();
    watcher_.waitForFinished();
}

void DataReadinessView::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    cancel();
    case_ = std::move(caseFile);
    tree_->clear();
    report_.reset();
    if (case_)
        refresh();
    else
        summary_->setText(tr("Open a case to check whether its data can match the rules."));
}

bool DataReadinessView::isRunning() const
{
    return check_ != nullptr;
}

void DataReadinessView::cancel()
{
    if (check_)
        check_->cancelled = true;
}

void DataReadinessView::refresh()
{
    if (!case_ || isRunning())
        return;
    auto check = std::make_shared<Check>();
    check_ = check;
    cancelButton_->setVisible(true);
    refreshButton_->setEnabled(false);
    summary_->setText(tr("Counting the fields the rules need…"));
    const std::string path = case_->path();
    watcher_.setFuture(QtConcurrent::run(workerPool(), [check, path] {
        try {
            // Read-write, so that the document scan's counts are cached in the case for the next check.
            auto caseFile = store::CaseFile::open(path, store::CaseFile::Access::ReadWrite);
            auto report =
                analysis::assessReadiness(caseFile.db(), analysis::readinessRules(caseFile.db()), &check->cancelled);
            const QMutexLocker locker(&check->mutex);
            check->report = std::move(report);
        } catch (const std::exception& error) {
            const QMutexLocker locker(&check->mutex);
            check->error = QString::fromUtf8(error.what());
        }
    }));
}

void DataReadinessView::checkFinished()
{
    const std::shared_ptr<Check> check = std::move(check_);
    cancelButton_->setVisible(false);
    refreshButton_->setEnabled(true);
    if (!check)
        return;
    const QMutexLocker locker(&check->mutex);
    if (check->cancelled) {
        summary_->setText(tr("The readiness check was cancelled."));
    } else if (!check->report) {
        qCWarning(lcMainWindow) << "data readiness check failed:" << check->error;
        summary_->setText(tr("The readiness check failed: %1").arg(check->error));
    } else {
        report_ = std::move(check->report);
        showReport(*report_);
    }
    emit finished();
}

void DataReadinessView::showReport(const analysis::ReadinessReport& report)
{
    tree_->clear();
    QStringList formats;
    for (const std::string& format : report.sourceFormats)
        formats.append(text(format));
    summary_->setText(tr("%1 events from %2 sources; %3 of %4 process generations without process.entity_id. "
                         "“Cannot match on this data” means no finding is possible, whatever the host did.")
                          .arg(number(report.census.events), formats.join(QLatin1String(", ")),
                               number(report.entityKeys.inferred), number(report.entityKeys.generations)));
    for (const RuleReadiness& rule : report.rules)
        addRule(rule, report.census);
    tree_->expandToDepth(0);
}

void DataReadinessView::addRule(const RuleReadiness& rule, const analysis::Census& census)
{
    auto* item = new QTreeWidgetItem(tree_);
    item->setText(NameColumn, text(rule.name));
    item->setToolTip(NameColumn, plainToolTip(tr("%1, updated %2").arg(text(rule.ruleId), text(rule.updatedDate))));
    item->setText(VerdictColumn, text(analysis::verdictText(rule.verdict)));
    item->setForeground(VerdictColumn, verdictColor(rule.verdict));
    QFont bold = item->font(VerdictColumn);
    bold.setBold(true);
    item->setFont(VerdictColumn, bold);
    item->setText(DetailColumn, tr("time field: %1").arg(text(rule.needs.timestampField)));
    for (const ReadinessNote& note : rule.notes) {
        auto* child = new QTreeWidgetItem(item);
        child->setText(NameColumn, note.step > 0 ? tr("step %1: %2").arg(note.step).arg(text(note.field))
                                                 : text(note.field.empty() ? "rule" : note.field));
        child->setText(VerdictColumn, severityText(note.severity));
        if (note.severity != ReadinessNote::Severity::Information)
            child->setForeground(VerdictColumn, note.severity == ReadinessNote::Severity::Blocking
                                                    ? QColor(0xc8, 0x20, 0x20)
                                                    : QColor(0xc0, 0x70, 0x00));
        child->setText(DetailColumn, text(note.message));
        child->setToolTip(DetailColumn, plainToolTip(text(note.message)));
    }
    addSteps(item, rule.needs, census);
}

void DataReadinessView::addSteps(QTreeWidgetItem* parent, const analysis::RuleNeeds& needs,
                                 const analysis::Census& census)
{
    for (const analysis::StepNeeds& step : needs.steps) {
        auto* stepItem = new QTreeWidgetItem(parent);
        QString name = step.until ? tr("until") : tr("step %1").arg(step.number);
        if (!step.category.empty())
            name += QLatin1String(": ") + text(step.category);
        if (step.missingEvent)
            name += tr(" (missing event)");
        stepItem->setText(NameColumn, name);
        for (const std::string& key : step.keyFields) {
            auto* keyItem = new QTreeWidgetItem(stepItem);
            keyItem->setText(NameColumn, text(key));
            keyItem->setText(DetailColumn, tr("join key"));
            if (const analysis::FieldCount* count = census.find(key))
                keyItem->setText(EventsColumn, number(count->events));
        }
        for (const analysis::FieldUse& use : step.uses) {
            auto* useItem = new QTreeWidgetItem(stepItem);
            useItem->setText(NameColumn, text(use.field));
            const analysis::FieldCount* count = census.find(use.field);
            if (count)
                useItem->setText(EventsColumn, number(count->events));
            QString detail = useText(use);
            const bool counted =
                use.kind == analysis::FieldUse::Kind::Equals || use.kind == analysis::FieldUse::Kind::Matches;
            if (count && counted) {
                // The constants with the number of events holding each: `== "exec": 874, "end": 1,062`.
                QStringList passing;
                for (const std::string& value : use.values) {
                    const auto found = count->tests.find(use.op + ' ' + value);
                    const QString events = found != count->tests.end() ? number(found->second) : tr("not counted");
                    passing.append(QStringLiteral("\"%1\": %2").arg(text(value), events));
                }
                detail = text(use.op) + QLatin1Char(' ') + passing.join(QLatin1String(", "));
            }
            if (!use.required)
                detail += tr(" (optional part of the condition)");
            useItem->setText(DetailColumn, detail);
            useItem->setToolTip(DetailColumn, plainToolTip(detail));
        }
    }
}

} // namespace spoor::ui
