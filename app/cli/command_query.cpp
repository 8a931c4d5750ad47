#include "cli.h"
#include "command_line.h"
#include "ecs/document_parser.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/field_mappings.h"
#include "eql/query.h"
#include "import_reporting.h"
#include "query_output.h"
#include "scan/event_order.h"
#include "scan/field_presence.h"
#include "store/case_file.h"
#include "store/document_store.h"
#include "store/statement.h"
#include "temporary_case.h"
#include "time_zone_option.h"

#include <memory>
#include <optional>
#include <ostream>

namespace spoor::cli {

namespace {

constexpr const char* queryUsage =
    R"(Usage: spoor-cli query [OPTIONS] QUERY [INPUT...]

Imports INPUT (dump files or folders: NDJSON of documents or hits, _search responses, JSON arrays; plain,
gzip or zstd) into a case, runs the EQL query over every event of the case and prints the results shaped like
the response of Elasticsearch's _eql/search. Without --case the case is a temporary file that is removed
afterwards. Events are ordered by the timestamp field, then the tiebreaker field (or @timestamp and
event.sequence when none is given), then import order.

Options:
  --case FILE                  import into and query this case file (created when needed); INPUT may be empty
  --mapping FILE               an Elasticsearch index mapping (GET INDEX/_mapping) with field types and aliases,
                               added to the built-in ECS types
  --event-category-field F     the field that `process where ...` tests (default: event.category)
  --timestamp-field F          the date field that orders events and measures maxspan (default: @timestamp)
  --tiebreaker-field F         the field that orders events with equal times (default: none)
  --size N                     return at most N results after head and tail (default: no limit)
  --max-samples-per-key N      samples kept per join key of a sample query (default: 1)
  --format FORMAT              json (default): one response object; ndjson: one hit (event or sequence) per
                               line; text: readable lines, then a line with the number of matches.
                               Results are written as they are found, so event queries without a tail pipe
                               keep no results in memory
  --timezone ZONE              the time zone of dates without a UTC offset in Kibana CSV exports: UTC, an
                               offset such as +02:00, or a TZ database name such as Europe/Berlin. Without it
                               such dates are read as UTC and the import warns once per file

Exit status: 0 on success, with or without results; 1 when an input or the mapping cannot be read;
2 on a usage error or an invalid query, printed as "error: LINE:COLUMN: message".
)";

struct QueryRequest
{
    std::string text;
    std::vector<std::string> inputs;
    std::string casePath; // empty: a temporary case
    std::string timeZone; // of Kibana CSV dates without an offset; empty: UTC, with a warning
    std::string format;
    eql::QueryOptions options;
    std::string tiebreakerField;
    std::shared_ptr<const eql::FieldMappings> mappings;
};

QueryRequest readRequest(const CommandLine& commandLine)
{
    QueryRequest request;
    if (commandLine.positionals().empty())
        throw UsageError("missing QUERY: give the EQL query as the first argument");
    request.text = commandLine.positionals().front();
    request.inputs.assign(commandLine.positionals().begin() + 1, commandLine.positionals().end());
    request.casePath = commandLine.value("case");
    rejectStandardInput(request.inputs);
    if (request.inputs.empty() && request.casePath.empty())
        throw UsageError("missing INPUT: name at least one dump file or folder, or an existing --case");
    request.format = commandLine.choice("format", {"json", "ndjson", "text"}, "json");
    request.timeZone = timeZoneOption(commandLine);
    request.options.eventCategoryField = commandLine.value("event-category-field", "event.category");
    request.options.timestampField = commandLine.value("timestamp-field", "@timestamp");
    request.tiebreakerField = commandLine.value("tiebreaker-field");
    request.options.tiebreakerField = request.tiebreakerField;
    if (commandLine.has("size"))
        request.options.size = commandLine.unsignedValue("size", 0);
    request.options.maxSamplesPerKey = commandLine.unsignedValue("max-samples-per-key", 1);
    if (request.options.maxSamplesPerKey == 0)
        throw UsageError("option --max-samples-per-key must be at least 1");
    return request;
}

std::shared_ptr<const eql::FieldMappings> loadMappings(const CommandLine& commandLine)
{
    auto mappings = eql::FieldMappings::ecsDefaults();
    if (commandLine.has("mapping"))
        mappings.add(eql::FieldMappings::loadFile(commandLine.value("mapping")));
    return std::make_shared<const eql::FieldMappings>(std::move(mappings));
}

// Feeds the case's events in query order through the executor and writes each result as soon as it is final.
// The ?optional fields not in `mappedOptionalFields` read as the literal null.
void runQuery(store::Database& db, const eql::Query& query, const QueryRequest& request,
              const std::set<std::string, std::less<>>& mappedOptionalFields, QueryOutput& output)
{
    std::vector<std::string> fields = query.fieldNames();
    fields.push_back(request.mappings->sourcePath(request.options.eventCategoryField));
    ecs::DocumentParser parser(std::move(fields));
    ecs::Event event;
    store::DocumentStore documents(db);

    eql::QueryOptions options = request.options;
    options.mappedFields = mappedOptionalFields;
    eql::Executor executor(query, options);
    executor.setMatchSink([&output](eql::Match&& match) { output.write(match); });
    const auto order =
        scan::orderEvents(db, request.options.timestampField, request.tiebreakerField, *request.mappings);
    for (const auto& ordered : order) {
        if (const auto document = documents.document(ordered.id))
            parser.parse(*document, event);
        executor.push(eql::InputEvent{ordered.id, event, ordered.timeNs});
    }
    executor.finish();
    output.finish();
}

int execute(const QueryRequest& request, const eql::Query& query, Streams streams)
{
    std::optional<TemporaryCase> temporaryCase;
    if (request.casePath.empty())
        temporaryCase.emplace();
    auto caseFile = store::CaseFile::open(temporaryCase ? temporaryCase->path() : request.casePath);

    bool inputFailed = false;
    if (!request.inputs.empty()) {
        auto importOptions = importOptionsPrintingTo(streams.err);
        importOptions.timeZone = request.timeZone;
        const auto imported = ingest::importPaths(caseFile, request.inputs, importOptions);
        printImportSummary(imported, streams.err);
        inputFailed = imported.anyFailed();
    }
    const scan::FieldPresence presence = scan::checkFieldPresence(caseFile.db(), query);
    for (const std::string& field : presence.unknownFields) {
        streams.err << "warning: unknown field " << field
                    << ": no event has it and it has no ECS or mapping type, so Elasticsearch would reject the query;"
                       " check the spelling, or write ?"
                    << field << " to mark it optional\n";
    }
    QueryOutput output(caseFile.db(), query, request.format, streams.out);
    runQuery(caseFile.db(), query, request, presence.mappedOptionalFields, output);
    return inputFailed ? ExitInputFailed : ExitSuccess;
}

} // namespace

int runQuery(const std::vector<std::string>& args, Streams streams)
{
    try {
        const CommandLine commandLine(args,
                                      {"case", "mapping", "event-category-field", "timestamp-field", "tiebreaker-field",
                                       "size", "max-samples-per-key", "format", "timezone"},
                                      {"help"});
        if (commandLine.has("help")) {
            streams.out << queryUsage;
            return ExitSuccess;
        }
        QueryRequest request = readRequest(commandLine);
        request.mappings = loadMappings(commandLine);
        std::optional<eql::Query> query;
        try {
            query = eql::Query::parse(request.text, request.mappings);
        } catch (const eql::EqlError& error) {
            streams.err << "error: " << error.what() << '\n';
            return ExitUsage;
        }
        return execute(request, *query, streams);
    } catch (const UsageError& error) {
        streams.err << "spoor-cli query: " << error.what() << "\n\n" << queryUsage;
        return ExitUsage;
    } catch (const std::exception& error) {
        streams.err << "spoor-cli query: " << error.what() << '\n';
        return ExitInputFailed;
    }
}

} // namespace spoor::cli
