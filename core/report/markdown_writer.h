#pragma once

#include "report/report.h"

#include <iosfwd>

namespace spoor::report {

// Writes a Markdown report with the same sections as the HTML one. Values are escaped so that data
// cannot start Markdown or HTML markup; original documents are in fenced code blocks.
void writeMarkdown(const Report& report, std::ostream& out);

} // namespace spoor::report
