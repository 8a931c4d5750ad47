#pragma once

#include "ecs/event.h"
#include "eql/ast.h"
#include "eql/evaluator.h"
#include "eql/join_key.h"

#include <string>
#include <vector>

namespace spoor::eql {

// Tests one stage's category and condition on an event and computes the event's join keys for it.
class StageMatcher
{
public:
    // The evaluator and the expressions must outlive the matcher. `categoryField` is the document field
    // holding the category. Date keys are epoch milliseconds with `epochMillisKeys` (samples), else
    // ISO-8601 strings (sequences), as Elasticsearch returns them.
    StageMatcher(const EventFilter& filter, std::vector<ExprPtr> keys, const Evaluator& evaluator,
                 std::string categoryField, bool epochMillisKeys = false);

    bool matches(const ecs::Event& event) const;

    // Returns the join keys of the event: the cartesian product of the distinct non-null values of each key
    // (an array field gives one key per element). A missing or null non-optional key gives no key at all,
    // so the event cannot join; a missing ?optional key is the value null.
    std::vector<JoinKey> keys(const ecs::Event& event) const;

    std::size_t keyCount() const { return keys_.size(); }

private:
    const EventFilter& filter_;
    std::vector<ExprPtr> keys_;
    const Evaluator& evaluator_;
    std::string categoryField_;
    bool epochMillisKeys_;
};

} // namespace spoor::eql
