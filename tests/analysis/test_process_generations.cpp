// HostGenerationTracker on its own, with the generations kept in memory instead of a case file.

#include "analysis/process_generations.h"

#include <QtTest>

#include <map>
#include <string>
#include <vector>

using spoor::analysis::GenerationSink;
using spoor::analysis::HostGenerationTracker;
using spoor::analysis::ProcessEventRow;
using spoor::analysis::ProcessGeneration;

namespace {

class MemorySink : public GenerationSink
{
public:
    void write(const ProcessGeneration& generation) override
    {
        written.push_back(generation);
        idByKey[generation.key] = generation.id;
    }

    std::optional<std::int64_t> find(const std::optional<std::string>&, const std::string& key) override
    {
        const auto found = idByKey.find(key);
        return found == idByKey.end() ? std::nullopt : std::optional<std::int64_t>(found->second);
    }

    std::optional<std::int64_t> processStart(std::int64_t) override { return std::nullopt; }

    std::vector<ProcessGeneration> written;
    std::map<std::string, std::int64_t> idByKey;
};

// An event of a process without process.entity_id, so that the tracker keys it by host, pid and start.
ProcessEventRow row(std::int64_t eventId, std::int64_t timeNs, std::int64_t pid, const char* action)
{
    ProcessEventRow event;
    event.eventId = eventId;
    event.hostId = "host-1";
    event.timestampNs = timeNs;
    event.pid = pid;
    event.parentPid = 1;
    event.name = "sh";
    event.action = action;
    return event;
}

} // namespace

class TestProcessGenerations : public QObject
{
    Q_OBJECT

private slots:
    void endedPidsAreBounded()
    {
        MemorySink sink;
        constexpr std::size_t limit = 50;
        HostGenerationTracker tracker(sink, 1, limit);
        std::int64_t eventId = 0;
        const auto add = [&](std::int64_t pid, const char* action) {
            ++eventId;
            tracker.add(row(eventId, eventId * 1000, pid, action));
        };
        for (std::int64_t pid = 100; pid < 400; ++pid) {
            add(pid, "fork");
            add(pid, "end");
        }
        QCOMPARE(sink.written.size(), std::size_t(300));
        QCOMPARE(tracker.trackedPids(), limit);

        // A pid that is still running is kept whatever the number of ends after it.
        add(5000, "fork");
        const std::int64_t runningStart = eventId;
        for (std::int64_t pid = 400; pid < 500; ++pid) {
            add(pid, "fork");
            add(pid, "end");
        }
        QCOMPARE(tracker.trackedPids(), limit + 1);
        add(5000, "end");
        QCOMPARE(sink.written.back().pid, std::optional<std::int64_t>(5000));
        QCOMPARE(sink.written.back().startEvent, std::optional<std::int64_t>(runningStart));
        QCOMPARE(sink.written.back().endEvent, std::optional<std::int64_t>(eventId));
    }

    // A late event of an ended pid, such as a network event reported after the exit, adds no generation.
    void recentlyEndedPidKeepsGeneration()
    {
        MemorySink sink;
        HostGenerationTracker tracker(sink, 1, 2);
        tracker.add(row(1, 10, 700, "fork"));
        tracker.add(row(2, 20, 700, "end"));
        tracker.add(row(3, 30, 701, "fork"));
        tracker.add(row(4, 40, 701, "end"));
        tracker.add(row(5, 50, 700, "connection_attempted"));
        tracker.finish();
        QCOMPARE(sink.written.size(), std::size_t(2));
    }

    // A reused pid queues its first end again; forgetting that stale entry must keep the live generation.
    void reusedPidSurvivesStaleEnd()
    {
        MemorySink sink;
        HostGenerationTracker tracker(sink, 1, 1);
        tracker.add(row(1, 10, 700, "fork"));
        tracker.add(row(2, 20, 700, "end"));
        tracker.add(row(3, 30, 700, "fork")); // the pid is reused
        tracker.add(row(4, 40, 701, "fork"));
        tracker.add(row(5, 50, 701, "end")); // pushes the stale end of the first 700 out
        QCOMPARE(tracker.trackedPids(), std::size_t(2));
        tracker.add(row(6, 60, 700, "end"));
        QCOMPARE(sink.written.size(), std::size_t(3));
        QCOMPARE(sink.written.back().startEvent, std::optional<std::int64_t>(3));
        QCOMPARE(sink.written.back().endEvent, std::optional<std::int64_t>(6));
    }
};

QTEST_GUILESS_MAIN(TestProcessGenerations)
#include "test_process_generations.moc"
