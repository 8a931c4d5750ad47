#pragma once

#include "scenario/document_writer.h"
#include "scenario/generated_event.h"
#include "scenario/host.h"

#include <ostream>
#include <queue>
#include <string>
#include <vector>

namespace spoor::scenario {

// Min-heap of events not yet written, so activities can be generated whole while the output stays in time
// order. Holds only the events of activities that are still running at the write horizon.
class EventQueue
{
public:
    EventQueue(std::vector<Host>& hosts, std::ostream& out) : hosts_(hosts), out_(out) {}

    void push(std::vector<GeneratedEvent>& events);
    // Writes every queued event earlier than `horizon`, in time order, numbering event.sequence per agent.
    void writeBefore(ecs::TimestampNs horizon);
    // Writes all queued events and flushes the output. Throws std::runtime_error when the stream fails.
    void finish();

    std::uint64_t written() const { return written_; }
    std::size_t pending() const { return heap_.size(); }

private:
    struct Entry
    {
        GeneratedEvent event;
        std::uint64_t serial = 0;
    };
    // Orders by time, then host, then insertion, so equal timestamps still give one deterministic order.
    struct Later
    {
        bool operator()(const Entry& a, const Entry& b) const;
    };

    void flushBuffer();

    std::vector<Host>& hosts_;
    std::ostream& out_;
    std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
    DocumentWriter writer_;
    std::string buffer_;
    std::uint64_t serial_ = 0;
    std::uint64_t written_ = 0;
};

} // namespace spoor::scenario
