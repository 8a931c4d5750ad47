#pragma once

#include "report/report.h"

#include <string>

namespace spoor::store {
class CaseFile;
}

namespace spoor::report {

struct ReportOptions
{
    std::string generatedAt; // ISO-8601 time written in the report; empty means now
};

// Reads the case information and every finding with its rule and steps. Throws store::StoreError when
// the case cannot be read. A rule whose stored TOML no longer parses still appears, with its table
// columns and RuleInfo::tomlError.
Report loadReport(store::CaseFile& caseFile, const ReportOptions& options = {});

} // namespace spoor::report
