// The painting half of TimelineCanvas: rows, marks, bookmark flags, step marks, the time axis and the rubber band.
#include "ecs/timestamp.h"
#include "timeline/time_ticks.h"
#include "timeline/timeline_canvas.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <map>

namespace spoor::ui {

namespace {

constexpr double markRadius = 4.5;
constexpr double stepRadius = 8;
constexpr double minTickSpacingPx = 110;

// Returns the tick label: the wall-clock time (UTC plus utcOffsetNs) as precisely as the step needs.
QString tickLabel(std::int64_t ns, const TickStep& step, std::int64_t utcOffsetNs)
{
    // "YYYY-MM-DDThh:mm:ss.fffffffffZ"
    const std::string iso = ecs::formatIsoTimestamp(ns + utcOffsetNs, 9);
    switch (step.precision) {
    case TickStep::Precision::Day:
        return QString::fromStdString(iso.substr(0, 10));
    case TickStep::Precision::Minute:
        return QString::fromStdString(iso.substr(11, 5));
    case TickStep::Precision::Second:
        return QString::fromStdString(iso.substr(11, 8));
    case TickStep::Precision::Millisecond:
        return QString::fromStdString(iso.substr(11, 12));
    case TickStep::Precision::Microsecond:
        return QString::fromStdString(iso.substr(17, 9));
    case TickStep::Precision::Nanosecond:
        return QString::fromStdString(iso.substr(17, 12));
    }
    return {};
}

} // namespace

QColor timelineMarkColor(const TimelineMark& mark)
{
    switch (mark.kind) {
    case TimelineMark::Kind::Accept:
        return QColor(0x70, 0x70, 0x70);
    case TimelineMark::Kind::Exec:
        return QColor(0x2e, 0x8b, 0x3e);
    case TimelineMark::Kind::Child:
        return QColor(0x1f, 0x5f, 0xbf);
    case TimelineMark::Kind::Exit:
        if (!mark.exitCode)
            return QColor(0xa0, 0xa0, 0xa0);
        if (*mark.exitCode == 0)
            return QColor(0x20, 0x80, 0x80);
        if (*mark.exitCode == 255)
            return QColor(0xc8, 0x20, 0x20);
        return QColor(0xe0, 0x80, 0x00);
    case TimelineMark::Kind::Disconnect:
        return QColor(0x80, 0x30, 0xa0);
    }
    return Qt::black;
}

void TimelineCanvas::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    const auto [firstRow, lastRow] =
        geometry_.visibleRows(verticalScroll(), viewport()->height(), static_cast<int>(rows_.size()));
    painter.setClipRect(QRect(0, axisHeight, viewport()->width(), viewport()->height() - axisHeight));
    paintRows(painter, firstRow, lastRow);
    paintBookmarkMarks(painter, firstRow, lastRow);
    paintStepMarks(painter);
    painter.setClipping(false);
    paintAxis(painter);
    paintRubberBand(painter);
}

void TimelineCanvas::paintRows(QPainter& painter, int firstRow, int lastRow)
{
    std::vector<bool> stepLane(lanes_.size(), false);
    for (const TimelineStepMark& step : stepMarks_) {
        if (step.lane >= 0 && static_cast<std::size_t>(step.lane) < lanes_.size())
            stepLane[static_cast<std::size_t>(step.lane)] = true;
    }
    // Grid lines first, under the lanes' contents.
    const TickStep step = tickStepFor(scale_, minTickSpacingPx);
    painter.setPen(QColor(128, 128, 128, 40));
    for (const std::int64_t tick : tickTimes(scale_, timeAreaWidth(), step, utcOffsetNs()))
        painter.drawLine(QPointF(xFor(tick), axisHeight), QPointF(xFor(tick), viewport()->height()));

    for (int row = firstRow; row < lastRow; ++row) {
        const TimelineRow& entry = rows_[static_cast<std::size_t>(row)];
        const double top = geometry_.rowTop(row, verticalScroll());
        if (entry.kind == TimelineRow::Kind::Host) {
            paintHostRow(painter, hosts_[static_cast<std::size_t>(entry.index)], entry.index, top);
        } else {
            const auto lane = static_cast<std::size_t>(entry.index);
            paintLane(painter, lanes_[lane], top, stepLane[lane]);
        }
    }
}

void TimelineCanvas::paintHostRow(QPainter& painter, const TimelineHost& host, int hostIndex, double top)
{
    const QRectF row(0, top, viewport()->width(), rowHeight);
    painter.fillRect(row, palette().button());
    painter.setPen(palette().mid().color());
    painter.drawLine(row.bottomLeft(), row.bottomRight());
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().buttonText().color());
    const QString name = host.name.isEmpty() ? tr("(no host name)") : host.name;
    const QString text = tr("%1 — %2 lanes").arg(name).arg(laneCountOfHost_[static_cast<std::size_t>(hostIndex)]);
    painter.drawText(row.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter.setFont(font());
}

