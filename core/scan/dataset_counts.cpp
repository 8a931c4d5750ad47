#include "scan/dataset_counts.h"

#include "store/database.h"
#include "store/statement.h"

namespace spoor::scan {

DatasetCounts DatasetCounts::load(store::Database& db)
{
    DatasetCounts counts;
    auto select = db.prepare("SELECT coalesce(dataset, ''), ingested_ns IS NULL, count(*) FROM events GROUP BY 1, 2");
    while (select.step())
        counts.entries_.push_back({select.text(0), select.int64(1) != 0, static_cast<std::uint64_t>(select.int64(2))});
    return counts;
}

std::uint64_t DatasetCounts::outside(const IndexFilter& filter) const
{
    std::uint64_t total = 0;
    for (const auto& entry : entries_) {
        if (!filter.covers(entry.dataset))
            total += entry.count;
    }
    return total;
}

std::uint64_t DatasetCounts::coveredWithoutIngested(const IndexFilter& filter) const
{
    std::uint64_t total = 0;
    for (const auto& entry : entries_) {
        if (entry.lacksIngested && filter.covers(entry.dataset))
            total += entry.count;
    }
    return total;
}

} // namespace spoor::scan
