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

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace spoor::cli {

namespace {

constexpr const char* validateUsage = R"(Usage: spoor-cli validate [--mapping FILE] [--case FILE] PATH...

Checks detection rules (TOML files, or folders searched recursively for *.toml) without running them: the
TOML must be a valid rule and an EQL query must parse and pass type checks with the built-in ECS field types.
Prints one line per rule:
  ok PATH
  error PATH:LINE:COLUMN: message      LINE is the line in the TOML file, COLUMN the column in the query line
  skipped PATH: language kuery is not supported
A valid query that names a field without ? that looks like a typo also gets a warning on stderr, because a
typo never matches:
  warning PATH: unknown field NAME: ...
Without --case, a field counts as a typo when it has no built-in ECS or mapping type and is at most two edits
from one that has (process.argz for process.args). With --case, every field that no event of the case has and
no mapping types is reported, because the rule cannot match on that data.

Options:
  --mapping FILE   an Elasticsearch index mapping whose field types are added to the built-in ECS types
  --case FILE      a case file whose events count as known fields (opened read-only)

Exit status: 0 when every EQL rule is valid, 1 when a rule failed to load or its query is invalid,
2 on a usage error.
)";

// Returns the number of single-character insertions, deletions and substitutions that turn `a` into `b`.
std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// Maximum edit distance at which an untyped field is taken for a misspelt typed one.
constexpr std::size_t typoDistance = 2;

// An untyped field of the query and, without a case, the typed field it is probably a misspelling of.
struct UnknownField
{
    std::string name;
    std::string closest;
};

// Returns the fields of the query, written without ?, that have no type in its mappings and, when a case is
// given, that no event of the case has. Without a case, only the fields near a typed one are returned: the
// built-in ECS types cover a few dozen fields, so any other test would flag most valid ECS fields.
std::vector<UnknownField> unknownFields(const eql::Query& query, store::CaseFile* caseFile)
{
    std::vector<UnknownField> unknown;
    if (caseFile) {
        for (std::string& field : scan::checkFieldPresence(caseFile->db(), query).unknownFields)
            unknown.push_back({std::move(field), {}});
        return unknown;
    }
    const auto& mappings = query.analysed().mappings;
    if (!mappings)
        return unknown;
    const auto typed = mappings->fieldNames();
    for (const std::string& field : eql::writtenFieldNames(query.analysed(), false)) {
        if (mappings->find(field))
            continue;
        for (const std::string& candidate : typed) {
            if (editDistance(field, candidate) <= typoDistance) {
                unknown.push_back({field, candidate});
                break;
            }
        }
    }
    return unknown;
}

void warnAboutUnknownFields(const rules::Rule& rule, const std::vector<UnknownField>& fields, std::ostream& err)
{
    for (const UnknownField& field : fields) {
        err << "warning " << rule.origin << ": unknown field " << field.name;
        if (field.closest.empty())
            err << ": no event of the case has it and it has no ECS or mapping type, so the rule cannot match";
        else
            err << ": it has no ECS or mapping type; did you mean " << field.closest << '?';
        err << "; check the spelling, or write ?" << field.name << " to mark it optional\n";
    }
}

// Checks one rule's query, prints its line to `out` and its warnings to `err`. Returns false for an invalid query.
bool validateRule(const rules::Rule& rule, const std::shared_ptr<const eql::FieldMappings>& mappings,
                  store::CaseFile* caseFile, Streams streams)
{
    try {
        const auto query = eql::Query::parse(rule.query, mappings);
        streams.out << "ok " << rule.origin << '\n';
        warnAboutUnknownFields(rule, unknownFields(query, caseFile), streams.err);
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
