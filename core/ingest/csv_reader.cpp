#include "ingest/csv_reader.h"

#include "ecs/timestamp.h"
#include "ingest/csv_format.h"
#include "ingest/document_decoder.h"
#include "ingest/fields_document.h"
#include "ingest/json_scan.h"
#include "ingest/kibana_date.h"
#include "ingest/overlong_record.h"
#include "ingest/stream_buffer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace spoor::ingest {

namespace {

std::string_view lastSegment(std::string_view field)
{
    const std::size_t dot = field.rfind('.');
    return dot == std::string_view::npos ? field : field.substr(dot + 1);
}

bool isDateField(std::string_view field)
{
    if (field == "@timestamp")
        return true;
    static constexpr std::array<std::string_view, 5> dates = {"created", "ingested", "start", "end", "timestamp"};
    return field.find('.') != std::string_view::npos &&
           std::find(dates.begin(), dates.end(), lastSegment(field)) != dates.end();
}

// ECS fields of type long that Kibana formats with thousands separators ("3,100").
bool isNumericField(std::string_view field)
{
    static constexpr std::array<std::string_view, 11> numbers = {
        "pid", "ppid", "pgid", "port", "exit_code", "sequence", "bytes", "packets", "args_count", "uptime", "size"};
    return field == "process.thread.id" ||
           std::find(numbers.begin(), numbers.end(), lastSegment(field)) != numbers.end();
}

// Reads "3100", "3,100" or "-1.5" as a JSON number; nullopt for anything else.
std::optional<nlohmann::json> numberFromCell(std::string_view cell)
{
    std::string digits;
    for (const char c : cell) {
        if (c != ',')
            digits += c;
    }
    std::int64_t integer = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), integer);
    if (!digits.empty() && ec == std::errc() && end == digits.data() + digits.size())
        return nlohmann::json(integer);
    double real = 0;
    const auto [realEnd, realEc] = std::from_chars(digits.data(), digits.data() + digits.size(), real);
    if (!digits.empty() && realEc == std::errc() && realEnd == digits.data() + digits.size())
        return nlohmann::json(real);
    return std::nullopt;
}

} // namespace

void applyTimeZoneOption(DocumentReader& reader, const std::string& timeZone)
{
    auto* csv = dynamic_cast<CsvReader*>(&reader);
    if (!csv)
        return;
    if (timeZone.empty()) {
        csv->setTimeZone(TimeZone(), false);
        return;
    }
    std::string error;
    auto zone = TimeZone::load(timeZone, error);
    if (!zone)
        throw std::invalid_argument(error);
    csv->setTimeZone(std::move(*zone), true);
}

CsvReader::CsvReader(StreamBuffer& buffer, std::size_t maxRecordBytes)
    : buffer_(buffer), maxRecordBytes_(maxRecordBytes)
{}

void CsvReader::setTimeZone(TimeZone zone, bool confirmed)
{
    zone_ = std::move(zone);
    zoneConfirmed_ = confirmed;
}

// Scans `available` on from `scanned_` for a line break outside quotes and leaves `scanned_` at it, or at the end.
bool CsvReader::scanToRecordEnd(std::string_view available)
{
    for (; scanned_ < available.size(); ++scanned_) {
        const char c = available[scanned_];
        if (c == '"')
            inQuotes_ = !inQuotes_;
        else if (c == '\n' && !inQuotes_)
            return true;
    }
    return false;
}

// Finds the end of the record at the cursor: a line break outside quotes, or the end of the input.
CsvReader::RecordStep CsvReader::nextRecord(std::string_view& record)
{
    for (;;) {
        const std::string_view available = buffer_.available();
        scanToRecordEnd(available);
        if (scanned_ > maxRecordBytes_)
            return RecordStep::TooLong;
        const bool found = scanned_ < available.size();
        // readMore() may move the buffer even when it reads nothing, so `available` is stale after it.
        if (!found && buffer_.readMore())
            continue;
        const std::string_view rest = buffer_.available();
        if (!found && rest.empty())
            return RecordStep::End;
        // Without a line break the record runs to the end of the input.
        record = rest.substr(0, scanned_);
        pendingConsume_ = found ? scanned_ + 1 : scanned_;
        scanned_ = 0;
        inQuotes_ = false;
        return RecordStep::Record;
    }
}

