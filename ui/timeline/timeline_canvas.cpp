#include "timeline/timeline_canvas.h"

#include "ecs/timestamp.h"
#include "jobs/release_on_worker.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <utility>

namespace spoor::ui {

namespace {

constexpr double markTolerancePx = 6;
constexpr int horizontalResolution = 100'000; // horizontal scroll bar steps across the whole time range
constexpr double fitMarginPx = 40;

QString kindText(const TimelineMark& mark)
{
    switch (mark.kind) {
    case TimelineMark::Kind::Accept:
        return TimelineCanvas::tr("Accept");
    case TimelineMark::Kind::Exec:
        return TimelineCanvas::tr("Exec");
    case TimelineMark::Kind::Child:
        return TimelineCanvas::tr("Child exec");
    case TimelineMark::Kind::Exit:
        return TimelineCanvas::tr("Exit");
    case TimelineMark::Kind::Disconnect:
        return TimelineCanvas::tr("Disconnect");
    }
    return {};
}

} // namespace

TimelineCanvas::TimelineCanvas(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(rowHeight);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, &TimelineCanvas::horizontalScrolled);
}

void TimelineCanvas::setData(std::vector<TimelineHost> hosts, std::vector<TimelineLane> lanes)
{
    hosts_ = std::move(hosts);
    releaseOnWorker(std::exchange(lanes_, std::move(lanes)));
    laneCountOfHost_.assign(hosts_.size(), 0);
    for (const TimelineLane& lane : lanes_) {
        if (lane.host >= 0 && static_cast<std::size_t>(lane.host) < hosts_.size())
            ++laneCountOfHost_[static_cast<std::size_t>(lane.host)];
    }
    stepMarks_.clear();
    bookmarkMarks_ = placeBookmarks(lanes_, bookmarks_);
    selectedEvent_ = 0;
    rebuildRows();
    verticalScrollBar()->setValue(0);
    fitAll();
}

void TimelineCanvas::rebuildRows()
{
    rows_ = layoutRows(lanes_, static_cast<int>(hosts_.size()), laneFilter_);
    rowOfLane_.assign(lanes_.size(), -1);
    for (std::size_t row = 0; row < rows_.size(); ++row) {
        if (rows_[row].kind == TimelineRow::Kind::Lane)
            rowOfLane_[static_cast<std::size_t>(rows_[row].index)] = static_cast<int>(row);
    }
    updateScrollBars();
    viewport()->update();
}

int TimelineCanvas::rowOfLane(int lane) const
{
    return lane >= 0 && static_cast<std::size_t>(lane) < rowOfLane_.size() ? rowOfLane_[static_cast<std::size_t>(lane)]
                                                                           : -1;
}

void TimelineCanvas::setLaneFilter(std::function<bool(const TimelineLane&)> visible)
{
    laneFilter_ = std::move(visible);
    stepMarks_.clear();
    rebuildRows();
}

void TimelineCanvas::setStepMarks(std::vector<TimelineStepMark> marks, const QColor& fill)
{
    stepMarks_ = std::move(marks);
    stepFill_ = fill;
    viewport()->update();
}

void TimelineCanvas::setBookmarks(std::map<std::int64_t, QString> bookmarks)
{
    bookmarks_ = std::move(bookmarks);
    bookmarkMarks_ = placeBookmarks(lanes_, bookmarks_);
    viewport()->update();
}

void TimelineCanvas::setSelectedEvent(std::int64_t eventId)
{
    selectedEvent_ = eventId;
    viewport()->update();
}

void TimelineCanvas::setScale(const TimeScale& scale)
{
    scale_ = scale;
    updateScrollBars();
    viewport()->update();
    emit scaleChanged();
}

void TimelineCanvas::pushZoom()
{
    zoomStack_.push(scale_);
    emit zoomStackChanged();
}

void TimelineCanvas::zoomToRange(std::int64_t firstNs, std::int64_t lastNs)
{
    pushZoom();
    wheelZooming_ = false;
    setScale(TimeScale::fit(firstNs, lastNs, timeAreaWidth(), fitMarginPx));
}

void TimelineCanvas::fitAll()
{
    zoomStack_.clear();
    wheelZooming_ = false;
    emit zoomStackChanged();
    const auto range = dataRange();
    setScale(range ? TimeScale::fit(range->first, range->second, timeAreaWidth(), fitMarginPx) : TimeScale{});
}

bool TimelineCanvas::zoomBack()
{
    const auto previous = zoomStack_.pop();
    wheelZooming_ = false;
    emit zoomStackChanged();
    if (!previous)
        return false;
    setScale(*previous);
    return true;
}

void TimelineCanvas::ensureLaneVisible(int lane)
{
    const int row = rowOfLane(lane);
    if (row < 0)
        return;
    // A row out of view is brought to the middle, so that the lanes around it show too.
    const int scroll = geometry_.scrollToShow(row, verticalScroll(), viewport()->height());
    if (scroll != verticalScroll())
        verticalScrollBar()->setValue(row * rowHeight - (viewport()->height() - axisHeight - rowHeight) / 2);
}

