#include "timeline/sshd_timeline_view.h"

#include "analysis/sshd_connections.h"
#include "logging.h"
#include "store/case_file.h"
#include "timeline/timeline_canvas.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace spoor::ui {

SshdTimelineView::SshdTimelineView(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), canvas_(new TimelineCanvas(this))
{
    auto* resetZoom = new QToolButton(this);
    resetZoom->setText(tr("Reset zoom"));
    resetZoom->setToolTip(tr("Show every connection's whole time range"));
    resetZoom->setObjectName(QStringLiteral("resetZoom"));
    connect(resetZoom, &QToolButton::clicked, canvas_, &TimelineCanvas::fitAll);
    connect(canvas_, &TimelineCanvas::eventClicked, this, &SshdTimelineView::eventActivated);

    auto* legend = new QLabel(tr("<small><span style='color:#2e8b3e'>●</span> exec "
                                 "<span style='color:#1f5fbf'>▮</span> child "
                                 "<span style='color:#c03030'>■</span> exit "
                                 "<span style='color:#8030a0'>■</span> disconnect &nbsp; step: "
                                 "<span style='color:#ff9d00'>●</span> unreviewed "
                                 "<span style='color:#3a9a4a'>●</span> benign "
                                 "<span style='color:#d02020'>●</span> malicious &nbsp; "
                                 "wheel: zoom, drag: pan, Shift+wheel: scroll</small>"),
                              this);

    auto* header = new QHBoxLayout;
    header->addWidget(title_, 1);
    header->addWidget(legend);
    header->addWidget(resetZoom);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(canvas_, 1);
    title_->setText(tr("sshd connections"));
}

void SshdTimelineView::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    case_ = std::move(caseFile);
    shownHost_.reset();
    canvas_->setLanes({});
    title_->setText(tr("sshd connections"));
}

void SshdTimelineView::showHost(const std::optional<std::string>& hostId, const QString& hostName)
{
    if (!case_ || shownHost_ == hostId)
        return;
    std::vector<TimelineLane> lanes;
    try {
        for (const analysis::SshdConnection& connection : analysis::loadSshdConnections(case_->db(), hostId)) {
            if (connection.role == analysis::SshdConnection::Role::Monitor)
                lanes.push_back(laneForConnection(connection));
        }
    } catch (const store::StoreError& error) {
        qCWarning(lcTimeline) << "cannot read the sshd connections of" << hostName << ":" << error.what();
    }
    shownHost_ = hostId;
    title_->setText(tr("sshd connections on %1: %2").arg(hostName, QLocale().toString(qlonglong(lanes.size()))));
    canvas_->setLanes(std::move(lanes));
}

void SshdTimelineView::markSteps(const std::vector<FindingStep>& steps, ReviewState state)
{
    std::vector<TimelineStepMark> marks;
    const std::vector<TimelineLane>& lanes = canvas_->lanes();
    for (const FindingStep& step : steps) {
        if (!step.eventId)
            continue;
        for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
            const auto& laneMarks = lanes[lane].marks;
            const auto found = std::find_if(laneMarks.begin(), laneMarks.end(),
                                            [&](const TimelineMark& mark) { return mark.eventId == *step.eventId; });
            if (found != laneMarks.end()) {
                marks.push_back({step.number, *step.eventId, static_cast<int>(lane), found->timeNs});
                break;
            }
        }
    }
    if (marks.size() < steps.size())
        qCInfo(lcTimeline) << steps.size() - marks.size() << "finding steps are on no sshd lane";
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
    // A fifth of the steps' span on each side shows what happened just before and after them.
    const std::int64_t padding = (lastNs - firstNs) / 5;
    canvas_->fitRange(firstNs - padding, lastNs + padding);
    canvas_->ensureLaneVisible(lane);
}

void SshdTimelineView::clearSteps()
{
    canvas_->setStepMarks({}, reviewColor(ReviewState::Unreviewed));
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
