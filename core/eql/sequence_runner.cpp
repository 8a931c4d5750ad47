#include "eql/runner.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <unordered_map>

namespace spoor::eql {

namespace {

struct Step
{
    std::int64_t id = 0;
    std::uint64_t ordinal = 0; // arrival position, the total order of events
    std::int64_t timeNs = 0;
};

// A partial sequence: the events of the positive stages matched so far.
struct Pending
{
    std::vector<Step> steps;
};

struct KeyState
{
    // pending[p] is the most recent sequence whose last match is positive stage p. Older sequences at the
    // same stage can never be extended: the next match takes the most recent one and discards the rest.
    std::vector<std::optional<Pending>> pending;
    std::vector<std::uint64_t> untils; // ordinals of until events, ascending
};

struct Candidate
{
    JoinKey key;
    std::vector<Step> steps;
    std::optional<std::int64_t> lastLeadingNs; // latest event of a leading missing stage in its window
};

using History = std::unordered_map<JoinKey, std::deque<Step>, JoinKeyHash>;

constexpr std::uint64_t sweepInterval = 1024;

// Returns later - earlier, saturated at the int64 limits: timestamps span 1678 to 2261, so the exact
// difference of two of them, or a time minus a long maxspan, can overflow.
std::int64_t timeDifference(std::int64_t later, std::int64_t earlier)
{
    std::int64_t difference = 0;
    if (!__builtin_sub_overflow(later, earlier, &difference))
        return difference;
    return later > earlier ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
}

// The sequence state machine. One state per join key; an event that matches positive stage p > 0 takes the
// most recent pending sequence at stage p - 1 of its key that ended strictly before it. maxspan is measured
// from the first event and is inclusive; an until event between the last match and the next one cancels
// the sequence. Missing-event stages ![...] are checked once the positive stages have matched.
class SequenceRunner : public Executor::Runner
{
public:
    SequenceRunner(const AnalysedQuery& query, const QueryOptions& options)
        : Runner(query, options), maxspan_(query.ast.maxspanNs), history_(query.ast.stages.size())
    {
        for (std::size_t i = 0; i < query.ast.stages.size(); ++i) {
            if (query.ast.stages[i].missing)
                continue;
            positive_.push_back(i);
        }
        for (std::size_t i = 0; i < query.ast.stages.size(); ++i) {
            if (!query.ast.stages[i].missing)
                continue;
            if (i < positive_.front())
                leading_.push_back(i);
            else if (i > positive_.back())
                trailing_.push_back(i);
            else
                inner_.push_back(i);
        }
        if (query.ast.until) {
            until_.emplace(query.ast.until->filter, query.untilKeys, evaluator_, categoryFieldFor(query, options));
        }
    }

    void push(const InputEvent& event) override
    {
        const Step step{event.id, nextOrdinal_++, event.timestampNs};
        if (step.ordinal % sweepInterval == 0)
            sweep(step.timeNs);
        recordMissing(event, step);
        for (std::size_t p = positive_.size(); p-- > 0;) {
            const StageMatcher& stage = stages_[positive_[p]];
            if (!stage.matches(event.fields))
                continue;
            for (auto& key : stage.keys(event.fields))
                advance(p, std::move(key), step);
        }
        if (until_ && until_->matches(event.fields)) {
            for (const auto& key : until_->keys(event.fields)) {
                const auto it = states_.find(key);
                if (it != states_.end())
                    it->second.untils.push_back(step.ordinal);
            }
        }
    }

    std::vector<Match> finish() override
    {
        for (auto& [key, candidates] : awaiting_) {
            for (auto& candidate : candidates)
                accepted_.push_back(std::move(candidate));
        }
        awaiting_.clear();
        std::sort(accepted_.begin(), accepted_.end(), [](const Candidate& a, const Candidate& b) {
            if (a.steps.back().ordinal != b.steps.back().ordinal)
                return a.steps.back().ordinal < b.steps.back().ordinal;
            if (a.steps.front().ordinal != b.steps.front().ordinal)
                return a.steps.front().ordinal < b.steps.front().ordinal;
            return a.key < b.key;
        });
        std::vector<Match> results;
        results.reserve(accepted_.size());
        for (auto& candidate : accepted_)
            results.push_back(toMatch(std::move(candidate)));
        accepted_.clear();
        applyPipes(query_.ast.pipes, options_, results);
        return results;
    }

