#include "timeline/timeline_canvas.h"

#include "logging.h"
#include "time_text.h"

#include <QGraphicsEllipseItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <set>

namespace spoor::ui {

namespace {

constexpr int eventIdKey = 0; // QGraphicsItem::data key holding the events.id of a mark
constexpr double markRadius = 4.5;
constexpr double minTickSpacingPx = 110;
constexpr std::int64_t oneMillisecondNs = 1'000'000;

QColor markColor(TimelineMark::Kind kind)
{
    switch (kind) {
    case TimelineMark::Kind::Accept:
        return QColor(0x80, 0x80, 0x80);
    case TimelineMark::Kind::Exec:
        return QColor(0x2e, 0x8b, 0x3e);
    case TimelineMark::Kind::Child:
        return QColor(0x1f, 0x5f, 0xbf);
    case TimelineMark::Kind::Exit:
        return QColor(0xc0, 0x30, 0x30);
    case TimelineMark::Kind::Disconnect:
        return QColor(0x80, 0x30, 0xa0);
    }
    return Qt::black;
}

QString tickLabel(std::int64_t ns, std::int64_t stepNs)
{
    if (stepNs >= oneMillisecondNs)
        return clockTime(ns);
    // Below a millisecond the seconds and their full fraction tell ticks apart.
    const QString iso = isoTime(ns);
    return iso.mid(17, 12);
}

} // namespace

TimelineCanvas::TimelineCanvas(QWidget* parent) : QGraphicsView(parent), scene_(new QGraphicsScene(this))
{
    setScene(scene_);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHint(QPainter::Antialiasing);
    // The axis is painted over the scrolled content, so a scroll must repaint the whole viewport.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
}

void TimelineCanvas::setLanes(std::vector<TimelineLane> lanes)
{
    lanes_ = std::move(lanes);
    stepMarks_.clear();
    fitAll();
}

void TimelineCanvas::setStepMarks(std::vector<TimelineStepMark> marks, const QColor& fill)
{
    stepMarks_ = std::move(marks);
    stepFill_ = fill;
    rebuild();
}

void TimelineCanvas::setScale(const TimeScale& scale)
{
    scale_ = scale;
    rebuild();
    emit scaleChanged();
}

double TimelineCanvas::timeAreaWidth() const
{
    return std::max(1, viewport()->width() - labelWidth);
}

void TimelineCanvas::fitAll()
{
    std::optional<std::pair<std::int64_t, std::int64_t>> range;
    for (const TimelineLane& lane : lanes_) {
        if (const auto laneRange = lane.timeRange()) {
            range =
                range ? std::pair(std::min(range->first, laneRange->first), std::max(range->second, laneRange->second))
                      : *laneRange;
        }
    }
    if (range)
        fitRange(range->first, range->second);
    else
        setScale(TimeScale{});
}

void TimelineCanvas::fitRange(std::int64_t firstNs, std::int64_t lastNs)
{
    setScale(TimeScale::fit(firstNs, lastNs, timeAreaWidth(), 40));
}

void TimelineCanvas::ensureLaneVisible(int lane)
{
    const double y = axisHeight + lane * laneHeight;
    ensureVisible(QRectF(0, y, 1, laneHeight), 0, laneHeight * 2);
}

double TimelineCanvas::xFor(std::int64_t ns) const
{
    return labelWidth + scale_.toPixel(ns);
}

void TimelineCanvas::rebuild()
{
    scene_->clear();
    const double height = axisHeight + static_cast<double>(lanes_.size()) * laneHeight;
    scene_->setSceneRect(0, 0, viewport()->width(), std::max<double>(height, viewport()->height()));

    std::set<int> highlighted;
    for (const TimelineStepMark& step : stepMarks_)
        highlighted.insert(step.lane);
    for (std::size_t index = 0; index < lanes_.size(); ++index) {
        const int lane = static_cast<int>(index);
        drawLane(lane, lanes_[index], highlighted.count(lane) > 0);
    }
    drawStepMarks();
    drawGrid(height);
}

std::vector<std::int64_t> TimelineCanvas::tickTimes(std::int64_t& stepNs) const
{
    stepNs = scale_.tickStepNs(minTickSpacingPx);
    const std::int64_t first = scale_.toNs(0);
    const std::int64_t last = scale_.toNs(timeAreaWidth());
    // The first multiple of the step at or after the left edge (division truncates toward zero).
    std::int64_t tick = first / stepNs * stepNs;
    if (tick < first)
        tick += stepNs;
    std::vector<std::int64_t> ticks;
    for (; tick <= last; tick += stepNs)
        ticks.push_back(tick);
    return ticks;
}

void TimelineCanvas::drawGrid(double sceneHeight)
{
    std::int64_t step = 0;
    const QPen gridPen(QColor(0, 0, 0, 30));
    for (const std::int64_t tick : tickTimes(step))
        scene_->addLine(xFor(tick), axisHeight, xFor(tick), sceneHeight, gridPen)->setZValue(-1);
}

void TimelineCanvas::drawForeground(QPainter* painter, const QRectF&)
{
    // The axis is painted at the top of the visible area, so it stays in view while the lanes scroll.
    const double top = mapToScene(0, 0).y();
    const double width = viewport()->width();
    painter->fillRect(QRectF(0, top, width, axisHeight), palette().window());
    painter->setPen(palette().windowText().color());
    std::int64_t step = 0;
    for (const std::int64_t tick : tickTimes(step)) {
        const double x = xFor(tick);
        painter->drawText(QRectF(x - 70, top, 140, axisHeight), Qt::AlignCenter, tickLabel(tick, step));
    }
    painter->drawText(QRectF(6, top, labelWidth - 6, axisHeight), Qt::AlignVCenter | Qt::AlignLeft, tr("UTC"));
    painter->setPen(palette().mid().color());
    painter->drawLine(QPointF(0, top + axisHeight - 0.5), QPointF(width, top + axisHeight - 0.5));
}

void TimelineCanvas::drawLane(int index, const TimelineLane& lane, bool highlighted)
{
    const double top = axisHeight + index * laneHeight;
    const double middle = top + laneHeight / 2.0;
    QColor background = index % 2 ? palette().alternateBase().color() : palette().base().color();
    if (highlighted)
        background = QColor(0xff, 0xf0, 0xb0);
    scene_->addRect(0, top, viewport()->width(), laneHeight, Qt::NoPen, background)->setZValue(-2);

    auto* label = scene_->addSimpleText(lane.label);
    label->setPos(6, top + (laneHeight - label->boundingRect().height()) / 2);
    label->setZValue(1);

    const double left = labelWidth;
    const double right = viewport()->width();
    if (const auto range = lane.timeRange()) {
        const double x1 = std::max(left, xFor(range->first));
        const double x2 = std::min(right, xFor(range->second));
        if (x1 <= x2)
            scene_->addLine(x1, middle, x2, middle, QPen(palette().mid().color(), 2));
    }
    for (const TimelineMark& mark : lane.marks) {
        const double x = xFor(mark.timeNs);
        if (x >= left - markRadius && x <= right + markRadius)
            drawMark(mark, middle);
    }
}

void TimelineCanvas::drawMark(const TimelineMark& mark, double y)
{
    const double x = xFor(mark.timeNs);
    const QColor color = markColor(mark.kind);
    QAbstractGraphicsShapeItem* item = nullptr;
    if (mark.kind == TimelineMark::Kind::Exit || mark.kind == TimelineMark::Kind::Disconnect) {
        item = scene_->addRect(x - markRadius, y - markRadius, 2 * markRadius, 2 * markRadius, Qt::NoPen, color);
    } else if (mark.kind == TimelineMark::Kind::Child) {
        item = scene_->addRect(x - 1.5, y - markRadius - 2, 3, 2 * markRadius + 4, Qt::NoPen, color);
    } else {
        item = scene_->addEllipse(x - markRadius, y - markRadius, 2 * markRadius, 2 * markRadius, Qt::NoPen, color);
    }
    item->setToolTip(isoTime(mark.timeNs) % QLatin1String("  ") % mark.text);
    item->setData(eventIdKey, QVariant::fromValue<qint64>(mark.eventId));
}

void TimelineCanvas::drawStepMarks()
{
    // Steps milliseconds apart would cover each other, so a circle that would overlap the previous one
    // on its lane moves right, joined to its true time by a line.
    constexpr double radius = 7.5;
    std::vector<TimelineStepMark> ordered = stepMarks_;
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        return a.lane != b.lane ? a.lane < b.lane : a.timeNs < b.timeNs;
    });
    int lane = -1;
    double previousX = 0;
    for (const TimelineStepMark& step : ordered) {
        const double x = xFor(step.timeNs);
        const double y = axisHeight + step.lane * laneHeight + laneHeight / 2.0;
        const double circleX = step.lane == lane ? std::max(x, previousX + 2 * radius + 1) : x;
        lane = step.lane;
        previousX = circleX;
        if (circleX != x)
            scene_->addLine(x, y, circleX, y, QPen(Qt::black, 1))->setZValue(4);

        auto* circle =
            scene_->addEllipse(circleX - radius, y - radius, 2 * radius, 2 * radius, QPen(Qt::black, 1), stepFill_);
        circle->setZValue(4);
        circle->setData(eventIdKey, QVariant::fromValue<qint64>(step.eventId));
        circle->setToolTip(tr("Step %1 at %2").arg(step.number).arg(isoTime(step.timeNs)));
        auto* number = scene_->addSimpleText(QString::number(step.number));
        QFont font = number->font();
        font.setBold(true);
        number->setFont(font);
        const QRectF bounds = number->boundingRect();
        number->setPos(circleX - bounds.width() / 2, y - bounds.height() / 2);
        number->setZValue(5);
    }
}

void TimelineCanvas::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    if (delta.x() != 0 && std::abs(delta.x()) > std::abs(delta.y())) {
        scale_.pan(-delta.x());
    } else {
        // One notch (120) zooms by a factor of about 1.2.
        const double factor = std::pow(1.0015, delta.y());
        scale_.zoom(factor, event->position().x() - labelWidth);
    }
    rebuild();
    emit scaleChanged();
    event->accept();
}

void TimelineCanvas::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    rebuild();
}

void TimelineCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    for (QGraphicsItem* item : items(event->position().toPoint())) {
        const QVariant eventId = item->data(eventIdKey);
        if (eventId.isValid()) {
            emit eventClicked(eventId.value<qint64>());
            return;
        }
    }
    dragging_ = true;
    dragX_ = event->position().x();
    setCursor(Qt::ClosedHandCursor);
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (!dragging_) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    scale_.pan(dragX_ - event->position().x());
    dragX_ = event->position().x();
    rebuild();
    emit scaleChanged();
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (dragging_) {
        dragging_ = false;
        unsetCursor();
    }
    QGraphicsView::mouseReleaseEvent(event);
}

} // namespace spoor::ui
