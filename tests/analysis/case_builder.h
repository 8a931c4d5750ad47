#pragma once

#include "store/case_file.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

// Writes events into a case file the way the importer does: the hot columns extracted from the flattened
// document, plus the document text.
class CaseBuilder
{
public:
    explicit CaseBuilder(const std::string& path);

    // Inserts one document and returns its events.id.
    std::int64_t insert(const nlohmann::json& document);

    spoor::store::CaseFile& caseFile() { return caseFile_; }
    spoor::store::Database& db() { return caseFile_.db(); }

private:
    spoor::store::CaseFile caseFile_;
    std::int64_t sourceId_ = 0;
    std::int64_t line_ = 0;
};
