#include "event_timing_application.h"

#include <QMetaEnum>
#include <QThread>
#include <algorithm>
#include <ctime>

namespace {

std::int64_t clockNs(clockid_t clock)
{
    timespec now{};
    clock_gettime(clock, &now);
    return std::int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

EventTimingApplication::EventTimingApplication(int& argc, char** argv) : QApplication(argc, argv) {}

std::int64_t EventTimingApplication::monotonicNs()
{
    return clockNs(CLOCK_MONOTONIC);
}

std::int64_t EventTimingApplication::threadCpuNs()
{
    return clockNs(CLOCK_THREAD_CPUTIME_ID);
}

QByteArray EventTimingApplication::typeName(QEvent::Type type)
{
    const QMetaEnum types = QMetaEnum::fromType<QEvent::Type>();
    const char* name = types.valueToKey(type);
    return name ? QByteArray(name) : QByteArray::number(int(type));
}

bool EventTimingApplication::notify(QObject* receiver, QEvent* event)
{
    if (QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);

    // The receiver may delete itself during the delivery (DeferredDelete), so it is described beforehand.
    const char* className = receiver->metaObject()->className();
    const QString objectName = receiver->objectName();
    const QEvent::Type type = event->type();
    const std::int64_t startNs = monotonicNs();
    const std::int64_t startCpuNs = threadCpuNs();
    ++depth_;
    const bool handled = QApplication::notify(receiver, event);
    --depth_;
    const std::int64_t endNs = monotonicNs();
    if (endNs - startNs >= slowNs) {
        QByteArray name(className);
        if (!objectName.isEmpty())
            name += " \"" + objectName.toUtf8() + '"';
        slow_.push_back({startNs, endNs, threadCpuNs() - startCpuNs, depth_, type, name});
        if (slow_.size() > maxKept)
            slow_.pop_front();
    }
    return handled;
}

std::vector<EventTimingApplication::Delivery> EventTimingApplication::deliveriesBetween(std::int64_t fromNs,
                                                                                        std::int64_t toNs) const
{
    std::vector<Delivery> found;
    for (const Delivery& delivery : slow_) {
        if (delivery.startNs <= toNs && delivery.endNs >= fromNs)
            found.push_back(delivery);
    }
    std::sort(found.begin(), found.end(),
              [](const Delivery& a, const Delivery& b) { return a.endNs - a.startNs > b.endNs - b.startNs; });
    return found;
}