void TimelineCanvas::paintLane(QPainter& painter, const TimelineLane& lane, double top, bool highlighted)
{
    const double width = viewport()->width();
    const double middle = top + rowHeight / 2.0;
    QColor background = palette().base().color();
    if (highlighted)
        background = QColor(0xff, 0xf0, 0xb0);
    else if (lane.role == TimelineLane::Role::Listener)
        background = palette().alternateBase().color();
    painter.fillRect(QRectF(0, top, width, rowHeight), background);

    painter.setPen(highlighted ? QColor(Qt::black) : palette().text().color());
    const QRectF labelRect(14, top, labelWidth - 20, rowHeight);
    painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft,
                     fontMetrics().elidedText(lane.label, Qt::ElideRight, static_cast<int>(labelRect.width())));

    painter.save();
    painter.setClipRect(QRectF(labelWidth, top, width - labelWidth, rowHeight));
    if (const auto range = lane.timeRange()) {
        const double x1 = std::max<double>(labelWidth, xFor(range->first));
        const double x2 = std::min(width, xFor(range->second));
        if (x1 <= x2) {
            painter.setPen(QPen(palette().mid().color(), 2));
            painter.drawLine(QPointF(x1, middle), QPointF(x2, middle));
        }
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const std::int64_t firstNs = scale_.toNs(-markRadius);
    const std::int64_t lastNs = scale_.toNs(width - labelWidth + markRadius);
    const auto [begin, end] = marksBetween(lane, firstNs, lastNs);
    // Marks closer than a pixel cover each other, so only the first of each kind per pixel is painted.
    std::map<TimelineMark::Kind, long> lastPixel;
    for (std::size_t index = begin; index < end; ++index) {
        const TimelineMark& mark = lane.marks[index];
        const double x = xFor(mark.timeNs);
        const long pixel = std::lround(x);
        const auto seen = lastPixel.find(mark.kind);
        if (seen != lastPixel.end() && seen->second == pixel && mark.eventId != selectedEvent_)
            continue;
        lastPixel[mark.kind] = pixel;
        paintMark(painter, mark, x, middle);
    }
    painter.restore();
}

void TimelineCanvas::paintMark(QPainter& painter, const TimelineMark& mark, double x, double middle)
{
    const QColor color = timelineMarkColor(mark);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    switch (mark.kind) {
    case TimelineMark::Kind::Accept: {
        QPainterPath triangle;
        triangle.moveTo(x - markRadius, middle - markRadius);
        triangle.lineTo(x + markRadius, middle);
        triangle.lineTo(x - markRadius, middle + markRadius);
        triangle.closeSubpath();
        painter.drawPath(triangle);
        break;
    }
    case TimelineMark::Kind::Exec:
        painter.drawEllipse(QPointF(x, middle), markRadius, markRadius);
        break;
    case TimelineMark::Kind::Child:
        painter.drawRect(QRectF(x - 1.5, middle - markRadius - 2, 3, 2 * markRadius + 4));
        break;
    case TimelineMark::Kind::Exit:
        if (!mark.exitCode) {
            painter.setPen(QPen(color, 1.5));
            painter.setBrush(Qt::NoBrush);
        }
        painter.drawRect(QRectF(x - markRadius, middle - markRadius, 2 * markRadius, 2 * markRadius));
        break;
    case TimelineMark::Kind::Disconnect: {
        QPolygonF diamond;
        diamond << QPointF(x, middle - markRadius - 1) << QPointF(x + markRadius + 1, middle)
                << QPointF(x, middle + markRadius + 1) << QPointF(x - markRadius - 1, middle);
        painter.drawPolygon(diamond);
        break;
    }
    }
    if (mark.eventId == selectedEvent_) {
        painter.setPen(QPen(palette().highlight().color(), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(QPointF(x, middle), markRadius + 4, markRadius + 4);
    }
}

void TimelineCanvas::paintBookmarkMarks(QPainter& painter, int firstRow, int lastRow)
{
    if (bookmarkMarks_.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipRect(QRectF(labelWidth, axisHeight, viewport()->width() - labelWidth, viewport()->height()));
    // The blue of the bookmark badge in the event table and the process tree, outlined for contrast with the
    // lane's background and the marks.
    painter.setPen(QPen(palette().base().color(), 0.8));
    painter.setBrush(QColor(0x2f, 0x6f, 0xd0));
    const double width = viewport()->width();
    for (const TimelineBookmarkMark& bookmark : bookmarkMarks_) {
        const int row = rowOfLane(bookmark.lane);
        if (row < firstRow || row >= lastRow)
            continue;
        const double x = xFor(bookmark.timeNs);
        if (x < labelWidth - rowHeight || x > width)
            continue;
        painter.drawPolygon(bookmarkFlag(x, geometry_.rowTop(row, verticalScroll()), rowHeight));
    }
    painter.restore();
}

void TimelineCanvas::paintStepMarks(QPainter& painter)
{
    if (stepMarks_.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipRect(QRectF(labelWidth, axisHeight, viewport()->width() - labelWidth, viewport()->height()));
    // Steps milliseconds apart would cover each other, so a circle that would overlap the previous one on its
    // lane moves right, joined to its true time by a line. The bracket under the lane spans the true times.
    std::vector<TimelineStepMark> ordered = stepMarks_;
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        return a.lane != b.lane ? a.lane < b.lane : a.timeNs < b.timeNs;
    });
    std::map<int, std::pair<double, double>> bracketOfRow;
    int row = -1;
    double previousX = 0;
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    for (const TimelineStepMark& step : ordered) {
        const int stepRow = rowOfLane(step.lane);
        if (stepRow < 0)
            continue;
        const double trueX = xFor(step.timeNs);
        double x = trueX;
        if (stepRow == row && x < previousX + 2 * stepRadius + 2)
            x = previousX + 2 * stepRadius + 2;
        row = stepRow;
        previousX = x;
        const double middle = geometry_.rowTop(stepRow, verticalScroll()) + rowHeight / 2.0;
        auto [position, added] = bracketOfRow.try_emplace(stepRow, trueX, trueX);
        position->second = {std::min(position->second.first, trueX), std::max(position->second.second, trueX)};
        if (x != trueX) {
            painter.setPen(QPen(stepFill_.darker(150), 1));
            painter.drawLine(QPointF(trueX, middle), QPointF(x, middle - stepRadius / 2));
        }
        painter.setPen(QPen(stepFill_.darker(170), 1.5));
        painter.setBrush(stepFill_);
        painter.drawEllipse(QPointF(x, middle), stepRadius, stepRadius);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(x - stepRadius, middle - stepRadius, 2 * stepRadius, 2 * stepRadius), Qt::AlignCenter,
                         QString::number(step.number));
    }
    // The bracket: a line under the steps' lane from the first to the last step, with end ticks.
    painter.setPen(QPen(stepFill_.darker(170), 2));
    for (const auto& [bracketRow, span] : bracketOfRow) {
        const double bottom = geometry_.rowTop(bracketRow, verticalScroll()) + rowHeight - 2;
        const double left = span.first;
        const double right = std::max(span.second, previousX);
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom));
        painter.drawLine(QPointF(left, bottom), QPointF(left, bottom - 5));
        painter.drawLine(QPointF(right, bottom), QPointF(right, bottom - 5));
    }
    painter.restore();
}

