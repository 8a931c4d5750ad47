#include "timeline/sshd_timeline_view.h"

#include "jobs/worker_pool.h"
#include "logging.h"
#include "store/case_file.h"
#include "timeline/events_chart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMutex>
#include <QSettings>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace spoor::ui {

namespace {

const QString timeZoneKey = QStringLiteral("timeline/timeZone");

} // namespace

// A load on a worker thread. The GUI thread cancels it by interrupting the worker's connection.
struct SshdTimelineView::Load
{
    QMutex mutex;
    std::shared_ptr<store::CaseFile> caseFile; // the worker's own connection, while it runs
    bool cancelled = false;                    // guarded by mutex, like every member
    std::optional<TimelineData> data;
    QString error;
};

SshdTimelineView::SshdTimelineView(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), backButton_(new QToolButton(this)),
      cancelButton_(new QToolButton(this)), timeZone_(new QComboBox(this)), chart_(new EventsChart(this)),
      canvas_(new TimelineCanvas(this))
{
    connect(canvas_, &TimelineCanvas::eventClicked, this, &SshdTimelineView::eventActivated);
    connect(chart_, &EventsChart::rangeSelected, canvas_, &TimelineCanvas::zoomToRange);
    connect(&watcher_, &QFutureWatcher<void>::finished, this, &SshdTimelineView::loadFinished);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(chart_);
    splitter->addWidget(canvas_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({100, 300});
    chart_->setMinimumHeight(80);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createHeader());
    layout->addWidget(splitter, 1);
    updateTitle();
}

SshdTimelineView::~SshdTimelineView()
{
    cancelLoading();
    watcher_.waitForFinished();
}

QWidget* SshdTimelineView::createHeader()
{
    auto* header = new QWidget(this);
    backButton_->setText(tr("Back"));
    backButton_->setObjectName(QStringLiteral("zoomBack"));
    backButton_->setToolTip(tr("Return to the previous zoom (Backspace)"));
    backButton_->setEnabled(false);
    connect(backButton_, &QToolButton::clicked, canvas_, &TimelineCanvas::zoomBack);
    connect(canvas_, &TimelineCanvas::zoomStackChanged, this,
            [this] { backButton_->setEnabled(!canvas_->zoomStack().empty()); });
    auto* resetZoom = new QToolButton(header);
    resetZoom->setText(tr("Reset"));
    resetZoom->setObjectName(QStringLiteral("resetZoom"));
    resetZoom->setToolTip(tr("Show every connection's whole time range (Home)"));
    connect(resetZoom, &QToolButton::clicked, canvas_, &TimelineCanvas::fitAll);
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->setToolTip(tr("Stop reading the sshd connections"));
    cancelButton_->setVisible(false);
    connect(cancelButton_, &QToolButton::clicked, this, &SshdTimelineView::cancelLoading);

    timeZone_->addItem(tr("UTC"));
    timeZone_->addItem(tr("Local time"));
    timeZone_->setToolTip(tr("Time zone of the chart's and the timeline's time axes and of the tool tips"));
    timeZone_->setCurrentIndex(QSettings().value(timeZoneKey).toString() == QLatin1String("local") ? 1 : 0);
    applyTimeZone(timeZone_->currentIndex());
    connect(timeZone_, &QComboBox::currentIndexChanged, this, [this](int index) {
        QSettings().setValue(timeZoneKey, index == 1 ? QStringLiteral("local") : QStringLiteral("utc"));
        applyTimeZone(index);
    });

    auto* legend = new QLabel(tr("<small><span style='color:#707070'>▶</span> accept "
                                 "<span style='color:#2e8b3e'>●</span> exec "
                                 "<span style='color:#1f5fbf'>▮</span> child &nbsp; "
                                 "exit: <span style='color:#208080'>■</span> 0 "
                                 "<span style='color:#c82020'>■</span> 255 "
                                 "<span style='color:#e08000'>■</span> other "
                                 "<span style='color:#a0a0a0'>□</span> unknown &nbsp; "
                                 "<span style='color:#8030a0'>◆</span> disconnect</small>"),
                              header);
    legend->setToolTip(tr("Wheel: zoom; drag: pan; Shift+drag or right drag: zoom to a range; Shift+wheel: "
                          "scroll lanes"));
    auto* layout = new QHBoxLayout(header);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(title_, 1);
    layout->addWidget(legend);
    layout->addWidget(timeZone_);
    layout->addWidget(backButton_);
    layout->addWidget(resetZoom);
    layout->addWidget(cancelButton_);
    return header;
}

