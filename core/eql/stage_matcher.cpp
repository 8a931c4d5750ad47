#include "eql/stage_matcher.h"

#include "eql/typed_compare.h"

#include <algorithm>

namespace spoor::eql {

namespace {

// Distinct non-null values of one key expression, in first-seen order, in their join-key form.
std::vector<ecs::Value> keyValues(const Expr& key, const ecs::Value& value, bool epochMillis)
{
    const FieldMapping* mapping = key.kind == Expr::Kind::Field ? key.mapping.get() : nullptr;
    std::vector<ecs::Value> values;
    auto add = [&values, mapping, epochMillis](const ecs::Value& element) {
        if (element.isNull() || element.isArray())
            return;
        ecs::Value v = keyValue(mapping, element, epochMillis);
        if (std::find(values.begin(), values.end(), v) == values.end())
            values.push_back(std::move(v));
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
                           std::string categoryField, bool epochMillisKeys)
    : filter_(filter), keys_(std::move(keys)), evaluator_(evaluator), categoryField_(std::move(categoryField)),
      epochMillisKeys_(epochMillisKeys)
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
        std::vector<ecs::Value> values = keyValues(*key, evaluator_.value(*key, event), epochMillisKeys_);
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