void TimelineCanvas::paintAxis(QPainter& painter)
{
    const double width = viewport()->width();
    painter.fillRect(QRectF(0, 0, width, axisHeight), palette().window());
    painter.setPen(palette().windowText().color());
    const TickStep step = tickStepFor(scale_, minTickSpacingPx);
    const std::int64_t offset = utcOffsetNs();
    painter.save();
    painter.setClipRect(QRectF(labelWidth, 0, width - labelWidth, axisHeight));
    for (const std::int64_t tick : tickTimes(scale_, timeAreaWidth(), step, offset)) {
        const double x = xFor(tick);
        painter.drawLine(QPointF(x, axisHeight - 5), QPointF(x, axisHeight));
        painter.drawText(QRectF(x - 70, 0, 140, axisHeight - 4), Qt::AlignCenter, tickLabel(tick, step, offset));
    }
    painter.restore();
    // The left corner names the time zone and, when the ticks show no date, the date at the left edge.
    const std::int64_t left = scale_.toNs(0);
    QString corner = timeZone_ == TimeZone::Utc ? tr("UTC") : tr("local");
    if (step.precision != TickStep::Precision::Day)
        corner += QLatin1Char(' ') + QString::fromStdString(ecs::formatIsoTimestamp(left + offset, 0).substr(0, 10));
    painter.drawText(QRectF(6, 0, labelWidth - 6, axisHeight), Qt::AlignVCenter | Qt::AlignLeft, corner);
    painter.setPen(palette().mid().color());
    painter.drawLine(QPointF(0, axisHeight - 0.5), QPointF(width, axisHeight - 0.5));
    painter.drawLine(QPointF(labelWidth - 0.5, 0), QPointF(labelWidth - 0.5, viewport()->height()));
}

void TimelineCanvas::paintRubberBand(QPainter& painter)
{
    if (drag_.mode != Drag::Mode::RubberBand)
        return;
    const double left = std::max<double>(labelWidth, std::min(drag_.startX, drag_.lastX));
    const double right = std::max(drag_.startX, drag_.lastX);
    QColor fill = palette().highlight().color();
    fill.setAlpha(60);
    painter.fillRect(QRectF(left, axisHeight, right - left, viewport()->height() - axisHeight), fill);
    painter.setPen(palette().highlight().color());
    painter.drawRect(QRectF(left, axisHeight, right - left, viewport()->height() - axisHeight - 1));
}

} // namespace spoor::ui
