#include "scan/sequence_pruning.h"

#include "eql/analyzer.h"

#include <limits>
#include <unordered_map>

namespace spoor::scan {

namespace {

constexpr std::size_t maxStages = 32; // the bits of SequenceCandidate::stages

// Returns the hot column of a join key, or nullopt when the key is not a plain field whose column stores the
// value the executor joins on.
std::optional<eql::HotColumn> keyColumn(const eql::Expr& key)
{
    if (key.kind != eql::Expr::Kind::Field || key.optional)
        return std::nullopt;
    const auto column = eql::hotColumnFor(key.path);
    if (!column || column->elements)
        return std::nullopt;
    const eql::FieldType columnType = column->integer ? eql::FieldType::Long : eql::FieldType::Keyword;
    if (key.mapping && key.mapping->type != columnType)
        return std::nullopt;
    return column;
}

std::optional<std::vector<eql::HotColumn>> keyColumns(const std::vector<eql::ExprPtr>& keys)
{
    std::vector<eql::HotColumn> columns;
    for (const auto& key : keys) {
        const auto column = keyColumn(*key);
        if (!column)
            return std::nullopt;
        columns.push_back(*column);
    }
    return columns;
}

bool sameColumns(const std::vector<eql::HotColumn>& a, const std::vector<eql::HotColumn>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name)
            return false;
    }
    return true;
}

// An integer column stores 5 for both 5 and "5", which join as different keys, while a text column stores "5"
// for the string "5", which joins with an integer column's "5". Hashes of such columns would differ where the
// keys are equal, so every stage must use the same kind of column at each key position.
bool sameKinds(const std::vector<eql::HotColumn>& a, const std::vector<eql::HotColumn>& b)
{
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i].integer != b[i].integer)
            return false;
    }
    return a.size() == b.size();
}

bool hasPrunableShape(const eql::AnalysedQuery& query)
{
    const eql::QueryAst& ast = query.ast;
    if (ast.kind != eql::QueryAst::Kind::Sequence || !ast.maxspanNs || ast.until || ast.stages.empty() ||
        ast.stages.size() > maxStages)
        return false;
    for (const auto& stage : ast.stages) {
        if (stage.missing)
            return false;
    }
    return true;
}

std::int64_t saturatedAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t sum = 0;
    if (!__builtin_add_overflow(a, b, &sum))
        return sum;
    return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
}

// The times at which candidates of one stage were seen, by join key: the latest so far in a forward pass,
// the earliest so far in a backward pass. A candidate with an unknown key may join any key, so it is also
// kept apart, and `anyKey` serves the lookups of an unknown key.
class StageTimes
{
public:
    explicit StageTimes(bool forward) : forward_(forward) {}

    // True when a candidate seen so far shares the key and lies at or beyond `bound` (forward: at or after,
    // backward: at or before).
    bool reaches(KeyHash key, std::int64_t bound) const
    {
        if (key == unknownKey)
            return anyKey_ && inside(*anyKey_, bound);
        if (unknownKeys_ && inside(*unknownKeys_, bound))
            return true;
        const auto it = byKey_.find(key);
        return it != byKey_.end() && inside(it->second, bound);
    }

    void record(KeyHash key, std::int64_t timeNs)
    {
        if (key == unknownKey)
            unknownKeys_ = timeNs;
        else
            byKey_[key] = timeNs;
        anyKey_ = timeNs;
    }

    // Forgets the keys that no later lookup can reach, because the passes move through time in one direction.
    void forgetBeyond(std::int64_t bound)
    {
        std::erase_if(byKey_, [&](const auto& entry) { return !inside(entry.second, bound); });
    }

private:
    bool inside(std::int64_t timeNs, std::int64_t bound) const { return forward_ ? timeNs >= bound : timeNs <= bound; }

    bool forward_;
    std::unordered_map<KeyHash, std::int64_t> byKey_;
    std::optional<std::int64_t> unknownKeys_;
    std::optional<std::int64_t> anyKey_;
};

constexpr std::size_t forgetInterval = 4096;

bool timesIncrease(std::span<const SequenceCandidate> candidates)
{
    for (std::size_t i = 1; i < candidates.size(); ++i) {
        if (candidates[i].timeNs < candidates[i - 1].timeNs)
            return false;
    }
    return true;
}

class Pruner
{
public:
    Pruner(std::span<const SequenceCandidate> candidates, std::span<const KeyHash> keyHashes, const PruningPlan& plan)
        : candidates_(candidates), keyHashes_(keyHashes), plan_(plan), stageCount_(plan.stageConditions.size())
    {}

