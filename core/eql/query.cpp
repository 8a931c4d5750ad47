#include "eql/query.h"

#include "eql/analyzer.h"
#include "eql/parser.h"

namespace spoor::eql {

Query Query::parse(std::string_view text)
{
    static const auto ecs = std::make_shared<const FieldMappings>(FieldMappings::ecsDefaults());
    return parse(text, ecs);
}

Query Query::parse(std::string_view text, std::shared_ptr<const FieldMappings> mappings)
{
    return Query(std::make_shared<const AnalysedQuery>(analyse(parseQuery(text), std::move(mappings))));
}

Query::Kind Query::kind() const
{
    switch (analysed_->ast.kind) {
    case QueryAst::Kind::Sequence:
        return Kind::Sequence;
    case QueryAst::Kind::Sample:
        return Kind::Sample;
    case QueryAst::Kind::Event:
        break;
    }
    return Kind::Event;
}

std::size_t Query::stepCount() const
{
    return analysed_->ast.stages.size();
}

std::vector<std::string> Query::fieldNames() const
{
    return analysed_->fieldNames;
}

std::optional<std::int64_t> Query::maxspanNs() const
{
    return analysed_->ast.maxspanNs;
}

} // namespace spoor::eql
