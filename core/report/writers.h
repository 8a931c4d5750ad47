#pragma once

#include "report/report.h"

#include <iosfwd>

namespace spoor::report {

// Writes one self-contained HTML document: inline CSS, no scripts and no external resources, with
// every value from the case HTML-escaped. A summary table of findings comes first, then a section per
// finding with its rule, steps and original documents (in <details> blocks).
void writeHtml(const Report& report, std::ostream& out);

// Writes {"case": {...}, "findings": [...]} with the same content as the HTML report. Original documents
// are embedded as JSON values; invalid UTF-8 in the case becomes U+FFFD.
void writeJson(const Report& report, std::ostream& out);

// Writes a Markdown report with the same sections as the HTML one. Values are escaped so that data
// cannot start Markdown or HTML markup; original documents are in fenced code blocks.
void writeMarkdown(const Report& report, std::ostream& out);

// Writes RFC 4180 CSV, one row per step of every finding, with a header row and CRLF line ends. Text
// cells that begin with '=', '+', '-', '@', tab or CR get a leading "'" so spreadsheets do not
// evaluate them as formulas.
void writeCsv(const Report& report, std::ostream& out);

} // namespace spoor::report
