#pragma once

#include "analysis/event_histogram.h"
#include "timeline/timeline_canvas.h"

#include <QChartView>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

class QCategoryAxis;
class QLineSeries;

namespace spoor::ui {

// The summary above the sshd timeline: one line per host with its events per minute, and the findings'
// start times as marks along the top. Dragging across the chart selects a time range and emits it instead
// of zooming the chart. Lines rather than stacked areas, so that a quiet host stays readable next to a busy one.
// The time axis labels its ticks in the display time zone, UTC or local time, like the timeline below it.
class EventsChart : public QChartView
{
    Q_OBJECT

public:
    explicit EventsChart(QWidget* parent = nullptr);

    void setData(const std::vector<analysis::MinuteBucket>& buckets, const std::vector<std::int64_t>& findingTimes);
    void clear();

    // Labels the time axis in UTC or in the local time zone.
    void setTimeZone(TimelineCanvas::TimeZone zone);
    TimelineCanvas::TimeZone timeZone() const { return timeZone_; }
    // The time axis's tick labels, left to right, and the time of each in milliseconds since the epoch.
    QStringList timeLabels() const;
    double timeLabelValue(const QString& label) const;

    // The per-host series in host order, for tests; the findings' marks are not among them.
    QList<QLineSeries*> hostSeries() const;
    // Returns the viewport x of a time, for tests and for the screenshot script's drag.
    double xForTime(std::int64_t ns) const;

    // Emits rangeSelected for the chart's x positions x1 and x2 (viewport pixels), as a drag does.
    void selectRange(double x1, double x2);

signals:
    void rangeSelected(std::int64_t firstNs, std::int64_t lastNs);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    // Hides the legend entries of all but the busiest hosts, given each host's event count and series.
    void showBusiestHostsInLegend(std::vector<std::pair<std::int64_t, QLineSeries*>> hostTotals);
    void updateTimeLabels();

    double pressX_ = 0;
    TimelineCanvas::TimeZone timeZone_ = TimelineCanvas::TimeZone::Utc;
    QCategoryAxis* timeAxis_ = nullptr;                          // owned by the chart, null without data
    std::optional<std::pair<std::int64_t, std::int64_t>> range_; // the time axis's range in nanoseconds
};

} // namespace spoor::ui
