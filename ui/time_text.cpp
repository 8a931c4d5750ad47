#include "time_text.h"

#include "ecs/timestamp.h"

namespace spoor::ui {

QString isoTime(std::optional<std::int64_t> ns)
{
    if (!ns)
        return {};
    return QString::fromStdString(ecs::formatIsoTimestamp(*ns, 9));
}

QString clockTime(std::int64_t ns)
{
    // "YYYY-MM-DDThh:mm:ss.mmmZ": the clock part starts at offset 11 and has 12 characters.
    return QString::fromStdString(ecs::formatIsoTimestamp(ns, 3).substr(11, 12));
}

} // namespace spoor::ui
