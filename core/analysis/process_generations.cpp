#include "analysis/process_generations.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace spoor::analysis {

namespace {

bool listContains(const std::optional<std::string>& joined, std::string_view element)
{
    if (!joined)
        return false;
    std::string_view rest = *joined;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        if (rest.substr(0, comma) == element)
            return true;
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    return false;
}

template <typename T> void fill(std::optional<T>& target, const std::optional<T>& source)
{
    if (!target && source)
        target = source;
}

template <typename T> void replaceWhenPresent(std::optional<T>& target, const std::optional<T>& source)
{
    if (source)
        target = source;
}

} // namespace

HostGenerationTracker::Kind HostGenerationTracker::classify(const ProcessEventRow& row)
{
    if (row.action == "fork")
        return Kind::Fork;
    if (row.action == "exec")
        return Kind::Exec;
    if (row.action == "already_running")
        return Kind::AlreadyRunning;
    if (row.action == "end")
        return Kind::End;
    // Producers other than Elastic Defend name their actions differently but keep the ECS categorisation.
    if (listContains(row.category, "process")) {
        if (listContains(row.eventType, "start"))
            return Kind::Exec;
        if (listContains(row.eventType, "end"))
            return Kind::End;
    }
    return Kind::Other;
}

void HostGenerationTracker::add(const ProcessEventRow& row)
{
    if (!row.pid && !row.entityId)
        return;
    const Kind kind = classify(row);
    const std::string key = keyFor(row, kind);

    ProcessGeneration* generation = nullptr;
    if (auto found = live_.find(key); found != live_.end()) {
        generation = &found->second;
        if (kind == Kind::Exec) {
            // The producer kept the entity id across exec: the generation now runs the new image.
            replaceWhenPresent(generation->name, row.name);
            replaceWhenPresent(generation->executable, row.executable);
            replaceWhenPresent(generation->commandLine, row.commandLine);
            replaceWhenPresent(generation->userName, row.userName);
        }
        fillMissing(*generation, row);
    } else {
        // An event after the generation's end (a disconnect reported after the exit, for instance) adds
        // nothing to the row already written. A fork, exec or already_running brings a new key, so the
        // lookup is skipped for them. NOTE: a start event imported twice therefore gives a second row.
        const bool startsGeneration = kind == Kind::Fork || kind == Kind::Exec || kind == Kind::AlreadyRunning;
        if (!startsGeneration && sink_.find(row.hostId, key))
            return;
        generation = &create(row, kind, key);
    }

    if (kind == Kind::End) {
        generation->endNs = row.timestampNs;
        generation->exitCode = row.exitCode;
        generation->endEvent = row.eventId;
        retire(key);
    }
}

void HostGenerationTracker::finish()
{
    std::vector<ProcessGeneration*> remaining;
    remaining.reserve(live_.size());
    for (auto& [key, generation] : live_)
        remaining.push_back(&generation);
    std::sort(remaining.begin(), remaining.end(),
              [](const ProcessGeneration* a, const ProcessGeneration* b) { return a->firstEvent < b->firstEvent; });
    for (const ProcessGeneration* generation : remaining)
        sink_.write(*generation);
    live_.clear();
    pids_.clear();
    endedPids_.clear();
}

std::string HostGenerationTracker::keyFor(const ProcessEventRow& row, Kind kind)
{
    if (row.entityId)
        return *row.entityId;
    const auto slot = pids_.find(*row.pid);
    const bool startsGeneration = kind == Kind::Fork || kind == Kind::Exec || kind == Kind::AlreadyRunning;
    if (!startsGeneration && slot != pids_.end())
        return slot->second.key;

    std::optional<std::int64_t> start = sink_.processStart(row.eventId);
    if (!start)
        start = row.timestampNs;
    std::string key = inferredKey(row, start);
    // process.start of an exec is the fork time, which would merge the exec into the fork generation.
    if (kind == Kind::Exec && slot != pids_.end() && slot->second.key == key)
        key = inferredKey(row, row.timestampNs) + "|" + std::to_string(row.eventId);
    return key;
}

std::string HostGenerationTracker::inferredKey(const ProcessEventRow& row, std::optional<std::int64_t> start) const
{
    return row.hostId.value_or("") + "|" + std::to_string(*row.pid) + "|" +
           (start ? std::to_string(*start) : std::string("?"));
}

