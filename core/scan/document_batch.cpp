#include "scan/document_batch.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace spoor::scan {

DocumentBatch::DocumentBatch(const store::Database& db, std::vector<std::string> fields)
    : store_(db), parser_(std::move(fields))
{}

void DocumentBatch::parse(std::span<const CandidateDocument> documents)
{
    if (events_.size() < documents.size())
        events_.resize(documents.size());
    blockOrder_.resize(documents.size());
    std::iota(blockOrder_.begin(), blockOrder_.end(), std::size_t(0));
    std::sort(blockOrder_.begin(), blockOrder_.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(documents[a].block, documents[a].slot) < std::tie(documents[b].block, documents[b].slot);
    });
    for (const std::size_t i : blockOrder_)
        parser_.parse(store_.document(documents[i].block, documents[i].slot), events_[i]);
}

} // namespace spoor::scan
