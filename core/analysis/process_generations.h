#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

namespace spoor::analysis {

// The hot columns of one event that carries a process (pid or process.entity_id).
struct ProcessEventRow
{
    std::int64_t eventId = 0;
    std::optional<std::string> hostId;
    std::optional<std::string> hostName;
    std::optional<std::int64_t> timestampNs;
    std::optional<std::int64_t> pid;
    std::optional<std::int64_t> parentPid;
    std::optional<std::string> entityId;
    std::optional<std::string> parentEntityId;
    std::optional<std::string> name;
    std::optional<std::string> executable;
    std::optional<std::string> commandLine;
    std::optional<std::string> userName;
    std::optional<std::int64_t> exitCode;
    std::optional<std::string> action;
    std::optional<std::string> category;  // event.category elements joined with ','
    std::optional<std::string> eventType; // event.type elements joined with ','
};

// One process generation, as written to the processes table. parentPid is the operating-system parent
// from the events; parentKey is the tree parent, which for an exec is the generation it replaced.
struct ProcessGeneration
{
    std::int64_t id = 0;
    std::string key;
    bool inferred = false;
    std::optional<std::string> parentKey;
    std::optional<std::int64_t> parentId;
    std::optional<std::string> hostId;
    std::optional<std::string> hostName;
    std::optional<std::int64_t> pid;
    std::optional<std::int64_t> parentPid;
    std::optional<std::string> name;
    std::optional<std::string> executable;
    std::optional<std::string> commandLine;
    std::optional<std::string> userName;
    std::optional<std::int64_t> startNs;
    std::optional<std::int64_t> endNs;
    std::optional<std::int64_t> exitCode;
    std::int64_t firstEvent = 0;
    std::optional<std::int64_t> startEvent;
    std::optional<std::int64_t> endEvent;
};

// What the tracker needs from the case: finished generations go out, and it asks about earlier ones.
class GenerationSink
{
public:
    virtual ~GenerationSink() = default;
    virtual void write(const ProcessGeneration& generation) = 0;
    // Returns the row id of the generation with this key already written for the host.
    virtual std::optional<std::int64_t> find(const std::optional<std::string>& hostId, const std::string& key) = 0;
    // process.start of the event's document, in nanoseconds.
    virtual std::optional<std::int64_t> processStart(std::int64_t eventId) = 0;
};

// Builds the process generations of one host at a time from its events in time order. Memory holds the
// live generations and the generation keys of the live pids and of the most recently ended pids. Row ids are
// assigned from firstId on, so a child's parent_id is known when its parent was seen first. The other parent
// ids stay NULL with parent_key set.
class HostGenerationTracker
{
public:
    // Number of ended pids whose last generation key is kept by default. A host that runs a million processes
    // cycles through a million pids, and keeping all of them took about 170 MB.
    static constexpr std::size_t defaultEndedPidLimit = 100'000;

    // NOTE: an event naming a pid whose generation ended more than endedPidLimit process ends earlier is read
    // as if that pid had never been seen. Without entity ids it starts a new inferred generation, and a child
    // that names it by parent pid alone becomes an orphan.
    HostGenerationTracker(GenerationSink& sink, std::int64_t firstId, std::size_t endedPidLimit = defaultEndedPidLimit)
        : sink_(sink), nextId_(firstId), endedPidLimit_(endedPidLimit)
    {}

    void add(const ProcessEventRow& row);

    // Writes the generations that never ended in the dump, ordered by their first event, and forgets the
    // host's pids.
    void finish();

    // Number of pids whose generation key is kept, live or ended.
    std::size_t trackedPids() const { return pids_.size(); }

private:
    enum class Kind { Fork, Exec, AlreadyRunning, End, Other };
    struct PidSlot
    {
        std::string key;
        bool ended = false;
        std::uint64_t endSequence = 0; // position of the end in endedPids_, valid when ended
    };
    struct EndedPid
    {
        std::int64_t pid = 0;
        std::uint64_t endSequence = 0;
    };

    static Kind classify(const ProcessEventRow& row);
    std::string keyFor(const ProcessEventRow& row, Kind kind);
    std::string inferredKey(const ProcessEventRow& row, std::optional<std::int64_t> start) const;
    std::optional<std::string> parentKeyFor(const ProcessEventRow& row) const;
    void setParent(ProcessGeneration& generation, std::optional<std::string> parentKey);
    ProcessGeneration& create(const ProcessEventRow& row, Kind kind, const std::string& key);
    void linkExecToPrevious(ProcessGeneration& generation, const ProcessEventRow& row);
    void fillMissing(ProcessGeneration& generation, const ProcessEventRow& row);
    void retire(const std::string& key);
    void rememberEnd(std::int64_t pid, PidSlot& slot);

    GenerationSink& sink_;
    std::int64_t nextId_;
    std::unordered_map<std::string, ProcessGeneration> live_;
    std::unordered_map<std::int64_t, PidSlot> pids_;
    std::deque<EndedPid> endedPids_; // oldest end first
    std::uint64_t endCount_ = 0;
    std::size_t endedPidLimit_;
};

} // namespace spoor::analysis
