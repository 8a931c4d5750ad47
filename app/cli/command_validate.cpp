#include "cli.h"
#include "command_line.h"
#include "eql/eql_error.h"
#include "eql/field_mappings.h"
#include "eql/query.h"
#include "rules/rule_loader.h"
#include "scan/rule_runner.h"

#include <memory>
#include <ostream>

namespace spoor::cli {

namespace {

constexpr const char* validateUsage = R"(Usage: spoor-cli validate [--mapping FILE] PATH...

Checks detection rules (TOML files, or folders searched recursively for *.toml) without running them: the
TOML must be a valid rule and an EQL query must parse and pass type checks with the built-in ECS field types.
Prints one line per rule:
  ok PATH
  error PATH:LINE:COLUMN: message      LINE is the line in the TOML file, COLUMN the column in the query line
  skipped PATH: language kuery is not supported

Options:
  --mapping FILE   an Elasticsearch index mapping whose field types are added to the built-in ECS types

Exit status: 0 when every EQL rule is valid, 1 when a rule failed to load or its query is invalid,
2 on a usage error.
)";

// Checks one rule's query and prints its line. Returns false when the query is invalid.
bool validateRule(const rules::Rule& rule, const std::shared_ptr<const eql::FieldMappings>& mappings, std::ostream& out)
{
    try {
        eql::Query::parse(rule.query, mappings);
        out << "ok " << rule.origin << '\n';
        return true;
    } catch (const eql::EqlError& error) {
        out << "error " << scan::queryErrorText(rule, error) << '\n';
        return false;
    }
}

} // namespace

int runValidate(const std::vector<std::string>& args, Streams streams)
{
    try {
        const CommandLine commandLine(args, {"mapping"}, {"help"});
        if (commandLine.has("help")) {
            streams.out << validateUsage;
            return ExitSuccess;
        }
        if (commandLine.positionals().empty())
            throw UsageError("missing PATH: name at least one rule file or folder");
        rejectStandardInput(commandLine.positionals());
        auto mappings = eql::FieldMappings::ecsDefaults();
        if (commandLine.has("mapping"))
            mappings.add(eql::FieldMappings::loadFile(commandLine.value("mapping")));
        const auto shared = std::make_shared<const eql::FieldMappings>(std::move(mappings));

        const auto loaded = rules::loadRulePaths(commandLine.positionals());
        bool allValid = loaded.errors.empty();
        for (const auto& rule : loaded.rules)
            allValid = validateRule(rule, shared, streams.out) && allValid;
        for (const auto& skipped : loaded.skipped)
            streams.out << "skipped " << skipped << '\n';
        for (const auto& error : loaded.errors)
            streams.out << "error " << error << '\n';
        return allValid ? ExitSuccess : ExitInputFailed;
    } catch (const UsageError& error) {
        streams.err << "spoor-cli validate: " << error.what() << "\n\n" << validateUsage;
        return ExitUsage;
    } catch (const std::exception& error) {
        streams.err << "spoor-cli validate: " << error.what() << '\n';
        return ExitInputFailed;
    }
}

} // namespace spoor::cli