void TimelineCanvas::setTimeZone(TimeZone zone)
{
    timeZone_ = zone;
    viewport()->update();
}

double TimelineCanvas::timeAreaWidth() const
{
    return std::max(1, viewport()->width() - labelWidth);
}

int TimelineCanvas::verticalScroll() const
{
    return verticalScrollBar()->value();
}

std::optional<std::pair<std::int64_t, std::int64_t>> TimelineCanvas::dataRange() const
{
    std::optional<std::pair<std::int64_t, std::int64_t>> range;
    for (const TimelineLane& lane : lanes_) {
        if (const auto laneRange = lane.timeRange()) {
            range =
                range ? std::pair(std::min(range->first, laneRange->first), std::max(range->second, laneRange->second))
                      : *laneRange;
        }
    }
    return range;
}

std::int64_t TimelineCanvas::utcOffsetNs() const
{
    if (timeZone_ == TimeZone::Utc)
        return 0;
    const std::int64_t middle = scale_.toNs(timeAreaWidth() / 2);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(middle / 1'000'000, Qt::LocalTime);
    return static_cast<std::int64_t>(local.offsetFromUtc()) * 1'000'000'000;
}

QString TimelineCanvas::timeText(std::int64_t ns) const
{
    if (timeZone_ == TimeZone::Utc)
        return QString::fromStdString(ecs::formatIsoTimestamp(ns, 9));
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::LocalTime);
    const auto fraction =
        QStringLiteral("%1").arg(((ns % 1'000'000'000) + 1'000'000'000) % 1'000'000'000, 9, 10, QLatin1Char('0'));
    return local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.")) + fraction + local.timeZoneAbbreviation();
}

void TimelineCanvas::updateScrollBars()
{
    updatingScrollBars_ = true;
    const int content = geometry_.contentHeight(static_cast<int>(rows_.size()));
    const int visible = std::max(0, viewport()->height() - axisHeight);
    verticalScrollBar()->setRange(0, std::max(0, content - visible));
    verticalScrollBar()->setPageStep(visible);

    // The horizontal bar spans the data's range joined with the visible range, in fixed steps.
    QScrollBar* bar = horizontalScrollBar();
    const std::int64_t viewFirst = scale_.toNs(0);
    const std::int64_t viewLast = scale_.toNs(timeAreaWidth());
    const auto range = dataRange();
    const std::int64_t first = range ? std::min(range->first, viewFirst) : viewFirst;
    const std::int64_t last = range ? std::max(range->second, viewLast) : viewLast;
    const double span = std::max(1.0, static_cast<double>(last - first));
    const double page = static_cast<double>(viewLast - viewFirst) / span;
    const int pageSteps = std::max(1, static_cast<int>(std::lround(page * horizontalResolution)));
    bar->setRange(0, std::max(0, horizontalResolution - pageSteps));
    bar->setPageStep(pageSteps);
    bar->setSingleStep(std::max(1, pageSteps / 10));
    bar->setValue(static_cast<int>(std::lround(static_cast<double>(viewFirst - first) / span * horizontalResolution)));
    bar->setProperty("firstNs", QVariant::fromValue<qint64>(first));
    bar->setProperty("spanNs", span);
    updatingScrollBars_ = false;
}

void TimelineCanvas::horizontalScrolled(int value)
{
    if (updatingScrollBars_)
        return;
    const QScrollBar* bar = horizontalScrollBar();
    const auto first = bar->property("firstNs").value<qint64>();
    const double span = bar->property("spanNs").toDouble();
    scale_.originNs = first + static_cast<std::int64_t>(std::llround(value * span / horizontalResolution));
    viewport()->update();
    emit scaleChanged();
}

void TimelineCanvas::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineCanvas::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

const TimelineLane* TimelineCanvas::laneAtRow(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= rows_.size())
        return nullptr;
    const TimelineRow& entry = rows_[static_cast<std::size_t>(row)];
    return entry.kind == TimelineRow::Kind::Lane ? &lanes_[static_cast<std::size_t>(entry.index)] : nullptr;
}

std::int64_t TimelineCanvas::eventAt(QPoint position) const
{
    const TimelineLane* lane =
        laneAtRow(geometry_.rowAt(position.y(), verticalScroll(), static_cast<int>(rows_.size())));
    if (!lane || position.x() < labelWidth)
        return 0;
    const int mark = markAt(*lane, scale_, position.x() - labelWidth, markTolerancePx);
    return mark < 0 ? 0 : lane->marks[static_cast<std::size_t>(mark)].eventId;
}

