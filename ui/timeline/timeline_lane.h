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
    QString text; // what happened, for the tool tip
    std::optional<std::int64_t> pid;
    QString commandLine;
    std::optional<std::int64_t> exitCode; // Exit marks; nullopt when the end event has no exit code
};

// One sshd process of a host as a lane of the timeline: a connection (its per-connection monitor) or a
// listener, whose marks are the connections it accepted.
struct TimelineLane
{
    enum class Role { Listener, Connection };

    Role role = Role::Connection;
    int host = 0;               // index into the timeline's host list
    std::int64_t processId = 0; // processes.id of the sshd process
    QString label;
    std::optional<std::int64_t> startNs;
    std::optional<std::int64_t> endNs;
    std::vector<TimelineMark> marks; // by time

    // Returns the first and last time of the lane, or nullopt when it has no time at all.
    std::optional<std::pair<std::int64_t, std::int64_t>> timeRange() const;
    bool hasEvent(std::int64_t eventId) const;
};

// A host heading the lanes of its sshd processes.
struct TimelineHost
{
    std::optional<std::string> hostId;
    QString name;
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

// Builds the lane of a listener: its own exec and exit, and the accepts of the connections it forked.
TimelineLane laneForListener(const analysis::SshdConnection& listener,
                             const std::vector<analysis::SshdConnection>& connections);

} // namespace spoor::ui
