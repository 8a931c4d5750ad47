#include "scan/field_presence.h"

#include "analysis/field_census.h"
#include "eql/analyzer.h"
#include "eql/executor.h"
#include "eql/field_mappings.h"
#include "eql/query.h"

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

} // namespace

FieldPresence checkFieldPresence(store::Database& db, const eql::Query& query)
{
    const std::vector<std::string> optional = eql::writtenFieldNames(query.analysed(), true);
    std::vector<std::string> untyped;
    for (const std::string& field : eql::writtenFieldNames(query.analysed(), false)) {
        if (!isTyped(query, field))
            untyped.push_back(field);
    }
    FieldPresence presence;
    if (optional.empty() && untyped.empty())
        return presence;

    analysis::CensusRequest request;
    for (const std::string& field : optional)
        request.addField(documentPath(query, field));
    for (const std::string& field : untyped)
        request.addField(documentPath(query, field));
    const analysis::Census census = analysis::takeCensus(db, request);

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

} // namespace spoor::scan