void SshdTimelineView::applyTimeZone(int index)
{
    const auto zone = index == 1 ? TimelineCanvas::TimeZone::Local : TimelineCanvas::TimeZone::Utc;
    canvas_->setTimeZone(zone);
    chart_->setTimeZone(zone);
}

void SshdTimelineView::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    cancelLoading();
    case_ = std::move(caseFile);
    pendingSteps_.reset();
    canvas_->setLaneFilter({});
    showData({});
    if (!case_)
        return;
    std::int64_t processes = 0;
    try {
        processes = countSshdProcesses(case_->db(), synchronousLoadLimit + 1);
        if (processes <= synchronousLoadLimit) {
            showData(loadTimelineData(case_->db()));
            return;
        }
    } catch (const store::StoreError& error) {
        qCWarning(lcTimeline) << "cannot read the sshd connections:" << error.what();
        title_->setText(tr("Cannot read the sshd connections: %1").arg(QString::fromUtf8(error.what())));
        return;
    }
    qCInfo(lcTimeline) << "reading more than" << synchronousLoadLimit << "sshd processes on a worker thread";
    startLoading(case_->path());
}

void SshdTimelineView::startLoading(const std::string& casePath)
{
    auto load = std::make_shared<Load>();
    load_ = load;
    cancelButton_->setVisible(true);
    title_->setText(tr("Reading sshd connections…"));
    watcher_.setFuture(QtConcurrent::run(workerPool(), [load, casePath] {
        try {
            auto caseFile =
                std::make_shared<store::CaseFile>(store::CaseFile::open(casePath, store::CaseFile::Access::ReadOnly));
            {
                const QMutexLocker locker(&load->mutex);
                if (load->cancelled)
                    return;
                load->caseFile = caseFile;
            }
            TimelineData timeline = loadTimelineData(caseFile->db());
            const QMutexLocker locker(&load->mutex);
            load->caseFile.reset();
            load->data = std::move(timeline);
        } catch (const std::exception& error) {
            const QMutexLocker locker(&load->mutex);
            load->caseFile.reset();
            load->error = QString::fromUtf8(error.what());
        }
    }));
}

bool SshdTimelineView::isLoading() const
{
    return load_ != nullptr;
}

void SshdTimelineView::cancelLoading()
{
    if (!load_)
        return;
    const QMutexLocker locker(&load_->mutex);
    load_->cancelled = true;
    if (load_->caseFile)
        load_->caseFile->db().interrupt();
}

void SshdTimelineView::loadFinished()
{
    const std::shared_ptr<Load> load = std::move(load_);
    cancelButton_->setVisible(false);
    if (!load)
        return;
    const QMutexLocker locker(&load->mutex);
    if (load->cancelled) {
        qCInfo(lcTimeline) << "reading the sshd connections was cancelled";
        title_->setText(tr("Reading the sshd connections was cancelled."));
        return;
    }
    if (!load->data) {
        qCWarning(lcTimeline) << "cannot read the sshd connections:" << load->error;
        title_->setText(tr("Cannot read the sshd connections: %1").arg(load->error));
        return;
    }
    showData(std::move(*load->data));
}

void SshdTimelineView::showData(TimelineData timeline)
{
    chart_->setData(timeline.eventsPerMinute, timeline.findingTimes);
    canvas_->setData(std::move(timeline.hosts), std::move(timeline.lanes));
    updateTitle();
    if (pendingSteps_) {
        auto [steps, state] = std::move(*pendingSteps_);
        pendingSteps_.reset();
        markSteps(steps, state);
    }
    emit loaded();
}

void SshdTimelineView::updateTitle()
{
    const auto& lanes = canvas_->lanes();
    const auto connections = std::count_if(lanes.begin(), lanes.end(), [](const TimelineLane& lane) {
        return lane.role == TimelineLane::Role::Connection;
    });
    const QString total = QLocale().toString(qlonglong(connections));
    const QString hosts = QLocale().toString(qlonglong(canvas_->hosts().size()));
    if (!canvas_->isFiltered()) {
        title_->setText(tr("sshd connections: %1 on %2 hosts").arg(total, hosts));
        return;
    }
    qlonglong shown = 0;
    for (const TimelineRow& row : canvas_->rows())
        shown += row.kind == TimelineRow::Kind::Lane ? 1 : 0;
    title_->setText(tr("sshd lanes with filtered events: %1 (of %2 connections on %3 hosts)")
                        .arg(QLocale().toString(shown), total, hosts));
}

