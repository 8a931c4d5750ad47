#include "ingest/audit_record.h"

#include <array>
#include <charconv>

namespace spoor::ingest {

namespace {

constexpr char enrichedSeparator = '\x1d';

// The last second whose nanoseconds fit in the int64 that ECS timestamps use (2262-04-11).
constexpr std::int64_t maxSeconds = 9'223'372'035;

bool startsWithAny(std::string_view text, std::initializer_list<std::string_view> prefixes)
{
    for (const auto prefix : prefixes) {
        if (text.starts_with(prefix))
            return true;
    }
    return false;
}

template <typename Integer> bool parseDecimal(std::string_view text, Integer& value)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::string_view skipSpaces(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    return text;
}

// Reads "msg=audit(1615114232.375:15558):" from the start of `text` into the record.
bool readStamp(std::string_view& text, AuditRecord& record, std::string& error)
{
    constexpr std::string_view prefix = "msg=audit(";
    if (!text.starts_with(prefix)) {
        error = "missing \"msg=audit(\" after the record type";
        return false;
    }
    // Old daemon messages close the stamp with ")" alone: "msg=audit(1490239800.477:34) config changed".
    const std::size_t close = text.find(')');
    if (close == std::string_view::npos) {
        error = "the \"msg=audit(\" stamp has no closing \")\"";
        return false;
    }
    const std::string_view stamp = text.substr(prefix.size(), close - prefix.size());
    const std::size_t dot = stamp.find('.');
    const std::size_t colon = stamp.find(':');
    std::int64_t seconds = 0;
    std::int64_t millis = 0;
    const bool valid = dot != std::string_view::npos && colon != std::string_view::npos && dot < colon &&
                       colon - dot == 4 && parseDecimal(stamp.substr(0, dot), seconds) &&
                       parseDecimal(stamp.substr(dot + 1, 3), millis) &&
                       parseDecimal(stamp.substr(colon + 1), record.serial) && seconds <= maxSeconds;
    if (!valid) {
        error = "invalid audit stamp \"" + std::string(stamp.substr(0, 40)) +
                "\", expected SECONDS.MILLISECONDS:SERIAL with a time before the year 2262";
        return false;
    }
    record.stamp = std::string(stamp);
    record.timestampMs = seconds * 1000 + millis;
    text.remove_prefix(close + 1);
    if (text.starts_with(':'))
        text.remove_prefix(1);
    return true;
}

std::string decodeValue(std::string_view type, std::string_view key, std::string_view value, bool& hexDecoded)
{
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        return std::string(value.substr(1, value.size() - 2));
    if (value == "(null)" || !isEncodableAuditField(type, key))
        return std::string(value);
    if (auto decoded = decodeHex(value)) {
        hexDecoded = true;
        return std::move(*decoded);
    }
    return std::string(value);
}

// Splits "key=value key="quoted value" msg='op=... res=success'" into fields. A single-quoted value is
// a nested list of fields, as in user-space messages, and its fields are added in its place. Words
// without '=' (the text of an AVC record, for instance) are skipped.
void readFields(std::string_view text, std::string_view type, std::vector<AuditField>& fields, bool& hexDecoded)
{
    for (text = skipSpaces(text); !text.empty(); text = skipSpaces(text)) {
        const std::size_t wordEnd = text.find(' ');
        const std::size_t equals = text.find('=');
        if (equals == std::string_view::npos || equals > wordEnd) {
            text.remove_prefix(wordEnd == std::string_view::npos ? text.size() : wordEnd);
            continue;
        }
        const std::string_view key = text.substr(0, equals);
        text.remove_prefix(equals + 1);
        std::size_t valueEnd = 0;
        if (!text.empty() && (text.front() == '"' || text.front() == '\'')) {
            const std::size_t close = text.find(text.front(), 1);
            valueEnd = close == std::string_view::npos ? text.size() : close + 1;
        } else {
            valueEnd = std::min(text.find(' '), text.size());
        }
        const std::string_view value = text.substr(0, valueEnd);
        text.remove_prefix(valueEnd);
        if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
            readFields(value.substr(1, value.size() - 2), type, fields, hexDecoded);
            continue;
        }
        fields.push_back({std::string(key), decodeValue(type, key, value, hexDecoded)});
    }
}

const std::string* findIn(const std::vector<AuditField>& fields, std::string_view key)
{
    for (const auto& field : fields) {
        if (field.key == key)
            return &field.value;
    }
    return nullptr;
}

} // namespace

const std::string* AuditRecord::find(std::string_view key) const
{
    return findIn(fields, key);
}

const std::string* AuditRecord::findInterpreted(std::string_view key) const
{
    return findIn(interpreted, key);
}

std::optional<std::string> decodeHex(std::string_view hex)
{
    if (hex.empty() || hex.size() % 2 != 0)
        return std::nullopt;
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
        if (ec != std::errc() || end != hex.data() + i + 2)
            return std::nullopt;
        bytes += static_cast<char>(value);
    }
    return bytes;
}

bool isEncodableAuditField(std::string_view recordType, std::string_view key)
{
    // EXECVE arguments: a0, a1[2], ... but not argc or a0_len.
    if (recordType == "EXECVE")
        return key.size() >= 2 && key[0] == 'a' && key[1] >= '0' && key[1] <= '9' && !key.ends_with("_len");
    static constexpr std::array<std::string_view, 10> keys = {"exe", "comm", "cwd", "name", "proctitle",
                                                              "cmd", "acct", "key", "data", "path"};
    for (const auto encodable : keys) {
        if (key == encodable)
            return true;
    }
    return false;
}

bool isStandaloneAuditRecord(std::string_view type)
{
    return startsWithAny(type,
                         {"USER_", "CRED_", "DAEMON_",  "SERVICE_",    "SYSTEM_",         "CRYPTO_",    "ACCT_",
                          "GRP_",  "ADD_",  "DEL_",     "CHGRP_",      "CHUSER_",         "ANOM_LOGIN", "VIRT_",
                          "ROLE_", "USYS_", "AVC_USER", "TRUSTED_APP", "SOFTWARE_UPDATE", "RESP_",      "LABEL_"});
}

std::optional<AuditRecord> parseAuditRecord(std::string_view line, std::string& error)
{
    error.clear();
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (line.starts_with('#'))
        return std::nullopt;

    AuditRecord record;
    std::string_view text = line;
    const std::size_t separator = text.find(enrichedSeparator);
    std::string_view enriched;
    if (separator != std::string_view::npos) {
        enriched = text.substr(separator + 1);
        text = text.substr(0, separator);
    }
    if (text.starts_with("node=")) {
        const std::size_t end = text.find(' ');
        record.node = std::string(text.substr(5, end == std::string_view::npos ? text.npos : end - 5));
        text = skipSpaces(text.substr(end == std::string_view::npos ? text.size() : end));
    }
    if (!text.starts_with("type=")) {
        error = "not an audit record: expected \"type=\" or \"node=\" at the start of the line";
        return std::nullopt;
    }
    const std::size_t typeEnd = text.find(' ');
    record.type = std::string(text.substr(5, typeEnd == std::string_view::npos ? text.npos : typeEnd - 5));
    if (record.type.empty()) {
        error = "the record type after \"type=\" is empty";
        return std::nullopt;
    }
    text = skipSpaces(text.substr(typeEnd == std::string_view::npos ? text.size() : typeEnd));
    if (!readStamp(text, record, error))
        return std::nullopt;
    readFields(text, record.type, record.fields, record.hasHexEncodedValue);
    bool ignored = false;
    readFields(enriched, record.type, record.interpreted, ignored);
    return record;
}

} // namespace spoor::ingest
