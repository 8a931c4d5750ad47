#pragma once

#include "ecs/event.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ecs {

// Parses JSON documents into Events, optionally keeping only some fields. Gives the same Event as
// flatten(nlohmann::json::parse(text)) restricted to those fields, but parses with simdjson when the
// build has it and skips every member that does not lead to a wanted field, which makes reading the
// documents of a case for a rule run several times faster. Not thread-safe: one parser per thread.
class DocumentParser
{
public:
    // `fields` lists dotted paths to keep; an empty list keeps every field.
    explicit DocumentParser(std::vector<std::string> fields = {});
    ~DocumentParser();
    DocumentParser(const DocumentParser&) = delete;
    DocumentParser& operator=(const DocumentParser&) = delete;

    // Fills `event` (cleared first) and returns true when the text is a JSON object; returns false and
    // leaves `event` empty otherwise. Identifiers are normalised as normalizeIdentifiers does.
    bool parse(std::string_view text, Event& event);

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace spoor::ecs
