#include "timeline/events_chart.h"

#include "ecs/timestamp.h"
#include "timeline/time_scale.h"
#include "timeline/time_ticks.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <map>

namespace spoor::ui {

namespace {

constexpr std::int64_t minuteNs = 60'000'000'000;
constexpr std::int64_t millisecondNs = 1'000'000;
constexpr std::int64_t dayNs = 24 * 60 * minuteNs;
// Labels such as "04-03 01:30" need about 80 pixels; the rest keeps them apart.
constexpr double minLabelSpacingPx = 110;
// Labels such as "2024-04-03 01:30" need about 115 pixels.
constexpr double minLabelSpacingWithYearPx = 145;
// A legend of many hosts leaves too little room per entry for the host names, so only the busiest hosts get an
// entry. NOTE: 8 is an estimate of what fits above a chart about 900 pixels wide, not a measured limit.
constexpr std::size_t maxLegendHosts = 8;
// The plot width assumed before the chart has been laid out, and for a plot too narrow for two labels.
constexpr double defaultPlotWidthPx = 600;

double toMilliseconds(std::int64_t ns)
{
    return static_cast<double>(ns / millisecondNs);
}

// Appends a host's buckets, with zero points where minutes are missing, so that a line drops to zero
// between bursts instead of joining them.
void appendBuckets(QLineSeries* series, const std::vector<const analysis::MinuteBucket*>& buckets)
{
    std::int64_t previous = 0;
    bool first = true;
    for (const analysis::MinuteBucket* bucket : buckets) {
        if (!first && bucket->minuteStartNs - previous > minuteNs) {
            series->append(toMilliseconds(previous + minuteNs), 0);
            if (bucket->minuteStartNs - previous > 2 * minuteNs)
                series->append(toMilliseconds(bucket->minuteStartNs - minuteNs), 0);
        }
        series->append(toMilliseconds(bucket->minuteStartNs), static_cast<double>(bucket->count));
        previous = bucket->minuteStartNs;
        first = false;
    }
}

// Returns the wall-clock time of a UTC instant in the zone, as nanoseconds since 1970-01-01T00:00 in that zone.
std::int64_t wallClockNs(std::int64_t ns, TimelineCanvas::TimeZone zone)
{
    if (zone == TimelineCanvas::TimeZone::Utc)
        return ns;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ns / millisecondNs, Qt::LocalTime);
    return ns + static_cast<std::int64_t>(local.offsetFromUtc()) * 1'000'000'000;
}

// Formats a tick of the time axis: "MM-dd" for steps of days, otherwise "HH:mm" or "HH:mm:ss", after the
// date when the axis spans more than a day. The date is "yyyy-MM-dd" when the axis spans two or more years.
QString tickText(std::int64_t wallNs, TickStep::Precision precision, bool withDate, bool withYear)
{
    // "YYYY-MM-DDThh:mm:ss.sssZ"
    const std::string iso = ecs::formatIsoTimestamp(wallNs, 3);
    const QString date = QString::fromStdString(withYear ? iso.substr(0, 10) : iso.substr(5, 5));
    if (precision == TickStep::Precision::Day)
        return date;
    const QString clock = QString::fromStdString(iso.substr(11, precision == TickStep::Precision::Minute ? 5 : 8));
    if (!withDate)
        return clock;
    return date + QLatin1Char(' ') + clock;
}

} // namespace

EventsChart::EventsChart(QWidget* parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    chart()->legend()->setAlignment(Qt::AlignTop);
    chart()->setMargins(QMargins(2, 2, 2, 2));
    chart()->layout()->setContentsMargins(0, 0, 0, 0);
    chart()->setBackgroundRoundness(0);
    setToolTip(tr("Events per minute per host; the red marks are the findings. Drag across the chart to show "
                  "that time range in the timeline."));
    applyPalette();
}

// Colours the chart from the widget's palette, because Qt Charts' default light theme stays white in a dark one.
void EventsChart::applyPalette()
{
    const QColor text = palette().color(QPalette::Text);
    const QColor lines = palette().color(QPalette::Mid);
    chart()->setBackgroundBrush(palette().base());
    chart()->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart()->axes()) {
        axis->setLabelsColor(text);
        axis->setLinePenColor(lines);
        axis->setGridLineColor(lines);
    }
}

void EventsChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void EventsChart::clear()
{
    timeAxis_ = nullptr;
    range_.reset();
    chart()->removeAllSeries();
    // removeAllSeries() deletes the series, but removeAxis() hands each axis back to the caller.
    for (QAbstractAxis* axis : chart()->axes()) {
        chart()->removeAxis(axis);
        delete axis;
    }
}

void EventsChart::setData(const std::vector<analysis::MinuteBucket>& buckets,
                          const std::vector<std::int64_t>& findingTimes)
{
    clear();
    std::map<std::optional<std::string>, std::vector<const analysis::MinuteBucket*>> byHost;
    std::map<std::optional<std::string>, std::string> hostNames;
    double maximum = 1;
    for (const analysis::MinuteBucket& bucket : buckets) {
        byHost[bucket.hostId].push_back(&bucket);
        hostNames[bucket.hostId] = bucket.hostName;
        maximum = std::max(maximum, static_cast<double>(bucket.count));
    }
    auto* timeAxis = new QCategoryAxis(this);
    timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    auto* countAxis = new QValueAxis(this);
    countAxis->setLabelFormat(QStringLiteral("%d"));
    countAxis->setRange(0, maximum * 1.15);
    countAxis->setTickCount(3);
    chart()->addAxis(timeAxis, Qt::AlignBottom);
    chart()->addAxis(countAxis, Qt::AlignLeft);
    applyPalette();

    std::vector<std::pair<std::int64_t, QLineSeries*>> hostTotals;
    for (const auto& [hostId, hostBuckets] : byHost) {
        auto* series = new QLineSeries(this);
        std::int64_t total = 0;
        for (const analysis::MinuteBucket* bucket : hostBuckets)
            total += bucket->count;
        hostTotals.emplace_back(total, series);
        const std::string& name = hostNames[hostId];
        series->setName(name.empty() ? tr("(no host)") : QString::fromStdString(name));
        appendBuckets(series, hostBuckets);
        chart()->addSeries(series);
        // The legend renders a marker's label as HTML, and host.name comes from the events.
        for (QLegendMarker* marker : chart()->legend()->markers(series))
            marker->setLabel(series->name().toHtmlEscaped());
        series->attachAxis(timeAxis);
        series->attachAxis(countAxis);
    }
    showBusiestHostsInLegend(std::move(hostTotals));
    if (!findingTimes.empty()) {
        auto* findings = new QScatterSeries(this);
        findings->setName(tr("findings"));
        findings->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        findings->setMarkerSize(7);
        findings->setColor(QColor(0xd0, 0x20, 0x20));
        findings->setBorderColor(QColor(0xd0, 0x20, 0x20));
        for (const std::int64_t time : findingTimes)
            findings->append(toMilliseconds(time), maximum * 1.08);
        chart()->addSeries(findings);
        findings->attachAxis(timeAxis);
        findings->attachAxis(countAxis);
    }
    timeAxis_ = timeAxis;
    if (!buckets.empty()) {
        const auto [first, last] =
            std::minmax_element(buckets.begin(), buckets.end(),
                                [](const auto& a, const auto& b) { return a.minuteStartNs < b.minuteStartNs; });
        range_ = std::pair(first->minuteStartNs, last->minuteStartNs + minuteNs);
        timeAxis->setStartValue(toMilliseconds(range_->first));
        timeAxis->setRange(toMilliseconds(range_->first), toMilliseconds(range_->second));
    }
    updateTimeLabels();
}

void EventsChart::showBusiestHostsInLegend(std::vector<std::pair<std::int64_t, QLineSeries*>> hostTotals)
{
    std::stable_sort(hostTotals.begin(), hostTotals.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t index = maxLegendHosts; index < hostTotals.size(); ++index) {
        for (QLegendMarker* marker : chart()->legend()->markers(hostTotals[index].second))
            marker->setVisible(false);
    }
}

void EventsChart::setTimeZone(TimelineCanvas::TimeZone zone)
{
    timeZone_ = zone;
    updateTimeLabels();
}

