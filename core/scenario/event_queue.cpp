#include "scenario/event_queue.h"

#include <limits>
#include <stdexcept>

namespace spoor::scenario {

namespace {

constexpr std::size_t bufferLimit = 1 << 20;

} // namespace

bool EventQueue::Later::operator()(const Entry& a, const Entry& b) const
{
    if (a.event.time != b.event.time) {
        return a.event.time > b.event.time;
    }
    if (a.event.host != b.event.host) {
        return a.event.host > b.event.host;
    }
    return a.serial > b.serial;
}

void EventQueue::push(std::vector<GeneratedEvent>& events)
{
    for (GeneratedEvent& event : events) {
        heap_.push(Entry{std::move(event), serial_++});
    }
    events.clear();
}

void EventQueue::writeBefore(ecs::TimestampNs horizon)
{
    while (!heap_.empty() && heap_.top().event.time < horizon) {
        const GeneratedEvent& event = heap_.top().event;
        Host& host = hosts_[event.host];
        writer_.append(buffer_, event, host, host.nextSequence++);
        ++written_;
        heap_.pop();
        if (buffer_.size() >= bufferLimit) {
            flushBuffer();
        }
    }
}

void EventQueue::finish()
{
    writeBefore(std::numeric_limits<ecs::TimestampNs>::max());
    flushBuffer();
    out_.flush();
    if (!out_) {
        throw std::runtime_error("writing the generated events failed: the output stream reported an error");
    }
}

void EventQueue::flushBuffer()
{
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    if (!out_) {
        throw std::runtime_error("writing the generated events failed: the output stream reported an error");
    }
}

} // namespace spoor::scenario
