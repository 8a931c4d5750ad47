#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// The ECS fields that a source format can provide and its known gaps, for the data-readiness view.
struct SourceCapabilities
{
    std::string format;               // as stored in sources.format, e.g. "auditd"
    bool fieldsAsRecorded = false;    // the documents are ECS as written by their producer, fields vary
    std::vector<std::string> fields;  // ECS fields the importer can fill, dotted
    std::vector<std::string> derived; // fields among them that Spoor computes instead of reading
    std::vector<std::string> gaps;    // sentences on what the format cannot provide
};

// Returns the capabilities of a format by its sources.format name, or nullptr for an unknown name.
const SourceCapabilities* sourceCapabilities(std::string_view format);

// Returns every format that the table describes.
const std::vector<SourceCapabilities>& allSourceCapabilities();

} // namespace spoor::ingest
