#include "ingest/input_format.h"

#include "ingest/audit_log_reader.h"
#include "ingest/audit_syslog.h"
#include "ingest/binary_content.h"
#include "ingest/csv_format.h"
#include "ingest/json_scan.h"
#include "ingest/laurel_reader.h"
#include "ingest/stream_buffer.h"
#include "ingest/sysmon_reader.h"

#include <string_view>
#include <vector>

namespace spoor::ingest {

namespace {

constexpr std::size_t sampleSize = 64 * 1024;

std::string hexBytes(std::string_view bytes, std::size_t count)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (std::size_t i = 0; i < bytes.size() && i < count; ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        if (!hex.empty())
            hex += ' ';
        hex += digits[byte >> 4];
        hex += digits[byte & 0xf];
    }
    return hex;
}

std::string binaryDescription(std::string_view sample)
{
    return knownBinaryKind(sample).value_or("binary data") + ", first bytes " + hexBytes(sample, 4);
}

std::string_view firstLine(std::string_view text)
{
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    while (!line.empty() && isJsonWhitespace(line.back()))
        line.remove_suffix(1);
    return line;
}

// The keys of the first object that fit in the sample, in order.
std::vector<std::string_view> leadingKeys(std::string_view object)
{
    std::vector<std::string_view> keys;
    std::size_t i = skipWhitespace(object, 1);
    while (i < object.size() && object[i] == '"') {
        const std::size_t keyEnd = object.find('"', i + 1);
        if (keyEnd == std::string_view::npos)
            break;
        keys.push_back(object.substr(i + 1, keyEnd - i - 1));
        i = skipWhitespace(object, keyEnd + 1);
        if (i >= object.size() || object[i] != ':')
            break;
        i = skipWhitespace(object, i + 1);
        ValueScanner scanner;
        if (scanner.scan(object.substr(i), false) != ValueScanner::Status::Complete)
            break;
        i = skipWhitespace(object, i + scanner.scanned());
        if (i >= object.size() || object[i] != ',')
            break;
        i = skipWhitespace(object, i + 1);
    }
    return keys;
}

bool contains(const std::vector<std::string_view>& keys, std::string_view key)
{
    for (const auto k : keys) {
        if (k == key)
            return true;
    }
    return false;
}

bool isBulkAction(std::string_view line, const std::vector<std::string_view>& keys)
{
    if (keys.size() != 1 || (keys[0] != "index" && keys[0] != "create"))
        return false;
    bool objectValue = false;
    forEachMember(line,
                  [&](std::string_view, std::string_view value, std::size_t) { objectValue = value.starts_with('{'); });
    return objectValue;
}

// Returns true when most non-empty lines start with '{', as in NDJSON whose first line is damaged.
bool isMostlyObjectLines(std::string_view sample)
{
    std::size_t lines = 0;
    std::size_t objects = 0;
    std::size_t start = 0;
    while (start < sample.size()) {
        const std::size_t end = sample.find('\n', start);
        if (end == std::string_view::npos)
            break;
        const std::size_t first = skipWhitespace(sample.substr(0, end), start);
        if (first < end) {
            ++lines;
            objects += sample[first] == '{' ? 1 : 0;
        }
        start = end + 1;
    }
    return lines >= 2 && objects * 2 > lines;
}

// Returns true for a fields API object: dotted or @-prefixed keys whose values are all arrays.
bool isFieldsObject(std::string_view line)
{
    std::size_t members = 0;
    std::size_t arrays = 0;
    std::size_t fieldNames = 0;
    forEachMember(line, [&](std::string_view key, std::string_view value, std::size_t) {
        ++members;
        arrays += value.starts_with('[') ? 1 : 0;
        fieldNames += key.find('.') != std::string_view::npos || key.starts_with('@') ? 1 : 0;
    });
    return members > 0 && arrays == members && fieldNames > 0;
}

InputFormat classifyObjectStream(std::string_view sample, bool wholeInput)
{
    const std::vector<std::string_view> keys = leadingKeys(sample);
    if (contains(keys, "is_partial") || contains(keys, "is_running"))
        return InputFormat::EqlResponse;
    const bool searchResponse = contains(keys, "took") || contains(keys, "timed_out") || contains(keys, "_shards") ||
                                (contains(keys, "hits") && !contains(keys, "_source") && !contains(keys, "@timestamp"));
    if (searchResponse)
        return InputFormat::SearchResponse;

    ValueScanner scanner;
    const auto status = scanner.scan(sample, wholeInput);
    const std::string_view line = firstLine(sample);
    const bool multiLine = line == "{" || (status == ValueScanner::Status::Complete &&
                                           sample.substr(0, scanner.scanned()).find('\n') != std::string_view::npos);
    if (multiLine)
        return InputFormat::JsonDocuments;
    if (contains(keys, "_source") || (contains(keys, "fields") && contains(keys, "_id")))
        return InputFormat::NdjsonHits;
    if (isFieldsObject(line))
        return InputFormat::NdjsonFields;
    if (isBulkAction(line, keys))
        return InputFormat::Bulk;
    return InputFormat::NdjsonDocuments;
}

} // namespace

