#include "ingest/laurel_reader.h"

#include "ingest/audit_event.h"
#include "ingest/audit_log_reader.h"

#include <nlohmann/json.hpp>

namespace spoor::ingest {

namespace {

using Json = nlohmann::json;

bool isUppercaseKey(std::string_view key)
{
    for (const char c : key) {
        if (c >= 'a' && c <= 'z')
            return false;
    }
    return true;
}

std::string scalarText(const Json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return "(null)";
    return value.dump();
}

void stripHexPrefix(std::string& text)
{
    if (text.size() >= 2 && text[0] == '0' && text[1] == 'x')
        text.erase(0, 2);
}

// laurel writes bytes that are not printable ASCII as %XX.
std::string percentDecode(std::string_view text)
{
    std::string bytes;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            if (auto decoded = decodeHex(text.substr(i + 1, 2))) {
                bytes += *decoded;
                i += 2;
                continue;
            }
        }
        bytes += text[i];
    }
    return bytes;
}

std::string hexEncode(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string hex;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        hex += digits[byte >> 4];
        hex += digits[byte & 0xf];
    }
    return hex;
}

void addArgv(AuditRecord& record, const Json& argv)
{
    if (!argv.is_array())
        return;
    if (record.type == "PROCTITLE") {
        std::string proctitle;
        for (const auto& argument : argv) {
            if (!proctitle.empty())
                proctitle += '\0';
            proctitle += scalarText(argument);
        }
        record.fields.push_back({"proctitle", std::move(proctitle)});
        return;
    }
    for (std::size_t i = 0; i < argv.size(); ++i) {
        std::string text = scalarText(argv[i]);
        if (record.type == "SYSCALL")
            stripHexPrefix(text);
        record.fields.push_back({"a" + std::to_string(i), std::move(text)});
    }
}

AuditRecord recordFrom(const std::string& type, const Json& object)
{
    AuditRecord record;
    record.type = type;
    if (!object.is_object())
        return record;
    for (const auto& [key, value] : object.items()) {
        if (key == "ARGV") {
            addArgv(record, value);
        } else if (key == "saddr" && value.is_string()) {
            record.fields.push_back({key, hexEncode(percentDecode(value.get<std::string>()))});
        } else if (value.is_object() || value.is_array()) {
            continue; // TODO: nested values such as a parsed SOCKADDR object are not read.
        } else if (isUppercaseKey(key)) {
            record.interpreted.push_back({key, scalarText(value)});
        } else {
            record.fields.push_back({key, scalarText(value)});
        }
    }
    return record;
}

bool readId(const Json& json, AuditEvent& event, std::string& error)
{
    const auto id = json.find("ID");
    if (id == json.end() || !id->is_string()) {
        error = "the laurel event has no \"ID\" string";
        return false;
    }
    std::string line = "type=EOE msg=audit(" + id->get<std::string>() + "):";
    auto stamp = parseAuditRecord(line, error);
    if (!stamp) {
        error = "invalid laurel \"ID\": " + error;
        return false;
    }
    event.stamp = stamp->stamp;
    event.timestampMs = stamp->timestampMs;
    event.serial = stamp->serial;
    if (const auto node = json.find("NODE"); node != json.end() && node->is_string())
        event.node = node->get<std::string>();
    return true;
}

} // namespace

bool looksLikeLaurelLine(std::string_view line)
{
    constexpr std::string_view prefix = "{\"ID\":\"";
    if (!line.starts_with(prefix))
        return false;
    const std::string_view id = line.substr(prefix.size(), line.find('"', prefix.size()) - prefix.size());
    std::string error;
    return parseAuditRecord("type=EOE msg=audit(" + std::string(id) + "):", error).has_value();
}

std::optional<AuditEvent> parseLaurelEvent(std::string_view line, std::string& error)
{
    Json json = Json::parse(line, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        error = "invalid JSON or not a JSON object";
        return std::nullopt;
    }
    AuditEvent event;
    if (!readId(json, event, error))
        return std::nullopt;
    for (const auto& [type, value] : json.items()) {
        if (type == "ID" || type == "NODE")
            continue;
        if (value.is_array()) {
            for (const auto& element : value)
                event.records.push_back(recordFrom(type, element));
        } else {
            event.records.push_back(recordFrom(type, value));
        }
    }
    if (event.records.empty()) {
        error = "the laurel event has no records";
        return std::nullopt;
    }
    for (auto& record : event.records) {
        record.node = event.node;
        record.stamp = event.stamp;
        record.timestampMs = event.timestampMs;
        record.serial = event.serial;
    }
    event.original = std::string(line);
    return event;
}

LaurelReader::LaurelReader(StreamBuffer& buffer, std::size_t maxLineBytes, std::string fallbackHost)
    : lines_(buffer, InputFormat::NdjsonDocuments, maxLineBytes), mapper_("auditd.laurel", std::move(fallbackHost))
{}

DocumentReader::Step LaurelReader::next(RawDocument& document, ReadIssue& issue)
{
    RawDocument line;
    const Step step = lines_.next(line, issue);
    if (step == Step::End)
        stopMessage_ = lines_.stopMessage();
    if (step != Step::Document)
        return step;
    std::string error;
    auto event = parseLaurelEvent(line.text, error);
    if (!event) {
        issue = lineIssue("invalid-laurel-event", std::move(error), line);
        return Step::Issue;
    }
    event->line = line.line;
    event->byteOffset = line.byteOffset;
    documentText_ = mapper_.map(*event);
    document = RawDocument{};
    document.text = documentText_;
    document.input = line.text;
    document.line = line.line;
    document.byteOffset = line.byteOffset;
    document.unterminatedLastLine = line.unterminatedLastLine;
    return Step::Document;
}

} // namespace spoor::ingest