    std::size_t stateSize() const override
    {
        std::size_t size = accepted_.size();
        for (const auto& [key, state] : states_) {
            size += 1 + state.untils.size();
            size += static_cast<std::size_t>(std::count_if(state.pending.begin(), state.pending.end(),
                                                           [](const auto& slot) { return slot.has_value(); }));
        }
        for (const auto& history : history_) {
            for (const auto& [key, steps] : history)
                size += steps.size();
        }
        for (const auto& [key, candidates] : awaiting_)
            size += candidates.size();
        return size;
    }

private:
    void advance(std::size_t p, JoinKey key, const Step& step)
    {
        const std::size_t last = positive_.size() - 1;
        if (p == 0) {
            if (last == 0) {
                complete(std::move(key), {step});
                return;
            }
            KeyState& state = states_[std::move(key)];
            state.pending.resize(last);
            state.pending[0] = Pending{{step}};
            return;
        }
        const auto it = states_.find(key);
        if (it == states_.end() || !it->second.pending[p - 1])
            return;
        Pending sequence = std::move(*it->second.pending[p - 1]);
        it->second.pending[p - 1].reset();
        if (maxspan_ && timeDifference(step.timeNs, sequence.steps.front().timeNs) > *maxspan_)
            return;
        if (cancelledByUntil(it->second, sequence.steps.back().ordinal, step.ordinal))
            return;
        sequence.steps.push_back(step);
        if (p == last)
            complete(std::move(key), std::move(sequence.steps));
        else
            it->second.pending[p] = std::move(sequence);
    }

    // True when an until event lies between the sequence's last match and the new one, both inclusive.
    static bool cancelledByUntil(const KeyState& state, std::uint64_t from, std::uint64_t to)
    {
        const auto it = std::lower_bound(state.untils.begin(), state.untils.end(), from);
        return it != state.untils.end() && *it <= to;
    }

    void recordMissing(const InputEvent& event, const Step& step)
    {
        for (std::size_t i = 0; i < stages_.size(); ++i) {
            if (!query_.ast.stages[i].missing || !stages_[i].matches(event.fields))
                continue;
            const bool trailing = std::find(trailing_.begin(), trailing_.end(), i) != trailing_.end();
            for (auto& key : stages_[i].keys(event.fields)) {
                if (trailing)
                    checkAwaiting(key, step);
                history_[i][std::move(key)].push_back(step);
            }
        }
    }

    bool anyBetween(std::size_t stage, const JoinKey& key, std::uint64_t after, std::uint64_t before) const
    {
        const auto it = history_[stage].find(key);
        if (it == history_[stage].end())
            return false;
        return std::any_of(it->second.begin(), it->second.end(),
                           [&](const Step& s) { return s.ordinal > after && s.ordinal < before; });
    }

    void complete(JoinKey key, std::vector<Step> steps)
    {
        Candidate candidate{std::move(key), std::move(steps), std::nullopt};
        if (leading_.empty() && inner_.empty() && trailing_.empty()) {
            accepted_.push_back(std::move(candidate));
            return;
        }
        for (const std::size_t stage : inner_) {
            const auto next = static_cast<std::size_t>(std::upper_bound(positive_.begin(), positive_.end(), stage) -
                                                       positive_.begin());
            if (anyBetween(stage, candidate.key, candidate.steps[next - 1].ordinal, candidate.steps[next].ordinal))
                return;
        }
        const std::int64_t windowStart = timeDifference(candidate.steps.back().timeNs, *maxspan_);
        for (const std::size_t stage : leading_) {
            const auto it = history_[stage].find(candidate.key);
            if (it == history_[stage].end())
                continue;
            for (const Step& s : it->second) {
                if (s.timeNs >= windowStart && s.ordinal < candidate.steps.front().ordinal)
                    candidate.lastLeadingNs = std::max(candidate.lastLeadingNs.value_or(s.timeNs), s.timeNs);
            }
        }
        if (candidate.lastLeadingNs && trailing_.empty())
            return;
        if (trailing_.empty() || (!leading_.empty() && !candidate.lastLeadingNs)) {
            accepted_.push_back(std::move(candidate));
            return;
        }
        awaiting_[candidate.key].push_back(std::move(candidate));
    }

