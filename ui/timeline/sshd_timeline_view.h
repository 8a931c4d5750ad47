#pragma once

#include "finding_steps.h"
#include "review_state.h"
#include "timeline/timeline_canvas.h"
#include "timeline/timeline_data.h"

#include <QFutureWatcher>
#include <QWidget>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QToolButton;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class EventsChart;

// The sshd timeline of a case: a chart of events per minute per host above a painted view with one lane
// per sshd connection, grouped by host, each host's listeners first. The steps of the selected finding are
// numbered on their lane. A case with many sshd processes is read on a worker thread, with Cancel.
class SshdTimelineView : public QWidget
{
    Q_OBJECT

public:
    // Cases with at most this many sshd processes are read on the GUI thread, which takes well under 100 ms.
    static constexpr std::int64_t synchronousLoadLimit = 300;

    explicit SshdTimelineView(QWidget* parent = nullptr);
    ~SshdTimelineView() override;

    // Reads the timeline of every host of the case (or clears the view for nullptr).
    void setCase(std::shared_ptr<store::CaseFile> caseFile);
    bool isLoading() const;
    void cancelLoading();

    // Scrolls to the header of a host (nullopt: events without host.id).
    void showHost(const std::optional<std::string>& hostId, const QString& hostName);

    // Places the steps on the lanes that hold their events, in the colour of the finding's review state,
    // zooms to them and scrolls to their lane. Steps whose event is on no lane are left out. While the
    // case loads, the steps are placed when it is loaded.
    void markSteps(const std::vector<FindingStep>& steps, ReviewState state = ReviewState::Unreviewed);
    void clearSteps();

    // Flags the marks of the bookmarked events (note by events.id) on every lane that shows them. The
    // bookmarks stay across case loads until they are set again.
    void setBookmarks(std::map<std::int64_t, QString> bookmarks);
    const std::vector<TimelineBookmarkMark>& bookmarkMarks() const;

    // Outlines the mark of an event selected in another view.
    void setSelectedEvent(std::int64_t eventId);

    const std::vector<TimelineStepMark>& stepMarks() const;
    const std::vector<TimelineLane>& lanes() const;
    TimelineCanvas* canvas() const { return canvas_; }
    EventsChart* chart() const { return chart_; }

public slots:
    // Shows only the lanes with at least one mark on an event of the set (sorted events.id), or every lane
    // for nullptr. Clears the step marks, whose lanes may be hidden.
    void setEventFilter(std::shared_ptr<const std::vector<std::int64_t>> events);
    // Shows only the lanes for which the predicate holds, or every lane for an empty function.
    void setLanePredicate(spoor::ui::LanePredicate visible);

signals:
    void eventActivated(std::int64_t eventId);
    void loaded();

private:
    void showData(TimelineData timeline);
    void startLoading(const std::string& casePath);
    void loadFinished();
    void updateTitle();
    void applyTimeZone(int index);
    QWidget* createHeader();

    std::shared_ptr<store::CaseFile> case_;
    QLabel* title_;
    QToolButton* backButton_;
    QToolButton* cancelButton_;
    QComboBox* timeZone_;
    EventsChart* chart_;
    TimelineCanvas* canvas_;
    QFutureWatcher<void> watcher_;
    struct Load;
    std::shared_ptr<Load> load_; // the running load, shared with its worker
    std::optional<std::pair<std::vector<FindingStep>, ReviewState>> pendingSteps_;
};

} // namespace spoor::ui
