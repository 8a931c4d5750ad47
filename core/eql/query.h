#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::eql {

struct AnalysedQuery;
class FieldMappings;

// A parsed and analysed EQL query (Elasticsearch 8.x dialect). Immutable and cheap to copy; copies share
// the analysed tree, so one Query can feed executors on several threads.
class Query
{
public:
    // Parses and analyses the text with the built-in ECS field types (FieldMappings::ecsDefaults()).
    // Throws EqlError with the line and column of the first problem.
    static Query parse(std::string_view text);

    // Parses and analyses the text with the given field types and aliases; null means no types at all.
    static Query parse(std::string_view text, std::shared_ptr<const FieldMappings> mappings);

    enum class Kind { Event, Sequence, Sample };
    Kind kind() const;

    // Number of stages after expanding `with runs=N`, including missing-event stages; 1 for event queries.
    std::size_t stepCount() const;

    // Every document field the query reads, sorted: conditions, join keys, and "event.category" when a
    // stage filters by category (the name of the default category field). Aliases are replaced by their
    // targets.
    std::vector<std::string> fieldNames() const;

    std::optional<std::int64_t> maxspanNs() const;

    const AnalysedQuery& analysed() const { return *analysed_; }

private:
    explicit Query(std::shared_ptr<const AnalysedQuery> analysed) : analysed_(std::move(analysed)) {}

    std::shared_ptr<const AnalysedQuery> analysed_;
};

} // namespace spoor::eql