const char* formatName(InputFormat format)
{
    switch (format) {
    case InputFormat::NdjsonDocuments:
        return "ndjson";
    case InputFormat::NdjsonHits:
        return "ndjson-hits";
    case InputFormat::Bulk:
        return "bulk";
    case InputFormat::SearchResponse:
        return "search-response";
    case InputFormat::JsonArray:
        return "json-array";
    case InputFormat::JsonDocuments:
        return "json";
    case InputFormat::NdjsonFields:
        return "ndjson-fields";
    case InputFormat::EqlResponse:
        return "eql-response";
    case InputFormat::KibanaCsv:
        return "kibana-csv";
    case InputFormat::SysmonSyslog:
        return "sysmon-syslog";
    case InputFormat::AuditLog:
        return "auditd";
    case InputFormat::AuditSyslog:
        return "auditd-syslog";
    case InputFormat::LaurelJson:
        return "laurel";
    }
    return "unknown";
}

FormatDetection detectFormat(StreamBuffer& buffer)
{
    buffer.fill(sampleSize);
    if (buffer.available().starts_with("\xef\xbb\xbf"))
        buffer.consume(3);
    const std::string_view sample = buffer.available().substr(0, sampleSize);
    if (sample.empty())
        return {std::nullopt, "empty file"};
    if (const auto encoding = wideTextEncoding(sample))
        return {std::nullopt, *encoding + " text, convert it to UTF-8 with iconv -f " + *encoding + " -t UTF-8 first"};
    if (looksBinary(sample))
        return {std::nullopt, binaryDescription(sample)};

    const std::size_t start = skipWhitespace(sample);
    if (start == sample.size())
        return {std::nullopt, "only whitespace"};
    if (sample[start] == '[')
        return {InputFormat::JsonArray, {}};
    if (sample[start] == '{' && looksLikeLaurelLine(firstLine(sample.substr(start))))
        return {InputFormat::LaurelJson, {}};
    if (looksLikeAuditLog(sample.substr(start)))
        return {InputFormat::AuditLog, {}};
    if (sample[start] == '{')
        return {
            classifyObjectStream(sample.substr(start), buffer.ended() && sample.size() == buffer.available().size()),
            {}};
    if (isMostlyObjectLines(sample))
        return {InputFormat::NdjsonDocuments, {}};
    if (isSysmonSyslog(sample))
        return {InputFormat::SysmonSyslog, {}};
    if (looksLikeAuditSyslog(sample.substr(start)))
        return {InputFormat::AuditSyslog, {}};
    if (isKibanaCsvHeader(firstLine(sample.substr(start))))
        return {InputFormat::KibanaCsv, {}};

    // A sample with no recognised structure and a stray control byte is binary data, not text in another format.
    if (countNonTextBytes(sample) > 0)
        return {std::nullopt, binaryDescription(sample)};
    std::string line(firstLine(sample.substr(start)).substr(0, 60));
    return {std::nullopt, "text that is not JSON, starting with \"" + line + "\""};
}

} // namespace spoor::ingest
