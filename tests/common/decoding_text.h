#pragma once

#include "ingest/document_decoder.h"

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

namespace spoor::test {

template <typename T> std::string columnText(const std::optional<T>& value)
{
    if (!value)
        return "NULL";
    if constexpr (std::is_same_v<T, std::int64_t>)
        return std::to_string(*value);
    else
        return "\"" + std::string(*value) + "\"";
}

// Renders everything that one decode produced, a line per column and warning, so that two decodes of a
// document compare as text and a difference shows in the failure message.
inline std::string decodingText(bool decoded, const ingest::DecodedDocument& document,
                                const ingest::Rejection& rejection)
{
    if (!decoded)
        return "rejected " + rejection.reason + " [" + rejection.field + "] " + rejection.message + "\n";
    const auto& row = document.row;
    std::string text;
    const auto add = [&](const char* name, const std::string& value) { text += name + ("=" + value + "\n"); };
    add("line", std::to_string(row.line));
    add("byteOffset", std::to_string(row.byteOffset));
    add("docIndex", columnText(row.docIndex));
    add("docId", columnText(row.docId));
    add("docHash", std::to_string(row.docHash));
    add("document", std::string(row.document));
    add("repairedText", document.repairedText);
    add("timestamp", columnText(row.timestampNs));
    add("ingested", columnText(row.ingestedNs));
    add("sequence", columnText(row.sequence));
    add("eventId", columnText(row.eventId));
    add("category", columnText(row.category));
    add("eventType", columnText(row.eventType));
    add("action", columnText(row.action));
    add("dataset", columnText(row.dataset));
    add("hostId", columnText(row.hostId));
    add("hostName", columnText(row.hostName));
    add("osType", columnText(row.osType));
    add("userId", columnText(row.userId));
    add("userName", columnText(row.userName));
    add("pid", columnText(row.pid));
    add("entityId", columnText(row.entityId));
    add("processName", columnText(row.processName));
    add("executable", columnText(row.executable));
    add("commandLine", columnText(row.commandLine));
    add("exitCode", columnText(row.exitCode));
    add("parentPid", columnText(row.parentPid));
    add("parentEntityId", columnText(row.parentEntityId));
    add("parentName", columnText(row.parentName));
    for (const auto& warning : document.warnings)
        add("warning", warning.reason + " [" + warning.field + "] " + warning.message);
    return text;
}

} // namespace spoor::test