void CsvReader::skipLongRecord(ReadIssue& issue)
{
    // The scan goes on from where nextRecord stopped, with its quote state, and starts again at each next block.
    const auto findEnd = [this](std::string_view available) {
        const bool found = scanToRecordEnd(available);
        const std::size_t end = found ? scanned_ : std::string_view::npos;
        scanned_ = 0;
        return end;
    };
    std::uint64_t length = 0;
    issue = skipOverlongRecord(buffer_, "record-too-long", findEnd, length);
    inQuotes_ = false;
    issue.message = "the CSV record is " + std::to_string(length) + " bytes long, over the limit of " +
                    std::to_string(maxRecordBytes_) + " bytes; it was skipped";
}

DocumentReader::Step CsvReader::readHeader(std::string_view record, ReadIssue& issue)
{
    if (!splitCsvRecord(record, cells_, quoted_)) {
        issue = ReadIssue{"invalid-csv", "the CSV header has an unterminated quoted cell; the file was not read",
                          excerptOf(record), buffer_.line(), buffer_.offset()};
        stopMessage_ = "invalid CSV header; no event was imported";
        return Step::Issue;
    }
    for (std::string& cell : cells_)
        header_.push_back(unescapeFormula(std::move(cell)));
    return Step::End;
}

void CsvReader::addCell(nlohmann::json& object, RawDocument& document, const std::string& field, std::string cell)
{
    if (field == "_id" || field == "_index") {
        (field == "_id" ? document.id : document.index) = std::move(cell);
        return;
    }
    if (field == "_score" || field == "_type")
        return;
    if (isDateField(field)) {
        if (const auto date = parseKibanaDate(cell, zone_)) {
            object[field] = ecs::formatIsoTimestamp(date->utcNs);
            if (date->zoneApplied && !zoneConfirmed_ && !utcWarned_) {
                utcWarned_ = true;
                document.warnings.push_back(
                    {"assumed-utc", field,
                     "the CSV dates carry no UTC offset and no time zone was given, so they were read as UTC; "
                     "import again with the time zone of the Kibana export (--timezone) if it was not UTC"});
            }
            return;
        }
    }
    if ((cell.starts_with('[') || cell.starts_with('{')) && nestingDepth(cell, maxNestingDepth) <= maxNestingDepth) {
        auto json = nlohmann::json::parse(cell, nullptr, false);
        if (json.is_array() && json.size() == 1 && !isEcsArrayField(field))
            json = json.front();
        if (!json.is_discarded()) {
            object[field] = std::move(json);
            return;
        }
    }
    if (isNumericField(field)) {
        if (auto number = numberFromCell(cell)) {
            object[field] = std::move(*number);
            return;
        }
    }
    object[field] = std::move(cell);
}

void CsvReader::buildDocument(RawDocument& document)
{
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        // Kibana writes nothing for a missing value; Discover shows "-", which some exports carry.
        if (cells_[i].empty() || cells_[i] == "-")
            continue;
        addCell(object, document, header_[i], unescapeFormula(std::move(cells_[i])));
    }
    document.generatedText = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    document.text = document.generatedText;
}

DocumentReader::Step CsvReader::next(RawDocument& document, ReadIssue& issue)
{
    for (;;) {
        if (pendingConsume_ > 0) {
            buffer_.consume(pendingConsume_);
            pendingConsume_ = 0;
        }
        if (!stopMessage_.empty())
            return Step::End;
        const std::uint64_t line = buffer_.line();
        const std::uint64_t offset = buffer_.offset();
        std::string_view record;
        const RecordStep step = nextRecord(record);
        if (step == RecordStep::End)
            return Step::End;
        if (step == RecordStep::TooLong) {
            skipLongRecord(issue);
            return Step::Issue;
        }
        if (record.ends_with('\r'))
            record.remove_suffix(1);
        if (skipWhitespace(record) == record.size())
            continue;
        if (header_.empty()) {
            if (readHeader(record, issue) == Step::Issue)
                return Step::Issue;
            continue;
        }
        document = RawDocument{};
        document.input = record;
        document.line = line;
        document.byteOffset = offset;
        if (!splitCsvRecord(record, cells_, quoted_)) {
            issue = ReadIssue{"invalid-csv", "a quoted cell is not terminated or text follows its closing quote",
                              excerptOf(record), line, offset};
            return Step::Issue;
        }
        if (cells_.size() != header_.size()) {
            issue = ReadIssue{"wrong-column-count",
                              "the record has " + std::to_string(cells_.size()) + " cells, the header " +
                                  std::to_string(header_.size()) + " columns",
                              excerptOf(record), line, offset};
            return Step::Issue;
        }
        buildDocument(document);
        return Step::Document;
    }
}

} // namespace spoor::ingest