    // Returns, per candidate, the stages at which a sequence from stage 0 within maxspan can reach it.
    std::vector<std::uint32_t> forwardPass() const
    {
        std::vector<StageTimes> seen(stageCount_, StageTimes(true));
        std::vector<std::uint32_t> reached(candidates_.size(), 0);
        for (std::size_t i = 0; i < candidates_.size(); ++i) {
            const SequenceCandidate& candidate = candidates_[i];
            const std::int64_t bound = saturatedAdd(candidate.timeNs, -plan_.maxspanNs);
            std::uint32_t stages = candidate.stages & 1u;
            for (std::size_t p = 1; p < stageCount_; ++p) {
                if ((candidate.stages >> p & 1u) && seen[p - 1].reaches(hash(i, p), bound))
                    stages |= 1u << p;
            }
            record(seen, i, stages);
            reached[i] = stages;
            if (i % forgetInterval == 0)
                forget(seen, bound);
        }
        return reached;
    }

    // Keeps, of the stages a candidate was reached at, those from which a later useful candidate of the next
    // stage lies within maxspan. Returns one flag per candidate: any stage kept.
    std::vector<bool> backwardPass(const std::vector<std::uint32_t>& reached) const
    {
        std::vector<StageTimes> seen(stageCount_, StageTimes(false));
        std::vector<bool> useful(candidates_.size(), false);
        const std::uint32_t last = 1u << (stageCount_ - 1);
        for (std::size_t i = candidates_.size(); i-- > 0;) {
            const std::int64_t bound = saturatedAdd(candidates_[i].timeNs, plan_.maxspanNs);
            std::uint32_t stages = reached[i] & last;
            for (std::size_t p = 0; p + 1 < stageCount_; ++p) {
                if ((reached[i] >> p & 1u) && seen[p + 1].reaches(hash(i, p), bound))
                    stages |= 1u << p;
            }
            record(seen, i, stages);
            useful[i] = stages != 0;
            if (i % forgetInterval == 0)
                forget(seen, bound);
        }
        return useful;
    }

private:
    KeyHash hash(std::size_t candidate, std::size_t stage) const
    {
        return keyHashes_[candidates_[candidate].keyOffset + plan_.stageKeySet[stage]];
    }

    // Records the candidate at its stages after testing all of them, so that it never pairs with itself: the
    // executor also tests one event's stages from the last to the first.
    void record(std::vector<StageTimes>& seen, std::size_t candidate, std::uint32_t stages) const
    {
        for (std::size_t p = 0; p < stageCount_; ++p) {
            if (stages >> p & 1u)
                seen[p].record(hash(candidate, p), candidates_[candidate].timeNs);
        }
    }

    static void forget(std::vector<StageTimes>& seen, std::int64_t bound)
    {
        for (auto& times : seen)
            times.forgetBeyond(bound);
    }

    std::span<const SequenceCandidate> candidates_;
    std::span<const KeyHash> keyHashes_;
    const PruningPlan& plan_;
    std::size_t stageCount_;
};

} // namespace

std::optional<PruningPlan> planPruning(const eql::AnalysedQuery& query, std::string_view categoryField)
{
    if (!hasPrunableShape(query))
        return std::nullopt;
    PruningPlan plan;
    plan.maxspanNs = *query.ast.maxspanNs;
    for (std::size_t i = 0; i < query.ast.stages.size(); ++i) {
        auto condition = eql::pushDownStage(query.ast.stages[i].filter, categoryField);
        auto columns = keyColumns(query.stageKeys[i]);
        if (!condition || !columns)
            return std::nullopt;
        if (!plan.keySets.empty() && !sameKinds(plan.keySets.front(), *columns))
            return std::nullopt;
        plan.stageConditions.push_back(std::move(*condition));
        std::size_t set = 0;
        while (set < plan.keySets.size() && !sameColumns(plan.keySets[set], *columns))
            ++set;
        if (set == plan.keySets.size())
            plan.keySets.push_back(std::move(*columns));
        plan.stageKeySet.push_back(set);
    }
    return plan;
}

std::vector<bool> findUsefulCandidates(std::span<const SequenceCandidate> candidates,
                                       std::span<const KeyHash> keyHashes, const PruningPlan& plan)
{
    if (plan.stageConditions.empty() || !timesIncrease(candidates))
        return std::vector<bool>(candidates.size(), true);
    const Pruner pruner(candidates, keyHashes, plan);
    return pruner.backwardPass(pruner.forwardPass());
}

} // namespace spoor::scan