QString TimelineCanvas::toolTipAt(QPoint position) const
{
    const int row = geometry_.rowAt(position.y(), verticalScroll(), static_cast<int>(rows_.size()));
    if (row < 0)
        return {};
    const TimelineRow& entry = rows_[static_cast<std::size_t>(row)];
    if (entry.kind == TimelineRow::Kind::Host) {
        const auto host = static_cast<std::size_t>(entry.index);
        return tr("Host %1: %2 sshd lanes").arg(hosts_[host].name.toHtmlEscaped()).arg(laneCountOfHost_[host]);
    }
    const TimelineLane& lane = lanes_[static_cast<std::size_t>(entry.index)];
    if (position.x() < labelWidth)
        return lane.label.toHtmlEscaped();
    const int index = markAt(lane, scale_, position.x() - labelWidth, markTolerancePx);
    if (index < 0)
        return {};
    const TimelineMark& mark = lane.marks[static_cast<std::size_t>(index)];
    QString text =
        QStringLiteral("<b>%1</b>: %2<br>%3").arg(kindText(mark), mark.text.toHtmlEscaped(), timeText(mark.timeNs));
    if (mark.pid)
        text += tr("<br>pid %1").arg(*mark.pid);
    if (mark.kind == TimelineMark::Kind::Exit)
        text += mark.exitCode ? tr("<br>exit code %1").arg(*mark.exitCode) : tr("<br>exit code unknown");
    if (!mark.commandLine.isEmpty())
        text += QStringLiteral("<br><code>%1</code>").arg(mark.commandLine.toHtmlEscaped());
    const auto bookmark = bookmarks_.find(mark.eventId);
    if (bookmark != bookmarks_.end()) {
        text += bookmark->second.isEmpty() ? tr("<br><b>Bookmarked</b>")
                                           : tr("<br><b>Bookmarked</b>: %1").arg(bookmark->second.toHtmlEscaped());
    }
    return text;
}

bool TimelineCanvas::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineCanvas::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier) {
        // Shift turns vertical wheel steps into horizontal ones on some platforms.
        const int steps = delta.y() != 0 ? delta.y() : delta.x();
        verticalScrollBar()->setValue(verticalScroll() - steps / 120 * 3 * rowHeight);
    } else if (std::abs(delta.x()) > std::abs(delta.y())) {
        scale_.pan(-delta.x() / 120.0 * timeAreaWidth() / 10);
        setScale(scale_);
    } else if (delta.y() != 0) {
        if (!wheelZooming_)
            pushZoom();
        wheelZooming_ = true;
        // One notch (120 units) zooms by a factor of about 1.2.
        scale_.zoom(std::pow(1.0015, delta.y()), event->position().x() - labelWidth);
        setScale(scale_);
    }
    event->accept();
}

void TimelineCanvas::mousePressEvent(QMouseEvent* event)
{
    const bool rubberBand = event->button() == Qt::RightButton ||
                            (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (event->button() == Qt::LeftButton && !rubberBand) {
        if (const std::int64_t eventId = eventAt(event->position().toPoint())) {
            setSelectedEvent(eventId);
            emit eventClicked(eventId);
            return;
        }
    }
    if (event->button() != Qt::LeftButton && event->button() != Qt::RightButton)
        return;
    drag_ = {rubberBand ? Drag::Mode::RubberBand : Drag::Mode::Pan, event->position().x(), event->position().x()};
    wheelZooming_ = false;
    if (drag_.mode == Drag::Mode::Pan) {
        pushZoom();
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    if (drag_.mode == Drag::Mode::Pan) {
        scale_.pan(drag_.lastX - x);
        drag_.lastX = x;
        setScale(scale_);
    } else if (drag_.mode == Drag::Mode::RubberBand) {
        drag_.lastX = x;
        viewport()->update();
    }
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (drag_.mode == Drag::Mode::RubberBand) {
        const auto range = rubberBandRange(scale_, drag_.startX - labelWidth, event->position().x() - labelWidth);
        drag_ = {};
        if (range) {
            pushZoom();
            setScale(TimeScale::fit(range->first, range->second, timeAreaWidth()));
        }
        viewport()->update();
        return;
    }
    if (drag_.mode == Drag::Mode::Pan && drag_.lastX == drag_.startX)
        zoomStack_.pop(); // a click without movement changed nothing
    drag_ = {};
    viewport()->unsetCursor();
}

void TimelineCanvas::keyPressEvent(QKeyEvent* event)
{
    const double width = timeAreaWidth();
    switch (event->key()) {
    case Qt::Key_Left:
        scale_.pan(-width / 10);
        setScale(scale_);
        break;
    case Qt::Key_Right:
        scale_.pan(width / 10);
        setScale(scale_);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        pushZoom();
        scale_.zoom(2, width / 2);
        setScale(scale_);
        break;
    case Qt::Key_Minus:
        pushZoom();
        scale_.zoom(0.5, width / 2);
        setScale(scale_);
        break;
    case Qt::Key_Backspace:
        zoomBack();
        break;
    case Qt::Key_Home:
        fitAll();
        break;
    default:
        // Up, Down, Page Up and Page Down scroll the lanes through the vertical scroll bar.
        QAbstractScrollArea::keyPressEvent(event);
    }
}

} // namespace spoor::ui