void SshdTimelineView::showHost(const std::optional<std::string>& hostId, const QString&)
{
    const auto& lanes = canvas_->lanes();
    for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
        if (canvas_->hosts()[static_cast<std::size_t>(lanes[lane].host)].hostId == hostId &&
            canvas_->rowOfLane(static_cast<int>(lane)) >= 0) {
            canvas_->ensureLaneVisible(static_cast<int>(lane));
            return;
        }
    }
}

void SshdTimelineView::setEventFilter(std::shared_ptr<const std::vector<std::int64_t>> events)
{
    if (!events) {
        setLanePredicate({});
        return;
    }
    setLanePredicate([events](const TimelineLane& lane) {
        return std::any_of(lane.marks.begin(), lane.marks.end(), [&events](const TimelineMark& mark) {
            return std::binary_search(events->begin(), events->end(), mark.eventId);
        });
    });
}

void SshdTimelineView::setLanePredicate(LanePredicate visible)
{
    canvas_->setLaneFilter(std::move(visible));
    updateTitle();
}

void SshdTimelineView::markSteps(const std::vector<FindingStep>& steps, ReviewState state)
{
    if (isLoading()) {
        pendingSteps_.emplace(steps, state);
        return;
    }
    // One pass over every mark of every lane finds all the steps; a case has hundreds of thousands of marks.
    std::vector<std::optional<TimelineStepMark>> found(steps.size());
    const std::vector<TimelineLane>& lanes = canvas_->lanes();
    for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
        for (const TimelineMark& mark : lanes[lane].marks) {
            for (std::size_t index = 0; index < steps.size(); ++index) {
                const FindingStep& step = steps[index];
                if (!found[index] && step.eventId == mark.eventId && canvas_->rowOfLane(static_cast<int>(lane)) >= 0)
                    found[index] = TimelineStepMark{step.number, mark.eventId, static_cast<int>(lane), mark.timeNs};
            }
        }
    }
    std::vector<TimelineStepMark> marks;
    for (const auto& mark : found) {
        if (mark)
            marks.push_back(*mark);
    }
    if (marks.size() < steps.size())
        qCInfo(lcTimeline) << steps.size() - marks.size() << "finding steps are on no shown sshd lane";
    if (marks.empty()) {
        canvas_->setStepMarks({}, reviewColor(state));
        return;
    }
    const auto [first, last] = std::minmax_element(marks.begin(), marks.end(),
                                                   [](const auto& a, const auto& b) { return a.timeNs < b.timeNs; });
    const std::int64_t firstNs = first->timeNs;
    const std::int64_t lastNs = last->timeNs;
    const int lane = marks.front().lane;
    canvas_->setStepMarks(std::move(marks), reviewColor(state));
    // A fifth of the steps' span on each side shows what happened just before and after them; steps at one
    // instant get a millisecond.
    const std::int64_t padding = std::max<std::int64_t>((lastNs - firstNs) / 5, 1'000'000);
    canvas_->zoomToRange(firstNs - padding, lastNs + padding);
    canvas_->ensureLaneVisible(lane);
}

void SshdTimelineView::clearSteps()
{
    pendingSteps_.reset();
    canvas_->setStepMarks({}, reviewColor(ReviewState::Unreviewed));
}

void SshdTimelineView::setBookmarks(std::map<std::int64_t, QString> bookmarks)
{
    canvas_->setBookmarks(std::move(bookmarks));
}

const std::vector<TimelineBookmarkMark>& SshdTimelineView::bookmarkMarks() const
{
    return canvas_->bookmarkMarks();
}

void SshdTimelineView::setSelectedEvent(std::int64_t eventId)
{
    canvas_->setSelectedEvent(eventId);
}

const std::vector<TimelineStepMark>& SshdTimelineView::stepMarks() const
{
    return canvas_->stepMarks();
}

const std::vector<TimelineLane>& SshdTimelineView::lanes() const
{
    return canvas_->lanes();
}

} // namespace spoor::ui
