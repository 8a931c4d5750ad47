#include "eql/executor.h"

#include "eql/runner.h"

#include <algorithm>

namespace spoor::eql {

namespace {

void collectFields(const Expr& expr, bool optional, std::set<std::string>& out)
{
    if (expr.kind == Expr::Kind::Field && expr.optional == optional)
        out.insert(expr.field);
    for (const auto& arg : expr.args)
        collectFields(*arg, optional, out);
}

std::set<std::string, std::less<>> nullFieldsFor(const AnalysedQuery& query, const QueryOptions& options)
{
    std::set<std::string, std::less<>> result;
    if (!options.mappedFields)
        return result;
    for (auto& field : writtenFieldNames(query, true)) {
        if (!options.mappedFields->contains(field))
            result.insert(std::move(field));
    }
    return result;
}

} // namespace

std::vector<std::string> writtenFieldNames(const AnalysedQuery& query, bool optional)
{
    std::set<std::string> fields;
    for (const auto& key : query.ast.keys)
        collectFields(*key, optional, fields);
    auto stageFields = [&fields, optional](const Stage& stage) {
        collectFields(*stage.filter.condition, optional, fields);
        for (const auto& key : stage.keys)
            collectFields(*key, optional, fields);
    };
    for (const auto& stage : query.ast.stages)
        stageFields(stage);
    if (query.ast.until)
        stageFields(*query.ast.until);
    return {fields.begin(), fields.end()};
}

Executor::Runner::Runner(const AnalysedQuery& query, const QueryOptions& options)
    : query_(query), options_(options), nullFields_(nullFieldsFor(query, options)), evaluator_(&nullFields_)
{
    const std::string categoryField = categoryFieldFor(query, options);
    const bool epochMillisKeys = query.ast.kind == QueryAst::Kind::Sample;
    stages_.reserve(query.ast.stages.size());
    for (std::size_t i = 0; i < query.ast.stages.size(); ++i)
        stages_.emplace_back(query.ast.stages[i].filter, query.stageKeys[i], evaluator_, categoryField,
                             epochMillisKeys);
}

std::string categoryFieldFor(const AnalysedQuery& query, const QueryOptions& options)
{
    return query.mappings ? query.mappings->sourcePath(options.eventCategoryField) : options.eventCategoryField;
}

void applyPipes(const std::vector<Pipe>& pipes, const QueryOptions& options, std::vector<Match>& results)
{
    for (const auto& pipe : pipes) {
        const auto count = static_cast<std::size_t>(pipe.count);
        if (results.size() <= count)
            continue;
        if (pipe.kind == Pipe::Kind::Head)
            results.resize(count);
        else
            results.erase(results.begin(), results.end() - static_cast<std::ptrdiff_t>(count));
    }
    if (options.size && results.size() > *options.size)
        results.resize(*options.size);
}

Executor::Executor(const Query& query, QueryOptions options) : query_(query), options_(std::move(options))
{
    switch (query_.kind()) {
    case Query::Kind::Event:
        runner_ = makeEventRunner(query_.analysed(), options_);
        break;
    case Query::Kind::Sequence:
        runner_ = makeSequenceRunner(query_.analysed(), options_);
        break;
    case Query::Kind::Sample:
        runner_ = makeSampleRunner(query_.analysed(), options_);
        break;
    }
}

Executor::~Executor() = default;

void Executor::push(const InputEvent& event)
{
    runner_->push(event);
}

std::vector<Match> Executor::finish()
{
    std::vector<Match> results = runner_->finish();
    if (!sink_)
        return results;
    for (auto& match : results)
        sink_(std::move(match));
    return {};
}

void Executor::setMatchSink(std::function<void(Match&&)> sink)
{
    sink_ = sink;
    runner_->setSink(std::move(sink));
}

std::size_t Executor::stateSize() const
{
    return runner_->stateSize();
}

} // namespace spoor::eql
