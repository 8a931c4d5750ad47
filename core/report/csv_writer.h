#pragma once

#include "report/report.h"

#include <iosfwd>

namespace spoor::report {

// Writes RFC 4180 CSV, one row per step of every finding, with a header row and CRLF line ends. Text
// cells that begin with '=', '+', '-', '@', tab or CR get a leading "'" so spreadsheets do not
// evaluate them as formulas.
void writeCsv(const Report& report, std::ostream& out);

} // namespace spoor::report
