#pragma once

#include "ecs/value.h"

#include <cstddef>
#include <vector>

namespace spoor::eql {

// The values of a stage's join keys, in by-clause order (query-level keys first).
using JoinKey = std::vector<ecs::Value>;

struct JoinKeyHash
{
    std::size_t operator()(const JoinKey& key) const;
};

} // namespace spoor::eql
