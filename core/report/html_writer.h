#pragma once

#include "report/report.h"

#include <iosfwd>

namespace spoor::report {

// Writes one self-contained HTML document: inline CSS, no scripts and no external resources, with
// every value from the case HTML-escaped. A summary table of findings comes first, then the bookmarked events
// with the analyst's notes, then a section per finding with its rule, steps and original documents (in
// <details> blocks).
void writeHtml(const Report& report, std::ostream& out);

} // namespace spoor::report