std::optional<std::string> HostGenerationTracker::parentKeyFor(const ProcessEventRow& row) const
{
    if (row.parentEntityId)
        return row.parentEntityId;
    // pid 0 is the kernel: its children (systemd, kthreadd) are real roots.
    if (!row.parentPid || *row.parentPid <= 0)
        return std::nullopt;
    if (const auto slot = pids_.find(*row.parentPid); slot != pids_.end())
        return slot->second.key;
    // The parent is outside the dump; the key names it by pid alone and stays unresolved (an orphan).
    return row.hostId.value_or("") + "|" + std::to_string(*row.parentPid);
}

ProcessGeneration& HostGenerationTracker::create(const ProcessEventRow& row, Kind kind, const std::string& key)
{
    ProcessGeneration generation;
    generation.id = nextId_++;
    generation.key = key;
    generation.inferred = !row.entityId;
    generation.firstEvent = row.eventId;
    if (kind == Kind::Fork || kind == Kind::Exec) {
        generation.startNs = row.timestampNs;
        generation.startEvent = row.eventId;
    } else {
        generation.startNs = sink_.processStart(row.eventId);
    }
    fillMissing(generation, row);

    if (row.pid) {
        auto slot = pids_.find(*row.pid);
        const bool slotLive = slot != pids_.end() && !slot->second.ended;
        if (kind == Kind::Exec)
            linkExecToPrevious(generation, row);
        else if (slotLive && kind != Kind::Other)
            retire(slot->second.key); // the pid was reused; the earlier generation's end is not in the dump
        if (kind != Kind::Other || !slotLive)
            pids_[*row.pid] = PidSlot{key, false};
    }
    return live_.emplace(key, std::move(generation)).first->second;
}

void HostGenerationTracker::linkExecToPrevious(ProcessGeneration& generation, const ProcessEventRow& row)
{
    const auto slot = pids_.find(*row.pid);
    if (slot == pids_.end() || slot->second.ended)
        return;
    const auto previous = live_.find(slot->second.key);
    if (previous == live_.end())
        return;
    const ProcessGeneration& before = previous->second;
    // The exec event may name the forking parent or the fork generation itself. Any other parent means that
    // the pid was reused and the earlier generation ended without an end event.
    const bool sameLineage = !generation.parentKey || before.parentKey == generation.parentKey ||
                             before.key == generation.parentKey ||
                             (before.parentPid && row.parentPid && *before.parentPid == *row.parentPid);
    if (sameLineage) {
        generation.parentKey = before.key;
        generation.parentId = before.id;
        previous->second.endNs = row.timestampNs;
    }
    retire(slot->second.key);
}

void HostGenerationTracker::fillMissing(ProcessGeneration& generation, const ProcessEventRow& row)
{
    fill(generation.hostId, row.hostId);
    fill(generation.hostName, row.hostName);
    fill(generation.pid, row.pid);
    fill(generation.parentPid, row.parentPid);
    fill(generation.name, row.name);
    fill(generation.executable, row.executable);
    fill(generation.commandLine, row.commandLine);
    fill(generation.userName, row.userName);
    fill(generation.startNs, row.timestampNs);
    if (!generation.parentKey)
        setParent(generation, parentKeyFor(row));
}

void HostGenerationTracker::setParent(ProcessGeneration& generation, std::optional<std::string> parentKey)
{
    generation.parentKey = std::move(parentKey);
    generation.parentId.reset();
    if (!generation.parentKey)
        return;
    if (const auto live = live_.find(*generation.parentKey); live != live_.end())
        generation.parentId = live->second.id;
    else
        generation.parentId = sink_.find(generation.hostId, *generation.parentKey);
}

void HostGenerationTracker::retire(const std::string& key)
{
    const auto found = live_.find(key);
    if (found == live_.end())
        return;
    sink_.write(found->second);
    if (found->second.pid) {
        auto slot = pids_.find(*found->second.pid);
        if (slot != pids_.end() && slot->second.key == key && !slot->second.ended)
            rememberEnd(slot->first, slot->second);
    }
    live_.erase(found);
}

// Marks the pid's generation as ended and drops the oldest ended pid past the limit. A pid that was reused
// since its end was queued has a newer end sequence, or is live, and stays.
void HostGenerationTracker::rememberEnd(std::int64_t pid, PidSlot& slot)
{
    slot.ended = true;
    slot.endSequence = ++endCount_;
    endedPids_.push_back({pid, slot.endSequence});
    while (endedPids_.size() > endedPidLimit_) {
        const EndedPid oldest = endedPids_.front();
        endedPids_.pop_front();
        const auto found = pids_.find(oldest.pid);
        if (found != pids_.end() && found->second.ended && found->second.endSequence == oldest.endSequence)
            pids_.erase(found);
    }
}

} // namespace spoor::analysis