void EventsChart::updateTimeLabels()
{
    if (!timeAxis_)
        return;
    for (const QString& label : timeAxis_->categoriesLabels())
        timeAxis_->remove(label);
    if (!range_)
        return;
    const auto [first, last] = *range_;
    // Before the chart is shown its plot area is empty or a few pixels wide, which would leave no tick at all.
    const double plotWidth = chart()->plotArea().width();
    const double width = plotWidth >= 2 * minLabelSpacingPx ? plotWidth : defaultPlotWidthPx;
    const TimeScale scale = TimeScale::fit(first, last, width);
    const bool withYear = ecs::formatIsoTimestamp(wallClockNs(first, timeZone_), 0).substr(0, 4) !=
                          ecs::formatIsoTimestamp(wallClockNs(last - 1, timeZone_), 0).substr(0, 4);
    const double labelSpacing = withYear ? minLabelSpacingWithYearPx : minLabelSpacingPx;
    const TickStep step = tickStepFor(scale, labelSpacing);
    // Ticks fall on whole steps of the zone's wall clock, with the offset of the middle of the range.
    // NOTE: so across a daylight saving change the ticks after it are an hour off the whole step.
    const std::int64_t middle = first + (last - first) / 2;
    const std::int64_t offset = wallClockNs(middle, timeZone_) - middle;
    const bool withDate = last - first > dayNs;
    for (const std::int64_t tick : tickTimes(scale, width, step, offset)) {
        // A label centred on a tick at the right edge would be cut in half.
        if (scale.toPixel(tick) > width - labelSpacing / 3)
            break;
        timeAxis_->append(tickText(wallClockNs(tick, timeZone_), step.precision, withDate, withYear),
                          toMilliseconds(tick));
    }
}

QStringList EventsChart::timeLabels() const
{
    return timeAxis_ ? timeAxis_->categoriesLabels() : QStringList();
}

double EventsChart::timeLabelValue(const QString& label) const
{
    return timeAxis_ ? timeAxis_->endValue(label) : 0;
}

QList<QLineSeries*> EventsChart::hostSeries() const
{
    QList<QLineSeries*> series;
    for (QAbstractSeries* each : chart()->series()) {
        if (each->type() == QAbstractSeries::SeriesTypeLine)
            series.append(static_cast<QLineSeries*>(each));
    }
    return series;
}

double EventsChart::xForTime(std::int64_t ns) const
{
    if (chart()->series().isEmpty())
        return 0;
    const QPointF inChart = chart()->mapToPosition(QPointF(toMilliseconds(ns), 0), chart()->series().first());
    return mapFromScene(chart()->mapToScene(inChart)).x();
}

void EventsChart::selectRange(double x1, double x2)
{
    const QRectF plot = chart()->plotArea();
    if (plot.width() <= 0 || chart()->series().isEmpty())
        return;
    QAbstractSeries* series = chart()->series().first();
    // Viewport pixels to the chart's own coordinates, in which the plot area is given.
    x1 = chart()->mapFromScene(mapToScene(QPoint(static_cast<int>(x1), 0))).x();
    x2 = chart()->mapFromScene(mapToScene(QPoint(static_cast<int>(x2), 0))).x();
    const double left = std::clamp(std::min(x1, x2), plot.left(), plot.right());
    const double right = std::clamp(std::max(x1, x2), plot.left(), plot.right());
    const QPointF first = chart()->mapToValue(QPointF(left, plot.center().y()), series);
    const QPointF last = chart()->mapToValue(QPointF(right, plot.center().y()), series);
    if (right - left < 3)
        return;
    emit rangeSelected(static_cast<std::int64_t>(first.x()) * millisecondNs,
                       static_cast<std::int64_t>(last.x()) * millisecondNs);
}

void EventsChart::mousePressEvent(QMouseEvent* event)
{
    pressX_ = event->position().x();
    QChartView::mousePressEvent(event);
}

void EventsChart::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        // A right click would zoom the chart out; the chart keeps showing the whole case instead.
        event->accept();
        return;
    }
    // The view's rubber band would zoom the chart; the chart keeps its range and the timeline zooms.
    const double releaseX = event->position().x();
    QChartView::mouseReleaseEvent(event);
    chart()->zoomReset();
    selectRange(pressX_, releaseX);
}

void EventsChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    updateTimeLabels(); // the number of ticks that fit depends on the width
}

} // namespace spoor::ui
