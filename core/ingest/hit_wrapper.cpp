#include "ingest/document_reader.h"
#include "ingest/fields_document.h"
#include "ingest/json_scan.h"

#include <nlohmann/json.hpp>

namespace spoor::ingest {

std::optional<std::string> metadataText(std::string_view value)
{
    if (!value.starts_with('"'))
        return std::string(value);
    if (value.find('\\') == std::string_view::npos)
        return std::string(value.substr(1, value.size() - 2));
    const auto json = nlohmann::json::parse(value, nullptr, false);
    if (!json.is_string())
        return std::nullopt;
    return json.get<std::string>();
}

bool unwrapHit(std::string_view hit, RawDocument& document)
{
    std::string_view source;
    std::size_t sourceOffset = 0;
    std::string_view fields;
    std::size_t fieldsOffset = 0;
    std::optional<std::string> index;
    std::optional<std::string> id;
    const bool wellFormed = forEachMember(hit, [&](std::string_view key, std::string_view value, std::size_t offset) {
        if (key == "_source" && value.starts_with('{')) {
            source = value;
            sourceOffset = offset;
        } else if (key == "fields" && value.starts_with('{')) {
            fields = value;
            fieldsOffset = offset;
        } else if (key == "_index") {
            index = metadataText(value);
        } else if (key == "_id") {
            id = metadataText(value);
        }
    });
    if (!wellFormed)
        return false;
    if (source.empty()) {
        if (fields.empty() || !documentFromFields(fields, document.generatedText))
            return false;
        source = document.generatedText;
        sourceOffset = fieldsOffset;
    }

    const std::string_view before = hit.substr(0, sourceOffset);
    document.line += static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
    document.byteOffset += sourceOffset;
    document.text = source;
    document.index = std::move(index);
    document.id = std::move(id);
    return true;
}

std::string excerptOf(std::string_view text, std::size_t size)
{
    return std::string(text.substr(0, size));
}

} // namespace spoor::ingest
