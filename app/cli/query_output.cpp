#include "query_output.h"

#include "count_text.h"

#include <ostream>

namespace spoor::cli {

namespace {

constexpr auto replaceInvalidUtf8 = nlohmann::json::error_handler_t::replace;

const char* kindName(eql::Query::Kind kind)
{
    switch (kind) {
    case eql::Query::Kind::Sequence:
        return "sequence";
    case eql::Query::Kind::Sample:
        return "sample";
    case eql::Query::Kind::Event:
        break;
    }
    return "event";
}

// Writes text with every line indented, the way nlohmann::json indents a nested value. JSON strings
// cannot contain a raw line break, so every line break in the text is between tokens.
void writeIndented(const std::string& text, const std::string& indent, std::ostream& out)
{
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        out << indent << std::string_view(text).substr(start, end - start);
        if (end == std::string::npos)
            break;
        out << '\n';
        start = end + 1;
    }
}

} // namespace

QueryOutput::QueryOutput(store::Database& db, const eql::Query& query, std::string format, std::ostream& out)
    : reader_(db), query_(query), format_(std::move(format)), out_(out)
{}

nlohmann::json QueryOutput::hitFor(const eql::Match& match)
{
    if (query_.kind() == eql::Query::Kind::Event)
        return reader_.hit(match.eventIds.front());
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& key : match.joinKeys)
        keys.push_back(nlohmann::json::parse(key.toJson()));
    nlohmann::json events = nlohmann::json::array();
    for (const auto& id : match.eventIds)
        events.push_back(reader_.hit(id));
    return {{"join_keys", std::move(keys)}, {"events", std::move(events)}};
}

void QueryOutput::write(const eql::Match& match)
{
    const nlohmann::json hit = hitFor(match);
    ++count_;
    if (format_ == "ndjson") {
        out_ << hit.dump(-1, ' ', false, replaceInvalidUtf8) << '\n';
    } else if (format_ == "text") {
        if (query_.kind() == eql::Query::Kind::Event)
            writeEventText(hit, count_, out_);
        else
            writeSequenceText(hit, count_, out_);
    } else {
        writeJsonHit(hit);
    }
}

void QueryOutput::writeJsonHit(const nlohmann::json& hit)
{
    if (count_ == 1) {
        const char* list = query_.kind() == eql::Query::Kind::Event ? "events" : "sequences";
        out_ << "{\n  \"hits\": {\n    \"" << list << "\": [\n";
    } else {
        out_ << ",\n";
    }
    writeIndented(hit.dump(2, ' ', false, replaceInvalidUtf8), "      ", out_);
}

void QueryOutput::finish()
{
    if (format_ == "text") {
        out_ << countText(count_, "match", "matches") << " of the " << kindName(query_.kind()) << " query\n";
        return;
    }
    if (format_ != "json")
        return;
    if (count_ == 0) {
        const char* list = query_.kind() == eql::Query::Kind::Event ? "events" : "sequences";
        out_ << "{\n  \"hits\": {\n    \"" << list << "\": [],\n";
    } else {
        out_ << "\n    ],\n";
    }
    out_ << "    \"total\": {\n      \"relation\": \"eq\",\n      \"value\": " << count_ << "\n    }\n  }\n}\n";
}

} // namespace spoor::cli
