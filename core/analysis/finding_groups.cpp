#include "analysis/finding_groups.h"

#include "store/database.h"
#include "store/statement.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

namespace spoor::analysis {

namespace {

struct KeyInfo
{
    GroupKey key;
    std::string_view field;
    const char* sqlValue; // SQL expression over findings f, rules r and the step event e
};

// The parent's command line is not a hot column, so it is read from the stored document; documents with
// dotted keys ({"process.parent.command_line": ...}) are read too.
constexpr std::array keyInfos{
    KeyInfo{GroupKey::RuleVersion, "", "CAST(f.rule AS TEXT)"},
    KeyInfo{GroupKey::Host, "host.name", "f.host_name"},
    KeyInfo{GroupKey::User, "user.name", "f.user_name"},
    KeyInfo{GroupKey::StepCommandLine, "process.command_line", "e.command_line"},
    KeyInfo{GroupKey::StepExecutable, "process.executable", "e.executable"},
    KeyInfo{GroupKey::StepProcessName, "process.name", "e.process_name"},
    KeyInfo{GroupKey::StepParent, "process.parent.command_line",
            "coalesce(json_extract(event_document(e.doc_block, e.doc_slot), '$.process.parent.command_line'),"
            " json_extract(event_document(e.doc_block, e.doc_slot), '$.\"process.parent.command_line\"'),"
            " e.parent_name)"},
};

const KeyInfo& infoFor(GroupKey key)
{
    return *std::find_if(keyInfos.begin(), keyInfos.end(), [key](const KeyInfo& info) { return info.key == key; });
}

// Process names are short fixed words, so only paths and command lines are normalised.
bool normalizes(GroupKey key)
{
    return key == GroupKey::StepCommandLine || key == GroupKey::StepExecutable || key == GroupKey::StepParent;
}

bool isVolatileArgument(std::string_view argument)
{
    for (const std::string_view prefix : {"/tmp/", "/var/tmp/", "/dev/shm/"}) {
        if (argument.find(prefix) != std::string_view::npos)
            return true;
    }
    return argument.starts_with("/proc/");
}

void appendArgument(std::string& out, std::string_view argument)
{
    if (!isVolatileArgument(argument)) {
        out.append(argument);
        return;
    }
    bool inDigits = false;
    for (const char c : argument) {
        const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
        if (!digit)
            out.push_back(c);
        else if (!inDigits)
            out.push_back('#');
        inDigits = digit;
    }
}

std::string selectSql(const GroupingRequest& request)
{
    std::string sql = "SELECT f.id, f.rule, r.rule_id, r.name || ' (' || r.updated_date || ')', f.first_ns,"
                      " f.last_ns, f.verdict, ";
    sql += infoFor(request.key).sqlValue;
    sql += " FROM findings f JOIN rules r ON r.id = f.rule"
           " LEFT JOIN finding_events fe ON fe.finding = f.id AND fe.step = ?1"
           " LEFT JOIN events e ON e.id = fe.event WHERE ";
    sql +=
        request.run ? "f.run = ?2" : "f.run IN (SELECT max(id) FROM rule_runs WHERE status = 'complete' GROUP BY rule)";
    sql += " ORDER BY f.first_ns, f.id";
    return sql;
}

bool largerGroupFirst(const FindingGroup& a, const FindingGroup& b)
{
    if (a.count() != b.count())
        return a.count() > b.count();
    if (a.firstNs != b.firstNs)
        return a.firstNs && (!b.firstNs || *a.firstNs < *b.firstNs);
    return a.label < b.label;
}

void addToGroup(FindingGroup& group, const FindingKeyValue& finding)
{
    group.findingIds.push_back(finding.findingId);
    if (finding.firstNs && (!group.firstNs || *finding.firstNs < *group.firstNs))
        group.firstNs = finding.firstNs;
    if (finding.lastNs && (!group.lastNs || *finding.lastNs > *group.lastNs))
        group.lastNs = finding.lastNs;
    if (finding.verdict == "benign")
        ++group.benign;
    else if (finding.verdict == "malicious")
        ++group.malicious;
}

} // namespace

bool isStepKey(GroupKey key)
{
    return key != GroupKey::RuleVersion && key != GroupKey::Host && key != GroupKey::User;
}

std::string_view groupKeyField(GroupKey key)
{
    return infoFor(key).field;
}

std::optional<GroupKey> groupKeyForField(std::string_view field)
{
    if (field.empty())
        return std::nullopt;
    for (const KeyInfo& info : keyInfos) {
        if (info.field == field)
            return info.key;
    }
    return std::nullopt;
}

std::string normalizeVolatile(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    std::size_t position = 0;
    while (position < value.size()) {
        const std::size_t end = std::min(value.find(' ', position), value.size());
        appendArgument(out, value.substr(position, end - position));
        if (end < value.size())
            out.push_back(' ');
        position = end + 1;
    }
    return out;
}

std::vector<FindingKeyValue> loadFindingKeyValues(const store::Database& db, const GroupingRequest& request)
{
    auto select = db.prepare(selectSql(request));
    select.bind(1, static_cast<std::int64_t>(request.step));
    if (request.run)
        select.bind(2, *request.run);
    std::vector<FindingKeyValue> values;
    while (select.step()) {
        FindingKeyValue value;
        value.findingId = select.int64(0);
        value.ruleRow = select.int64(1);
        value.ruleId = select.text(2);
        value.firstNs = select.optionalInt64(4);
        value.lastNs = select.optionalInt64(5);
        value.verdict = select.optionalText(6);
        value.value = select.optionalText(7);
        value.label = request.key == GroupKey::RuleVersion ? select.text(3) : value.value.value_or("");
        values.push_back(std::move(value));
    }
    return values;
}

std::vector<FindingGroup> groupFindings(const store::Database& db, const GroupingRequest& request)
{
    const bool normalize = request.normalizeVolatile && normalizes(request.key);
    std::vector<FindingGroup> groups;
    std::map<std::optional<std::string>, std::size_t> groupOfValue;
    std::vector<std::set<std::string>> rawValues;
    for (const FindingKeyValue& finding : loadFindingKeyValues(db, request)) {
        std::optional<std::string> key = finding.value;
        if (key && normalize)
            key = normalizeVolatile(*key);
        auto [position, added] = groupOfValue.try_emplace(key, groups.size());
        if (added) {
            FindingGroup group;
            group.value = key;
            group.label = !finding.value ? std::string("(none)") : normalize ? *key : finding.label;
            groups.push_back(std::move(group));
            rawValues.emplace_back();
        }
        addToGroup(groups[position->second], finding);
        if (finding.value)
            rawValues[position->second].insert(*finding.value);
    }
    for (std::size_t index = 0; index < groups.size(); ++index) {
        FindingGroup& group = groups[index];
        group.rawValues.assign(rawValues[index].begin(), rawValues[index].end());
        group.normalized = group.value && (group.rawValues.size() != 1 || group.rawValues.front() != *group.value);
    }
    std::stable_sort(groups.begin(), groups.end(), largerGroupFirst);
    return groups;
}

} // namespace spoor::analysis
