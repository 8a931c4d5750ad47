#include "eql/runner.h"

namespace spoor::eql {

namespace {

// Runs `category where condition`: every matching event is one result, in arrival order.
class EventRunner : public Executor::Runner
{
public:
    EventRunner(const AnalysedQuery& query, const QueryOptions& options) : Runner(query, options)
    {
        // Without a tail pipe, results past the first head/size limit are never returned.
        bool hasTail = false;
        std::optional<std::size_t> limit = options.size;
        for (const auto& pipe : query.ast.pipes) {
            hasTail = hasTail || pipe.kind == Pipe::Kind::Tail;
            if (!hasTail && pipe.kind == Pipe::Kind::Head)
                limit = std::min(limit.value_or(SIZE_MAX), static_cast<std::size_t>(pipe.count));
        }
        if (!hasTail)
            limit_ = limit;
    }

    void push(const InputEvent& event) override
    {
        if (limit_ && results_.size() >= *limit_)
            return;
        if (stages_[0].matches(event.fields))
            results_.push_back(Match{{}, {event.id}});
    }

    std::vector<Match> finish() override
    {
        applyPipes(query_.ast.pipes, options_, results_);
        return std::move(results_);
    }

    std::size_t stateSize() const override { return results_.size(); }

private:
    std::optional<std::size_t> limit_;
    std::vector<Match> results_;
};

} // namespace

std::unique_ptr<Executor::Runner> makeEventRunner(const AnalysedQuery& query, const QueryOptions& options)
{
    return std::make_unique<EventRunner>(query, options);
}

} // namespace spoor::eql