    // Decides the candidates of this key that wait for the end of their trailing missing-event window.
    void checkAwaiting(const JoinKey& key, const Step& step)
    {
        const auto it = awaiting_.find(key);
        if (it == awaiting_.end())
            return;
        auto& candidates = it->second;
        for (auto c = candidates.begin(); c != candidates.end();) {
            const bool inWindow = step.ordinal > c->steps.back().ordinal &&
                                  timeDifference(step.timeNs, c->steps.front().timeNs) <= *maxspan_;
            if (!inWindow) {
                ++c;
                continue;
            }
            const bool reject = !c->lastLeadingNs || timeDifference(step.timeNs, *c->lastLeadingNs) <= *maxspan_;
            if (!reject)
                accepted_.push_back(std::move(*c));
            c = candidates.erase(c);
        }
        if (candidates.empty())
            awaiting_.erase(it);
    }

    void sweepPending(std::int64_t nowNs)
    {
        // Without a maxspan no pending sequence is too old.
        const std::int64_t threshold =
            maxspan_ ? timeDifference(nowNs, *maxspan_) : std::numeric_limits<std::int64_t>::min();
        for (auto it = states_.begin(); it != states_.end();) {
            KeyState& state = it->second;
            std::optional<std::uint64_t> oldest;
            for (auto& slot : state.pending) {
                if (slot && slot->steps.front().timeNs < threshold)
                    slot.reset();
                if (slot)
                    oldest = std::min(oldest.value_or(slot->steps.back().ordinal), slot->steps.back().ordinal);
            }
            if (!oldest) {
                it = states_.erase(it);
                continue;
            }
            std::erase_if(state.untils, [&](std::uint64_t u) { return u < *oldest; });
            ++it;
        }
    }

    // Drops state that can no longer take part in a match: keys without a pending sequence, until events older
    // than every pending sequence of their key and, with a maxspan, whatever lies outside it. So memory stays
    // bounded by maxspan, or without one by the number of keys with a pending sequence.
    void sweep(std::int64_t nowNs)
    {
        sweepPending(nowNs);
        if (!maxspan_)
            return;
        const std::int64_t threshold = timeDifference(nowNs, *maxspan_);
        for (auto& history : history_) {
            for (auto it = history.begin(); it != history.end();) {
                auto& steps = it->second;
                while (!steps.empty() && steps.front().timeNs < threshold)
                    steps.pop_front();
                it = steps.empty() ? history.erase(it) : std::next(it);
            }
        }
        for (auto it = awaiting_.begin(); it != awaiting_.end();) {
            auto& candidates = it->second;
            for (auto c = candidates.begin(); c != candidates.end();) {
                if (timeDifference(nowNs, c->steps.front().timeNs) > *maxspan_) {
                    accepted_.push_back(std::move(*c));
                    c = candidates.erase(c);
                } else {
                    ++c;
                }
            }
            it = candidates.empty() ? awaiting_.erase(it) : std::next(it);
        }
    }

    Match toMatch(Candidate candidate) const
    {
        Match match;
        match.joinKeys = std::move(candidate.key);
        match.eventIds.assign(query_.ast.stages.size(), std::nullopt);
        for (std::size_t p = 0; p < positive_.size(); ++p)
            match.eventIds[positive_[p]] = candidate.steps[p].id;
        return match;
    }

    std::optional<std::int64_t> maxspan_;
    std::vector<std::size_t> positive_; // stage indices of the positive stages
    std::vector<std::size_t> leading_, inner_, trailing_;
    std::optional<StageMatcher> until_;
    std::unordered_map<JoinKey, KeyState, JoinKeyHash> states_;
    std::vector<History> history_; // per stage index; used for missing stages only
    std::unordered_map<JoinKey, std::vector<Candidate>, JoinKeyHash> awaiting_;
    std::vector<Candidate> accepted_;
    std::uint64_t nextOrdinal_ = 0;
};

} // namespace

std::unique_ptr<Executor::Runner> makeSequenceRunner(const AnalysedQuery& query, const QueryOptions& options)
{
    return std::make_unique<SequenceRunner>(query, options);
}

} // namespace spoor::eql
