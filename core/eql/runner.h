#pragma once

#include "eql/analyzer.h"
#include "eql/evaluator.h"
#include "eql/executor.h"
#include "eql/stage_matcher.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace spoor::eql {

// The query-kind specific part of an Executor. It owns the evaluator and one StageMatcher per stage.
class Executor::Runner
{
public:
    Runner(const AnalysedQuery& query, const QueryOptions& options);
    virtual ~Runner() = default;
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    virtual void push(const InputEvent& event) = 0;
    virtual std::vector<Match> finish() = 0;
    virtual std::size_t stateSize() const = 0;

    // Sets where a runner may pass results that are final during push(), instead of keeping them until
    // finish(). Runners that must see every event before any result is final ignore it.
    void setSink(std::function<void(Match&&)> sink) { sink_ = std::move(sink); }

protected:
    std::function<void(Match&&)> sink_;
    const AnalysedQuery& query_;
    const QueryOptions& options_;
    std::set<std::string, std::less<>> nullFields_;
    Evaluator evaluator_;
    std::vector<StageMatcher> stages_;
};

// Returns the document field that holds the event category: the category field option, or its alias target.
std::string categoryFieldFor(const AnalysedQuery& query, const QueryOptions& options);

// Applies the head/tail pipes, then the size option, to results in output order.
void applyPipes(const std::vector<Pipe>& pipes, const QueryOptions& options, std::vector<Match>& results);

std::unique_ptr<Executor::Runner> makeEventRunner(const AnalysedQuery& query, const QueryOptions& options);
std::unique_ptr<Executor::Runner> makeSequenceRunner(const AnalysedQuery& query, const QueryOptions& options);
std::unique_ptr<Executor::Runner> makeSampleRunner(const AnalysedQuery& query, const QueryOptions& options);

} // namespace spoor::eql
