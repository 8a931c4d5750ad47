#include "eql/runner.h"

namespace spoor::eql {

namespace {

// Runs `category where condition`: every matching event is one result, in arrival order. With a sink and no
// tail pipe, each result is passed on as it is found, because later events cannot remove it.
class EventRunner : public Executor::Runner
{
public:
    EventRunner(const AnalysedQuery& query, const QueryOptions& options) : Runner(query, options)
    {
        // Results past the head counts before the first tail are never returned, nor, without a tail,
        // results past the size option. The first tail returns only its last results.
        bool hasTail = false;
        std::optional<std::size_t> limit;
        for (const auto& pipe : query.ast.pipes) {
            if (pipe.kind == Pipe::Kind::Tail && !hasTail) {
                hasTail = true;
                tailCount_ = static_cast<std::size_t>(pipe.count);
            }
            if (!hasTail && pipe.kind == Pipe::Kind::Head)
                limit = std::min(limit.value_or(SIZE_MAX), static_cast<std::size_t>(pipe.count));
        }
        if (!hasTail && options.size)
            limit = std::min(limit.value_or(SIZE_MAX), *options.size);
        limit_ = limit;
    }

    void push(const InputEvent& event) override
    {
        if (limit_ && accepted_ >= *limit_)
            return;
        if (!stages_[0].matches(event.fields))
            return;
        ++accepted_;
        Match match{{}, {event.id}};
        if (sink_ && !tailCount_) {
            sink_(std::move(match));
            return;
        }
        results_.push_back(std::move(match));
        if (tailCount_)
            dropBeforeTail();
    }

    std::vector<Match> finish() override
    {
        applyPipes(query_.ast.pipes, options_, results_);
        return std::move(results_);
    }

    std::size_t stateSize() const override { return results_.size(); }

private:
    // Drops the results that the first tail pipe will drop anyway, in chunks so each result moves O(1) times.
    void dropBeforeTail()
    {
        const std::size_t keep = *tailCount_;
        if (results_.size() < 2 * keep + minimumDropChunk)
            return;
        results_.erase(results_.begin(), results_.end() - static_cast<std::ptrdiff_t>(keep));
    }

    static constexpr std::size_t minimumDropChunk = 1024;
    std::optional<std::size_t> limit_;
    std::optional<std::size_t> tailCount_;
    std::size_t accepted_ = 0;
    std::vector<Match> results_;
};

} // namespace

std::unique_ptr<Executor::Runner> makeEventRunner(const AnalysedQuery& query, const QueryOptions& options)
{
    return std::make_unique<EventRunner>(query, options);
}

} // namespace spoor::eql
