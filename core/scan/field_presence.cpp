#include "scan/field_presence.h"

#include "analysis/field_census.h"
#include "eql/analyzer.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/field_mappings.h"
#include "eql/query.h"
#include "rules/rule.h"

namespace spoor::scan {

namespace {

std::string documentPath(const eql::Query& query, const std::string& field)
{
    const auto& mappings = query.analysed().mappings;
    return mappings ? mappings->sourcePath(field) : field;
}

bool isTyped(const eql::Query& query, const std::string& field)
{
    const auto& mappings = query.analysed().mappings;
    return mappings && mappings->find(field) != nullptr;
}

bool hasValues(const analysis::Census& census, const std::string& path)
{
    const analysis::FieldCount* count = census.find(path);
    return count && count->events > 0;
}

std::vector<std::string> untypedFields(const eql::Query& query)
{
    std::vector<std::string> untyped;
    for (const std::string& field : eql::writtenFieldNames(query.analysed(), false)) {
        if (!isTyped(query, field))
            untyped.push_back(field);
    }
    return untyped;
}

void addFieldsToCount(const eql::Query& query, analysis::CensusRequest& request)
{
    for (const std::string& field : eql::writtenFieldNames(query.analysed(), true))
        request.addField(documentPath(query, field));
    for (const std::string& field : untypedFields(query))
        request.addField(documentPath(query, field));
}

} // namespace

FieldPresence checkFieldPresence(store::Database& db, const eql::Query& query, const std::atomic<bool>* cancelled)
{
    const std::vector<std::string> optional = eql::writtenFieldNames(query.analysed(), true);
    const std::vector<std::string> untyped = untypedFields(query);
    FieldPresence presence;
    if (optional.empty() && untyped.empty())
        return presence;

    analysis::CensusRequest request;
    addFieldsToCount(query, request);
    const analysis::Census census = analysis::takeCensus(db, request, cancelled);

    for (const std::string& field : optional) {
        if (hasValues(census, documentPath(query, field)))
            presence.mappedOptionalFields.insert(field);
    }
    for (const std::string& field : untyped) {
        if (!hasValues(census, documentPath(query, field)))
            presence.unknownFields.push_back(field);
    }
    return presence;
}

void countRuleFields(store::Database& db, const std::vector<rules::Rule>& rules, const std::atomic<bool>* cancelled)
{
    analysis::CensusRequest request;
    for (const rules::Rule& rule : rules) {
        if (!rule.isEql())
            continue;
        try {
            addFieldsToCount(eql::Query::parse(rule.query), request);
        } catch (const eql::EqlError&) {
            // The rule's own run reports the error.
        }
    }
    if (!request.fields.empty())
        analysis::takeCensus(db, request, cancelled);
}

} // namespace spoor::scan
