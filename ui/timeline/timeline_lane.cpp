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

TimelineMark* addMark(TimelineLane& lane, TimelineMark::Kind kind, std::optional<std::int64_t> timeNs,
                      std::optional<std::int64_t> eventId, const QString& text)
{
    if (!timeNs || !eventId)
        return nullptr;
    lane.marks.push_back({kind, *timeNs, *eventId, text, {}, {}, {}});
    return &lane.marks.back();
}

void addAccept(TimelineLane& lane, const analysis::SshdConnection& connection)
{
    if (!connection.accept)
        return;
    const QString client = QString::fromStdString(connection.accept->sourceIp.value_or(""));
    const QString port = connection.accept->sourcePort ? QString::number(*connection.accept->sourcePort) : QString();
    const QString from = port.isEmpty() ? client : client + QLatin1Char(':') + port;
    if (auto* mark = addMark(lane, TimelineMark::Kind::Accept, connection.accept->timeNs, connection.accept->eventId,
                             tr("connection accepted from %1").arg(from)))
        mark->pid = connection.accept->pid;
}

void addExecAndExit(TimelineLane& lane, const analysis::SshdConnection& process)
{
    const QString commandLine = QString::fromStdString(process.commandLine);
    if (auto* exec = addMark(lane, TimelineMark::Kind::Exec, process.execNs, process.execEventId, tr("exec"))) {
        exec->pid = process.pid;
        exec->commandLine = commandLine;
    }
    if (auto* exit = addMark(lane, TimelineMark::Kind::Exit, process.exitNs, process.exitEventId, tr("exit"))) {
        exit->pid = process.pid;
        exit->commandLine = commandLine;
        exit->exitCode = process.exitCode;
    }
}

void sortMarks(TimelineLane& lane)
{
    std::stable_sort(lane.marks.begin(), lane.marks.end(),
                     [](const TimelineMark& a, const TimelineMark& b) { return a.timeNs < b.timeNs; });
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
    if (!marks.empty()) {
        extend(marks.front().timeNs);
        extend(marks.back().timeNs);
    }
    return range;
}

bool TimelineLane::hasEvent(std::int64_t eventId) const
{
    return std::any_of(marks.begin(), marks.end(),
                       [eventId](const TimelineMark& mark) { return mark.eventId == eventId; });
}

TimelineLane laneForConnection(const analysis::SshdConnection& connection)
{
    TimelineLane lane;
    lane.role = TimelineLane::Role::Connection;
    lane.processId = connection.processId;
    const QString pid = connection.pid ? QString::number(*connection.pid) : tr("?");
    if (connection.accept && connection.accept->sourceIp)
        lane.label = tr("sshd %1 ← %2").arg(pid, QString::fromStdString(*connection.accept->sourceIp));
    else
        lane.label = tr("sshd %1").arg(pid);
    lane.startNs = connection.execNs;
    lane.endNs = connection.exitNs;

    addAccept(lane, connection);
    addExecAndExit(lane, connection);
    for (const analysis::SshdChild& child : connection.children) {
        if (auto* mark = addMark(lane, TimelineMark::Kind::Child, child.timeNs, child.eventId,
                                 tr("child %1 (depth %2), user %3")
                                     .arg(QString::fromStdString(child.name))
                                     .arg(child.depth)
                                     .arg(QString::fromStdString(child.user)))) {
            mark->pid = child.pid;
            mark->commandLine = QString::fromStdString(child.commandLine);
        }
    }
    if (connection.disconnect) {
        if (auto* mark = addMark(
                lane, TimelineMark::Kind::Disconnect, connection.disconnect->timeNs, connection.disconnect->eventId,
                connection.disconnectByMonitor ? tr("disconnect received") : tr("disconnect received by a child")))
            mark->pid = connection.disconnect->pid;
    }
    sortMarks(lane);
    return lane;
}

TimelineLane laneForListener(const analysis::SshdConnection& listener,
                             const std::vector<analysis::SshdConnection>& connections)
{
    TimelineLane lane;
    lane.role = TimelineLane::Role::Listener;
    lane.processId = listener.processId;
    const QString pid = listener.pid ? QString::number(*listener.pid) : tr("?");
    lane.label = tr("listener sshd %1").arg(pid);
    lane.startNs = listener.execNs;
    lane.endNs = listener.exitNs;
    addExecAndExit(lane, listener);
    for (const analysis::SshdConnection& connection : connections) {
        if (connection.role == analysis::SshdConnection::Role::Monitor &&
            connection.listenerProcessId == listener.processId && connection.hostId == listener.hostId)
            addAccept(lane, connection);
    }
    sortMarks(lane);
    return lane;
}

} // namespace spoor::ui
