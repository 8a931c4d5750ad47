#include "ingest/document_decoder.h"

#include "ecs/flatten.h"
#include "ingest/document_reader.h"
#include "ingest/hash64.h"
#include "ingest/json_scan.h"
#include "ingest/utf8.h"

#include <nlohmann/json.hpp>

namespace spoor::ingest {

namespace {

std::string describeJsonType(const nlohmann::json& json)
{
    switch (json.type()) {
    case nlohmann::json::value_t::array:
        return "a JSON array";
    case nlohmann::json::value_t::string:
        return "a JSON string";
    case nlohmann::json::value_t::boolean:
        return "a JSON boolean";
    case nlohmann::json::value_t::null:
        return "JSON null";
    default:
        return "a JSON number";
    }
}

// Strips nlohmann's "[json.exception.parse_error.101] " prefix from a parser message.
std::string parserMessage(const nlohmann::json::exception& error)
{
    std::string message = error.what();
    const std::size_t prefixEnd = message.find("] ");
    return prefixEnd == std::string::npos ? message : message.substr(prefixEnd + 2);
}

std::string_view checkUtf8(const RawDocument& raw, DecodedDocument& decoded)
{
    const std::size_t invalidAt = findInvalidUtf8(raw.text);
    if (invalidAt == raw.text.size())
        return raw.text;
    std::size_t replacements = 0;
    decoded.repairedText = repairUtf8(raw.text, replacements);
    decoded.warnings.push_back({"invalid-utf8",
                                {},
                                std::to_string(replacements) +
                                    " invalid UTF-8 sequences were replaced with U+FFFD, the first at byte " +
                                    std::to_string(invalidAt) + " of the document; the event was imported"});
    return decoded.repairedText;
}

bool parseObject(const RawDocument& raw, std::string_view text, nlohmann::json& json, Rejection& rejection)
{
    if (nestingDepth(text, maxNestingDepth) > maxNestingDepth) {
        rejection = {"too-deep",
                     {},
                     "the document nests objects and arrays more than " + std::to_string(maxNestingDepth) +
                         " levels deep"};
        return false;
    }
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        std::string message = "invalid JSON: " + parserMessage(error);
        if (raw.unterminatedLastLine)
            message += " (the last line has no newline at its end, so the file may be truncated)";
        rejection = {"invalid-json", {}, std::move(message)};
        return false;
    } catch (const nlohmann::json::exception& error) {
        // A number beyond the range of a double ("1e400") raises out_of_range instead of parse_error.
        rejection = {"invalid-json", {}, "invalid JSON: " + parserMessage(error)};
        return false;
    }
    if (!json.is_object()) {
        rejection = {"not-an-object", {}, "the document is " + describeJsonType(json) + ", expected a JSON object"};
        return false;
    }
    return true;
}

bool readEventTimestamp(const HotFieldValues& fields, EventRow& row, Rejection& rejection)
{
    const FieldView value = scalarAt(fields[HotField::Timestamp]);
    if (value.kind == FieldView::Kind::Absent ||
        (value.kind == FieldView::Kind::Scalar && value.scalar.type == ScalarView::Type::Null)) {
        rejection = {"missing-timestamp", "@timestamp", "the document has no @timestamp; every event needs one"};
        return false;
    }
    if (value.kind == FieldView::Kind::Scalar)
        row.timestampNs = readTimestamp(value.scalar);
    if (!row.timestampNs) {
        rejection = {"invalid-timestamp", "@timestamp",
                     "@timestamp " + toValue(value).toJson().substr(0, 60) +
                         " is not an ISO-8601 date-time or epoch milliseconds"};
        return false;
    }
    return true;
}

} // namespace

bool DocumentDecoder::decode(const RawDocument& raw, DecodedDocument& decoded, Rejection& rejection)
{
    if (directReader_.read(raw.text) != HotFieldReader::Outcome::Read) {
        ++flattenedCount_;
        return decodeByFlattening(raw, decoded, rejection);
    }
    decoded.repairedText.clear();
    decoded.warnings = raw.warnings;
    return finish(raw, raw.text, directReader_.values(), directReader_.duplicateKeys(), decoded, rejection);
}

bool DocumentDecoder::decodeByFlattening(const RawDocument& raw, DecodedDocument& decoded, Rejection& rejection)
{
    decoded.repairedText.clear();
    decoded.warnings = raw.warnings;
    const std::string_view text = checkUtf8(raw, decoded);

    nlohmann::json json;
    if (!subsetParser_.parse(text, json) && !parseObject(raw, text, json, rejection))
        return false;
    flattened_ = ecs::flatten(json);
    ecs::normalizeIdentifiers(flattened_);
    readHotFields(flattened_, flattenedFields_, flattenedArrays_);
    return finish(raw, text, flattenedFields_, subsetParser_.duplicateKeys(), decoded, rejection);
}

bool DocumentDecoder::finish(const RawDocument& raw, std::string_view text, const HotFieldValues& fields,
                             const std::vector<std::string>& duplicateKeys, DecodedDocument& decoded,
                             Rejection& rejection)
{
    EventRow& row = decoded.row;
    row.clear();
    if (!readEventTimestamp(fields, row, rejection))
        return false;
    extractHotColumns(fields, row, decoded.warnings);
    for (const std::string& path : duplicateKeys) {
        decoded.warnings.push_back({"duplicate-key", path,
                                    "the key " + path + " appears more than once in one object; the last value " +
                                        "was kept, where Elasticsearch would reject the document"});
    }

    row.document = text;
    row.docHash = static_cast<std::int64_t>(hash64(text));
    row.line = raw.line;
    row.byteOffset = raw.byteOffset;
    row.docIndex = raw.index;
    row.docId = raw.id;
    return true;
}

} // namespace spoor::ingest
