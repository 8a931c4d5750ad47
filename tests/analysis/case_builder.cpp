#include "case_builder.h"

#include "ecs/flatten.h"
#include "ecs/timestamp.h"
#include "store/document_writer.h"
#include "store/statement.h"

#include <optional>

namespace {

constexpr const char* insertEvent = R"sql(
INSERT INTO events (source_id, line, doc_hash, timestamp_ns, ingested_ns, sequence, event_id, category, event_type,
                    action, dataset, host_id, host_name, os_type, user_id, user_name, pid, entity_id, process_name,
                    executable, command_line, exit_code, parent_pid, parent_entity_id, parent_name, doc_block,
                    doc_slot)
VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql";

std::optional<std::string> text(const spoor::ecs::Event& event, std::string_view path)
{
    const spoor::ecs::Value* value = event.find(path);
    if (!value || value->isNull())
        return std::nullopt;
    if (!value->isArray())
        return value->toString();
    std::string joined;
    for (const spoor::ecs::Value& element : value->asArray())
        joined += (joined.empty() ? "" : ",") + element.toString();
    return joined;
}

std::optional<std::int64_t> integer(const spoor::ecs::Event& event, std::string_view path)
{
    const spoor::ecs::Value* value = event.find(path);
    return value && value->isInt() ? std::optional<std::int64_t>(value->asInt()) : std::nullopt;
}

std::optional<std::int64_t> time(const spoor::ecs::Event& event, std::string_view path)
{
    const spoor::ecs::Value* value = event.find(path);
    return value && value->isString() ? spoor::ecs::parseIsoTimestamp(value->asString()) : std::nullopt;
}

} // namespace

CaseBuilder::CaseBuilder(const std::string& path) : caseFile_(spoor::store::CaseFile::open(path))
{
    caseFile_.db().exec("INSERT INTO sources (path, sha256, size_bytes, format, compression, status, imported_at) "
                        "VALUES ('test', '', 0, 'ndjson', 'none', 'complete', '2024-04-03T00:00:00Z')");
    sourceId_ = caseFile_.db().lastInsertRowId();
}

std::int64_t CaseBuilder::insert(const nlohmann::json& document)
{
    spoor::ecs::Event event = spoor::ecs::flatten(document);
    spoor::ecs::normalizeIdentifiers(event);
    auto statement = caseFile_.db().prepare(insertEvent);
    statement.bind(1, sourceId_).bind(2, ++line_);
    statement.bind(3, time(event, "@timestamp")).bind(4, time(event, "event.ingested"));
    statement.bind(5, integer(event, "event.sequence")).bind(6, text(event, "event.id"));
    statement.bind(7, text(event, "event.category")).bind(8, text(event, "event.type"));
    statement.bind(9, text(event, "event.action"));
    auto dataset = text(event, "data_stream.dataset");
    statement.bind(10, dataset ? dataset : text(event, "event.dataset"));
    statement.bind(11, text(event, "host.id")).bind(12, text(event, "host.name"));
    statement.bind(13, text(event, "host.os.type")).bind(14, text(event, "user.id"));
    statement.bind(15, text(event, "user.name")).bind(16, integer(event, "process.pid"));
    statement.bind(17, text(event, "process.entity_id")).bind(18, text(event, "process.name"));
    statement.bind(19, text(event, "process.executable")).bind(20, text(event, "process.command_line"));
    statement.bind(21, integer(event, "process.exit_code")).bind(22, integer(event, "process.parent.pid"));
    statement.bind(23, text(event, "process.parent.entity_id")).bind(24, text(event, "process.parent.name"));
    spoor::store::DocumentWriter documents(caseFile_.db());
    const spoor::store::DocumentRef ref = documents.nextRef();
    statement.bind(25, ref.block).bind(26, ref.slot);
    statement.run();
    const std::int64_t id = caseFile_.db().lastInsertRowId();
    documents.append(document.dump());
    documents.flush();
    return id;
}
