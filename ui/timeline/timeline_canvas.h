#pragma once

#include "timeline/lane_layout.h"
#include "timeline/time_scale.h"
#include "timeline/timeline_bookmarks.h"
#include "timeline/timeline_lane.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace spoor::ui {

// A painted view of sshd lanes against a horizontal time axis, grouped by host under header rows. Only the
// rows and marks inside the viewport are painted, so a repaint costs the same for 100 or 100,000 lanes.
// The wheel zooms around the mouse (Shift+wheel scrolls the lanes), dragging pans, Shift+drag or a right
// drag zooms to a rubber band, and arrow keys, Page Up/Down, +, -, Backspace (back) and Home (reset) work
// when the view has the focus. Clicking a mark emits its event; hovering shows what the mark is.
class TimelineCanvas : public QAbstractScrollArea
{
    Q_OBJECT

public:
    static constexpr int labelWidth = 190;
    static constexpr int axisHeight = 24;
    static constexpr int rowHeight = 22;

    enum class TimeZone { Utc, Local };

    explicit TimelineCanvas(QWidget* parent = nullptr);

    // Shows new lanes (each naming its host by index into `hosts`), clears the step marks and the zoom
    // stack, and fits the whole time range. The bookmarks are kept and placed on the new lanes.
    void setData(std::vector<TimelineHost> hosts, std::vector<TimelineLane> lanes);
    const std::vector<TimelineLane>& lanes() const { return lanes_; }
    const std::vector<TimelineHost>& hosts() const { return hosts_; }
    const std::vector<TimelineRow>& rows() const { return rows_; }
    // Returns the row showing a lane, or -1 when the lane is hidden by the filter.
    int rowOfLane(int lane) const;

    // Hides the lanes for which `visible` returns false; an empty function shows every lane.
    void setLaneFilter(std::function<bool(const TimelineLane&)> visible);
    bool isFiltered() const { return static_cast<bool>(laneFilter_); }

    // Draws the steps of a finding as numbered circles filled with `fill`, joined by a bracket.
    void setStepMarks(std::vector<TimelineStepMark> marks, const QColor& fill);
    const std::vector<TimelineStepMark>& stepMarks() const { return stepMarks_; }
    QColor stepFill() const { return stepFill_; }

    // Flags the marks of the bookmarked events (note by events.id) and adds the note to their tool tips.
    void setBookmarks(std::map<std::int64_t, QString> bookmarks);
    const std::map<std::int64_t, QString>& bookmarks() const { return bookmarks_; }
    const std::vector<TimelineBookmarkMark>& bookmarkMarks() const { return bookmarkMarks_; }

    // Outlines the mark of one event, for instance the event selected in another view; 0 outlines none.
    void setSelectedEvent(std::int64_t eventId);

    const TimeScale& scale() const { return scale_; }
    void setScale(const TimeScale& scale);
    // Zooms to [firstNs, lastNs] with some room on both sides, after pushing the current scale on the
    // zoom stack.
    void zoomToRange(std::int64_t firstNs, std::int64_t lastNs);
    // Shows the whole time range of every lane and empties the zoom stack.
    void fitAll();
    // Returns to the scale before the last zoom; false when the zoom stack is empty.
    bool zoomBack();
    const ZoomStack& zoomStack() const { return zoomStack_; }
    void ensureLaneVisible(int lane);

    void setTimeZone(TimeZone zone);
    TimeZone timeZone() const { return timeZone_; }
    // Returns the text of the axis's left corner: the time zone, and the date at the left edge when the ticks
    // show no date. Without lanes it is the zone alone.
    QString axisCornerText() const;

    double timeAreaWidth() const;
    int verticalScroll() const;
    // Returns the tool tip text, as HTML, for a viewport position. Over a mark it names the kind, time, pid,
    // command line, exit code and bookmark note. Over a host row or a lane's label it names those, and elsewhere
    // it is empty.
    QString toolTipAt(QPoint position) const;
    // Returns the event of the mark at a viewport position, or 0.
    std::int64_t eventAt(QPoint position) const;

signals:
    void scaleChanged();
    void eventClicked(std::int64_t eventId);
    void zoomStackChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Drag
    {
        enum class Mode { None, Pan, RubberBand };
        Mode mode = Mode::None;
        double startX = 0;
        double lastX = 0;
    };

    void rebuildRows();
    void updateScrollBars();
    void horizontalScrolled(int value);
    std::optional<std::pair<std::int64_t, std::int64_t>> dataRange() const;
    std::int64_t utcOffsetNs() const;
    QString timeText(std::int64_t ns) const;
    const TimelineLane* laneAtRow(int row) const;
    double xFor(std::int64_t ns) const { return labelWidth + scale_.toPixel(ns); }
    void pushZoom();

    // Painting, in timeline_canvas_paint.cpp.
    void paintRows(QPainter& painter, int firstRow, int lastRow);
    void paintLane(QPainter& painter, const TimelineLane& lane, double top, bool highlighted);
    void paintHostRow(QPainter& painter, const TimelineHost& host, int hostIndex, double top);
    void paintMark(QPainter& painter, const TimelineMark& mark, double x, double middle);
    void paintBookmarkMarks(QPainter& painter, int firstRow, int lastRow);
    void paintStepMarks(QPainter& painter);
    void paintAxis(QPainter& painter);
    void paintRubberBand(QPainter& painter);

    std::vector<TimelineHost> hosts_;
    std::vector<TimelineLane> lanes_;
    std::vector<int> laneCountOfHost_;
    std::vector<TimelineRow> rows_;
    std::vector<int> rowOfLane_;
    std::function<bool(const TimelineLane&)> laneFilter_;
    std::vector<TimelineStepMark> stepMarks_;
    QColor stepFill_;
    std::map<std::int64_t, QString> bookmarks_;
    std::vector<TimelineBookmarkMark> bookmarkMarks_;
    std::int64_t selectedEvent_ = 0;
    TimeScale scale_;
    ZoomStack zoomStack_;
    bool wheelZooming_ = false; // a run of wheel zooms pushes one entry on the zoom stack
    RowGeometry geometry_{axisHeight, rowHeight};
    TimeZone timeZone_ = TimeZone::Utc;
    Drag drag_;
    bool updatingScrollBars_ = false;
};

// Returns the colour of a mark: by kind, and for an exit by its code (0, 255, other or unknown).
QColor timelineMarkColor(const TimelineMark& mark);

} // namespace spoor::ui
