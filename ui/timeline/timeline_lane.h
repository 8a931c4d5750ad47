#pragma once

#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace spoor::analysis {
struct SshdConnection;
}

namespace spoor::ui {

// One event drawn on a timeline lane.
struct TimelineMark
{
    enum class Kind { Accept, Exec, Child, Exit, Disconnect };

    Kind kind = Kind::Exec;
    std::int64_t timeNs = 0;
    std::int64_t eventId = 0;
    QString text; // tool tip
};

// One sshd connection (its per-connection monitor process) as a lane of the timeline.
struct TimelineLane
{
    std::int64_t processId = 0; // processes.id of the monitor
    QString label;
    std::optional<std::int64_t> startNs;
    std::optional<std::int64_t> endNs;
    std::vector<TimelineMark> marks; // by time

    // Returns the first and last time of the lane, or nullopt when it has no time at all.
    std::optional<std::pair<std::int64_t, std::int64_t>> timeRange() const;
};

// A finding step placed on a lane.
struct TimelineStepMark
{
    int number = 0; // 1-based
    std::int64_t eventId = 0;
    int lane = -1;
    std::int64_t timeNs = 0;
};

// Builds the lane of a monitor connection from the analysis of sshd processes.
TimelineLane laneForConnection(const analysis::SshdConnection& connection);

} // namespace spoor::ui
