#include "cli.h"
#include "command_line.h"
#include "eql/analyzer.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/field_mappings.h"
#include "eql/query.h"
#include "rules/rule_loader.h"
#include "scan/field_presence.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

namespace spoor::cli {

namespace {

constexpr const char* validateUsage = R"(Usage: spoor-cli validate [--mapping FILE] [--case FILE] PATH...

Checks detection rules (TOML files, or folders searched recursively for *.toml) without running them: the
TOML must be a valid rule and an EQL query must parse and pass type checks with the built-in ECS field types.
Prints one line per rule:
  ok PATH
  error PATH:LINE:COLUMN: message      LINE is the line in the TOML file, COLUMN the column in the query line
  skipped PATH: language kuery is not supported
A valid query that names a field without ? that has no built-in ECS or mapping type also gets a warning on
stderr, because Elasticsearch rejects it and a typo never matches:
  warning PATH: unknown field NAME: ...
With --case, only the fields that no event of the case has are reported.

Options:
  --mapping FILE   an Elasticsearch index mapping whose field types are added to the built-in ECS types
  --case FILE      a case file whose events count as known fields (opened read-only)

Exit status: 0 when every EQL rule is valid, 1 when a rule failed to load or its query is invalid,
2 on a usage error.
)";

// Returns the fields of the query, written without ?, that have no type in its mappings and, when a case is
// given, that no event of the case has.
std::vector<std::string> unknownFields(const eql::Query& query, store::CaseFile* caseFile)
{
    if (caseFile)
        return scan::checkFieldPresence(caseFile->db(), query).unknownFields;
    std::vector<std::string> unknown;
    const auto& mappings = query.analysed().mappings;
    for (const std::string& field : eql::writtenFieldNames(query.analysed(), false)) {
        if (!mappings || !mappings->find(field))
            unknown.push_back(field);
    }
    return unknown;
}

void warnAboutUnknownFields(const rules::Rule& rule, const std::vector<std::string>& fields, bool caseGiven,
                            std::ostream& err)
{
    for (const std::string& field : fields) {
        err << "warning " << rule.origin << ": unknown field " << field;
        if (caseGiven)
            err << ": no event of the case has it and it has no ECS or mapping type";
        else
            err << ": it has no built-in ECS or mapping type (give --case to check it against events)";
        err << "; Elasticsearch rejects the query, so check the spelling or write ?" << field << '\n';
    }
}

// Checks one rule's query, prints its line to `out` and its warnings to `err`. Returns false for an invalid query.
bool validateRule(const rules::Rule& rule, const std::shared_ptr<const eql::FieldMappings>& mappings,
                  store::CaseFile* caseFile, Streams streams)
{
    try {
        const auto query = eql::Query::parse(rule.query, mappings);
        streams.out << "ok " << rule.origin << '\n';
        warnAboutUnknownFields(rule, unknownFields(query, caseFile), caseFile != nullptr, streams.err);
        return true;
    } catch (const eql::EqlError& error) {
        streams.out << "error " << scan::queryErrorText(rule, error) << '\n';
        return false;
    }
}

} // namespace

int runValidate(const std::vector<std::string>& args, Streams streams)
{
    try {
        const CommandLine commandLine(args, {"mapping", "case"}, {"help"});
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

        std::optional<store::CaseFile> caseFile;
        if (commandLine.has("case")) {
            if (!std::filesystem::exists(commandLine.value("case")))
                throw std::runtime_error("case file " + commandLine.value("case") + " not found; check the path");
            caseFile.emplace(store::CaseFile::open(commandLine.value("case"), store::CaseFile::Access::ReadOnly));
        }

        const auto loaded = rules::loadRulePaths(commandLine.positionals());
        bool allValid = loaded.errors.empty();
        for (const auto& rule : loaded.rules)
            allValid = validateRule(rule, shared, caseFile ? &*caseFile : nullptr, streams) && allValid;
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
