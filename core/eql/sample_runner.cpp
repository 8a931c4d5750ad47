#include "eql/runner.h"

#include <algorithm>
#include <unordered_map>

namespace spoor::eql {

namespace {

// Orders composite keys as Elasticsearch returns samples: value by value, null first, then byte-wise by
// the string form of the value.
bool keyLess(const JoinKey& a, const JoinKey& b)
{
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i].isNull() != b[i].isNull())
            return a[i].isNull();
        if (a[i].isNull())
            continue;
        const std::string x = a[i].isString() ? a[i].asString() : a[i].toString();
        const std::string y = b[i].isString() ? b[i].asString() : b[i].toString();
        if (x != y)
            return x < y;
    }
    return a.size() < b.size();
}

// Runs `sample by k [f1] [f2] ...`: groups events by composite key regardless of time and returns, per key,
// up to maxSamplesPerKey samples of one event per filter. An event is not used twice in one sample.
class SampleRunner : public Executor::Runner
{
public:
    SampleRunner(const AnalysedQuery& query, const QueryOptions& options)
        : Runner(query, options), keep_(options.maxSamplesPerKey + query.ast.stages.size())
    {}

    void push(const InputEvent& event) override
    {
        for (std::size_t i = 0; i < stages_.size(); ++i) {
            if (!stages_[i].matches(event.fields))
                continue;
            for (auto& key : stages_[i].keys(event.fields)) {
                auto& perFilter = groups_[std::move(key)];
                perFilter.resize(stages_.size());
                if (perFilter[i].size() < keep_)
                    perFilter[i].push_back(event.id);
            }
        }
    }

    std::size_t stateSize() const override
    {
        std::size_t size = 0;
        for (const auto& [key, steps] : groups_)
            size += steps.size();
        return size;
    }

    std::vector<Match> finish() override
    {
        std::vector<const std::pair<const JoinKey, std::vector<std::vector<std::int64_t>>>*> ordered;
        for (const auto& group : groups_)
            ordered.push_back(&group);
        std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return keyLess(a->first, b->first); });
        std::vector<Match> results;
        for (const auto* group : ordered)
            addSamples(group->first, group->second, results);
        applyPipes(query_.ast.pipes, options_, results);
        return results;
    }

private:
    // Appends the first samples of the key in the order of the cartesian product of the filters' events.
    void addSamples(const JoinKey& key, const std::vector<std::vector<std::int64_t>>& perFilter,
                    std::vector<Match>& results) const
    {
        std::size_t produced = 0;
        std::vector<std::int64_t> chosen;
        auto extend = [&](auto& self, std::size_t filter) -> void {
            if (produced >= options_.maxSamplesPerKey)
                return;
            if (filter == perFilter.size()) {
                Match match{key, {}};
                for (const auto id : chosen)
                    match.eventIds.emplace_back(id);
                results.push_back(std::move(match));
                ++produced;
                return;
            }
            for (const auto id : perFilter[filter]) {
                if (std::find(chosen.begin(), chosen.end(), id) != chosen.end())
                    continue;
                chosen.push_back(id);
                self(self, filter + 1);
                chosen.pop_back();
            }
        };
        extend(extend, 0);
    }

    std::size_t keep_;
    std::unordered_map<JoinKey, std::vector<std::vector<std::int64_t>>, JoinKeyHash> groups_;
};

} // namespace

std::unique_ptr<Executor::Runner> makeSampleRunner(const AnalysedQuery& query, const QueryOptions& options)
{
    return std::make_unique<SampleRunner>(query, options);
}

} // namespace spoor::eql
