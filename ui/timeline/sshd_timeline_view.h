#pragma once

#include "finding_steps.h"
#include "review_state.h"
#include "timeline/timeline_lane.h"

#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QLabel;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class TimelineCanvas;

// The sshd timeline of one host: one lane per connection (per-connection sshd monitor) with its exec,
// children, exit and disconnect, and the steps of the selected finding numbered on top.
class SshdTimelineView : public QWidget
{
    Q_OBJECT

public:
    explicit SshdTimelineView(QWidget* parent = nullptr);

    // Uses the given connection from now on and clears the view.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    // Shows the connections of a host (nullopt: events without host.id) if it is not shown already.
    void showHost(const std::optional<std::string>& hostId, const QString& hostName);

    // Places the steps on the lanes that hold their events, in the colour of the finding's review state,
    // zooms to them and scrolls to their lane. Steps whose event is on no lane are left out.
    void markSteps(const std::vector<FindingStep>& steps, ReviewState state = ReviewState::Unreviewed);
    void clearSteps();

    const std::vector<TimelineStepMark>& stepMarks() const;
    const std::vector<TimelineLane>& lanes() const;
    TimelineCanvas* canvas() const { return canvas_; }

signals:
    void eventActivated(std::int64_t eventId);

private:
    std::shared_ptr<store::CaseFile> case_;
    std::optional<std::optional<std::string>> shownHost_; // outer nullopt: no host shown yet
    QLabel* title_;
    TimelineCanvas* canvas_;
};

} // namespace spoor::ui
