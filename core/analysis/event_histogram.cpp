#include "analysis/event_histogram.h"

#include "store/database.h"
#include "store/statement.h"

namespace spoor::analysis {

std::vector<MinuteBucket> eventsPerMinute(store::Database& db)
{
    // The modulo is written to round down also before 1970, where SQLite's % keeps the dividend's sign.
    auto statement = db.prepare(R"sql(
SELECT host_id, max(host_name), timestamp_ns - ((timestamp_ns % 60000000000) + 60000000000) % 60000000000 AS minute,
       count(*)
FROM events
WHERE timestamp_ns IS NOT NULL
GROUP BY host_id, minute
ORDER BY host_id, minute
)sql");
    std::vector<MinuteBucket> buckets;
    while (statement.step())
        buckets.push_back({statement.optionalText(0), statement.optionalText(1).value_or(""), statement.int64(2),
                           statement.int64(3)});
    return buckets;
}

} // namespace spoor::analysis
