#include "scan/dataset_counts.h"

#include "store/database.h"
#include "store/statement.h"

namespace spoor::scan {

DatasetCounts DatasetCounts::load(store::Database& db)
{
    DatasetCounts counts;
    auto select = db.prepare("SELECT coalesce(dataset, ''), count(*), count(ingested_ns) FROM events GROUP BY dataset");
    while (select.step()) {
        const auto events = static_cast<std::uint64_t>(select.int64(1));
        const auto withIngested = static_cast<std::uint64_t>(select.int64(2));
        counts.entries_.push_back({select.text(0), events, events - withIngested});
    }
    return counts;
}

std::uint64_t DatasetCounts::outside(const IndexFilter& filter) const
{
    std::uint64_t total = 0;
    for (const auto& entry : entries_) {
        if (!filter.covers(entry.dataset))
            total += entry.events;
    }
    return total;
}

std::uint64_t DatasetCounts::coveredWithoutIngested(const IndexFilter& filter) const
{
    std::uint64_t total = 0;
    for (const auto& entry : entries_) {
        if (filter.covers(entry.dataset))
            total += entry.withoutIngested;
    }
    return total;
}

} // namespace spoor::scan
