#pragma once

#include "jobs/worker_pool.h"

#include <memory>
#include <utility>

namespace spoor::ui {

// Destroys `value` on a thread of workerPool(), so that freeing a large container (tens of thousands of
// timeline lanes with their strings) does not stall the GUI thread. Nothing else may refer to its contents.
template <typename T> void releaseOnWorker(T&& value)
{
    auto garbage = std::make_shared<std::remove_reference_t<T>>(std::forward<T>(value));
    workerPool()->start([garbage]() mutable { garbage.reset(); });
}

} // namespace spoor::ui
