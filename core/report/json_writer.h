#pragma once

#include "report/report.h"

#include <iosfwd>

namespace spoor::report {

// Writes {"case": {...}, "findings": [...], "bookmarks": [...]} with the same content as the HTML report. Original
// documents are embedded as JSON values; invalid UTF-8 in the case becomes U+FFFD.
void writeJson(const Report& report, std::ostream& out);

} // namespace spoor::report
