#include "scan/dataset_counts.h"

#include "store/database.h"
#include "store/statement.h"

#include <unordered_map>

namespace spoor::scan {

DatasetCounts DatasetCounts::load(store::Database& db)
{
    // Counted here rather than with GROUP BY, which sorts every row by the unindexed column first. Consecutive
    // events mostly share a dataset, so the last entry is tried before the map.
    DatasetCounts counts;
    std::unordered_map<std::string, std::size_t> indexOf;
    auto select = db.prepare("SELECT coalesce(dataset, ''), ingested_ns IS NULL FROM events");
    std::size_t last = 0;
    while (select.step()) {
        const std::string_view dataset = select.textView(0);
        if (last >= counts.entries_.size() || counts.entries_[last].dataset != dataset) {
            const auto [it, added] = indexOf.try_emplace(std::string(dataset), counts.entries_.size());
            if (added)
                counts.entries_.push_back({it->first, 0, 0});
            last = it->second;
        }
        Entry& entry = counts.entries_[last];
        ++entry.events;
        entry.withoutIngested += select.int64(1) != 0 ? 1 : 0;
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
