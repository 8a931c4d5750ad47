#pragma once

#include "ingest/importer.h"

#include <iosfwd>

namespace spoor::store {
class CaseFile;
}

namespace spoor::cli {

// Import options that print each rejected line to err (the first maxErrorsPerFile per file, then a count)
// and progress to err when it is a terminal.
ingest::ImportOptions importOptionsPrintingTo(std::ostream& err);

// Prints one warning line to err for each source of the case whose import did not finish.
void warnAboutInterruptedImports(store::CaseFile& caseFile, std::ostream& err);

// Prints one line per source and a total line.
void printImportSummary(const ingest::ImportSummary& summary, std::ostream& out);

} // namespace spoor::cli
