#pragma once

#include "report/report.h"

#include <iosfwd>

namespace spoor::report {

// Writes RFC 4180 CSV with a header row and CRLF line ends: one row per step of every finding ("record" is
// "step"), then one per bookmark ("record" is "bookmark", the finding's columns empty, the note in
// "bookmark.note"). Text cells that begin with '=', '+', '-', '@', tab or CR get a leading "'" so
// spreadsheets do not evaluate them as formulas.
void writeCsv(const Report& report, std::ostream& out);

} // namespace spoor::report
