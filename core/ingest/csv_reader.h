#pragma once

#include "ingest/document_reader.h"
#include "ingest/time_zone.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace spoor::ingest {

// Reads a Kibana Discover CSV export: the header names the fields, and every later record becomes one
// generated ECS document with dotted keys. Cells that are empty or "-" are left out. Cells holding JSON
// arrays or objects become JSON values, and dates in Kibana's display format or ISO-8601 become ISO-8601 UTC.
// Numeric ECS fields such as process.pid become numbers, also when written with thousands separators.
// Columns _id and _index give the event's _id and _index.
class CsvReader : public DocumentReader
{
public:
    CsvReader(StreamBuffer& buffer, std::size_t maxRecordBytes);

    // Sets the zone of dates written without an offset. `confirmed` false means that the user gave none,
    // so the zone is UTC and the first event with such a date carries a warning about it.
    void setTimeZone(TimeZone zone, bool confirmed);

    Step next(RawDocument& document, ReadIssue& issue) override;

private:
    enum class RecordStep { Record, TooLong, End };

    bool scanToRecordEnd(std::string_view available);
    RecordStep nextRecord(std::string_view& record);
    void skipLongRecord(ReadIssue& issue);
    Step readHeader(std::string_view record, ReadIssue& issue);
    void buildDocument(RawDocument& document);
    void addCell(nlohmann::json& object, RawDocument& document, const std::string& field, std::string cell);

    StreamBuffer& buffer_;
    std::size_t maxRecordBytes_;
    std::size_t pendingConsume_ = 0; // bytes of the record last returned, released on the next call
    std::size_t scanned_ = 0;        // bytes after the cursor already scanned for the record's end
    bool inQuotes_ = false;          // the scan state at `scanned_`
    std::vector<std::string> header_;
    std::vector<std::string> cells_;
    std::vector<bool> quoted_;
    TimeZone zone_;
    bool zoneConfirmed_ = false;
    bool utcWarned_ = false;
};

// Gives a CSV reader the zone of the import option (a TimeZone::load name; empty for UTC with a warning).
// Other readers are left alone. Throws std::invalid_argument naming the zone when it cannot be loaded.
void applyTimeZoneOption(DocumentReader& reader, const std::string& timeZone);

} // namespace spoor::ingest
