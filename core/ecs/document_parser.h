#pragma once

#include "ecs/event.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::ecs {

// Parses JSON documents into Events, optionally keeping only some fields. The result equals
// flatten(nlohmann::json::parse(text)) restricted to those fields. With simdjson in the build it parses
// faster and skips every member that does not lead to a wanted field, so a rule run reads the documents
// of a case several times faster. Not thread-safe: each thread needs its own parser.
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
