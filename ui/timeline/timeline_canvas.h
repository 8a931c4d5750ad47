#pragma once

#include "timeline/time_scale.h"
#include "timeline/timeline_lane.h"

#include <QColor>
#include <QGraphicsView>
#include <cstdint>
#include <vector>

class QGraphicsScene;

namespace spoor::ui {

// Draws sshd lanes against a horizontal time axis. The wheel zooms the time axis around the mouse,
// Shift+wheel scrolls the lanes, dragging pans in time and clicking a mark emits its event. The scene
// is rebuilt from the lanes and the TimeScale whenever either changes, so only the visible time range
// is ever drawn.
class TimelineCanvas : public QGraphicsView
{
    Q_OBJECT

public:
    static constexpr int labelWidth = 150;
    static constexpr int axisHeight = 24;
    static constexpr int laneHeight = 22;

    explicit TimelineCanvas(QWidget* parent = nullptr);

    void setLanes(std::vector<TimelineLane> lanes);
    const std::vector<TimelineLane>& lanes() const { return lanes_; }

    // Draws the steps of a finding as numbered circles filled with `fill` (the finding's review colour).
    void setStepMarks(std::vector<TimelineStepMark> marks, const QColor& fill);
    const std::vector<TimelineStepMark>& stepMarks() const { return stepMarks_; }
    QColor stepFill() const { return stepFill_; }

    const TimeScale& scale() const { return scale_; }
    void setScale(const TimeScale& scale);

    // Shows the whole time range of every lane.
    void fitAll();
    // Shows [firstNs, lastNs] with some room on both sides.
    void fitRange(std::int64_t firstNs, std::int64_t lastNs);
    void ensureLaneVisible(int lane);

    double timeAreaWidth() const;

signals:
    void scaleChanged();
    void eventClicked(std::int64_t eventId);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void rebuild();
    std::vector<std::int64_t> tickTimes(std::int64_t& stepNs) const;
    void drawGrid(double sceneHeight);
    void drawLane(int index, const TimelineLane& lane, bool highlighted);
    void drawMark(const TimelineMark& mark, double y);
    void drawStepMarks();
    double xFor(std::int64_t ns) const;

    QGraphicsScene* scene_;
    std::vector<TimelineLane> lanes_;
    std::vector<TimelineStepMark> stepMarks_;
    QColor stepFill_;
    TimeScale scale_;
    bool dragging_ = false;
    double dragX_ = 0;
};

} // namespace spoor::ui
