#include "timeline/timeline_lane.h"

#include "analysis/sshd_connections.h"

#include <QCoreApplication>
#include <algorithm>

namespace spoor::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("spoor::ui::TimelineLane", text);
}

void addMark(TimelineLane& lane, TimelineMark::Kind kind, std::optional<std::int64_t> timeNs,
             std::optional<std::int64_t> eventId, const QString& text)
{
    if (timeNs && eventId)
        lane.marks.push_back({kind, *timeNs, *eventId, text});
}

} // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> TimelineLane::timeRange() const
{
    std::optional<std::pair<std::int64_t, std::int64_t>> range;
    auto extend = [&range](std::int64_t ns) {
        range = range ? std::pair(std::min(range->first, ns), std::max(range->second, ns)) : std::pair(ns, ns);
    };
    if (startNs)
        extend(*startNs);
    if (endNs)
        extend(*endNs);
    for (const TimelineMark& mark : marks)
        extend(mark.timeNs);
    return range;
}

TimelineLane laneForConnection(const analysis::SshdConnection& connection)
{
    TimelineLane lane;
    lane.processId = connection.processId;
    const QString pid = connection.pid ? QString::number(*connection.pid) : tr("?");
    lane.label =
        connection.exitCode ? tr("sshd %1, exit %2").arg(pid).arg(*connection.exitCode) : tr("sshd %1").arg(pid);
    lane.startNs = connection.execNs;
    lane.endNs = connection.exitNs;

    if (connection.accept) {
        const QString client = QString::fromStdString(connection.accept->sourceIp.value_or(""));
        addMark(lane, TimelineMark::Kind::Accept, connection.accept->timeNs, connection.accept->eventId,
                tr("connection accepted from %1").arg(client));
    }
    addMark(lane, TimelineMark::Kind::Exec, connection.execNs, connection.execEventId,
            tr("exec %1").arg(QString::fromStdString(connection.commandLine)));
    for (const analysis::SshdChild& child : connection.children) {
        addMark(lane, TimelineMark::Kind::Child, child.timeNs, child.eventId,
                tr("child (depth %1) %2").arg(child.depth).arg(QString::fromStdString(child.commandLine)));
    }
    const QString exitCode = connection.exitCode ? QString::number(*connection.exitCode) : tr("unknown");
    addMark(lane, TimelineMark::Kind::Exit, connection.exitNs, connection.exitEventId,
            tr("exit, code %1").arg(exitCode));
    if (connection.disconnect) {
        addMark(lane, TimelineMark::Kind::Disconnect, connection.disconnect->timeNs, connection.disconnect->eventId,
                connection.disconnectByMonitor ? tr("disconnect received") : tr("disconnect received by a child"));
    }
    std::stable_sort(lane.marks.begin(), lane.marks.end(),
                     [](const TimelineMark& a, const TimelineMark& b) { return a.timeNs < b.timeNs; });
    return lane;
}

} // namespace spoor::ui
