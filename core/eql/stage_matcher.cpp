#include "eql/stage_matcher.h"

#include <algorithm>

namespace spoor::eql {

namespace {

// Distinct non-null values of one key expression, in first-seen order.
std::vector<ecs::Value> keyValues(const ecs::Value& value)
{
    std::vector<ecs::Value> values;
    auto add = [&values](const ecs::Value& v) {
        if (!v.isNull() && !v.isArray() && std::find(values.begin(), values.end(), v) == values.end())
            values.push_back(v);
    };
    if (value.isArray()) {
        for (const auto& element : value.asArray())
            add(element);
    } else {
        add(value);
    }
    return values;
}

} // namespace

StageMatcher::StageMatcher(const EventFilter& filter, std::vector<ExprPtr> keys, const Evaluator& evaluator,
                           std::string categoryField)
    : filter_(filter), keys_(std::move(keys)), evaluator_(evaluator), categoryField_(std::move(categoryField))
{}

bool StageMatcher::matches(const ecs::Event& event) const
{
    if (!filter_.any) {
        const ecs::Value* category = event.find(categoryField_);
        if (!category)
            return false;
        auto isCategory = [this](const ecs::Value& v) { return v.isString() && v.asString() == filter_.category; };
        const bool found = category->isArray()
                               ? std::any_of(category->asArray().begin(), category->asArray().end(), isCategory)
                               : isCategory(*category);
        if (!found)
            return false;
    }
    return evaluator_.test(*filter_.condition, event);
}

std::vector<JoinKey> StageMatcher::keys(const ecs::Event& event) const
{
    std::vector<JoinKey> product(1);
    for (const auto& key : keys_) {
        std::vector<ecs::Value> values = keyValues(evaluator_.value(*key, event));
        if (values.empty()) {
            if (!(key->kind == Expr::Kind::Field && key->optional))
                return {};
            values.emplace_back();
        }
        std::vector<JoinKey> next;
        next.reserve(product.size() * values.size());
        for (const auto& prefix : product) {
            for (const auto& value : values) {
                next.push_back(prefix);
                next.back().push_back(value);
            }
        }
        product = std::move(next);
    }
    return product;
}

} // namespace spoor::eql
