#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// Parses documents with simdjson and copies only the members on the way to a hot column into a small
// nlohmann tree, so that ecs::flatten gives the same hot fields as on the whole document at a fraction
// of the cost. Without simdjson in the build, parse() always returns false.
class HotSubsetParser
{
public:
    HotSubsetParser();
    ~HotSubsetParser();
    HotSubsetParser(const HotSubsetParser&) = delete;
    HotSubsetParser& operator=(const HotSubsetParser&) = delete;

    // Returns true and fills `subset` when the text is a JSON object that simdjson parses. Returns false
    // for anything else, so that the caller runs the nlohmann parser for the verdict and the message.
    bool parse(std::string_view text, nlohmann::json& subset);

    // The dotted paths of hot fields whose key appeared more than once in one object, in the document last
    // parsed. Every reader keeps the last value of a repeated key. TODO: report keys repeated in other
    // fields too, and in documents that only the fallback parser reads.
    const std::vector<std::string>& duplicateKeys() const { return duplicateKeys_; }

private:
    struct State;
    std::unique_ptr<State> state_;
    std::vector<std::string> duplicateKeys_;
};

} // namespace spoor::ingest
