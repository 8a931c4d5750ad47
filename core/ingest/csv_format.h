#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spoor::ingest {

// Splits one CSV record (RFC 4180: ',' separators, '"' quotes, doubled quotes inside quoted cells, line
// breaks allowed inside quotes) into cells. `quoted` records, per cell, whether it was quoted. Returns false
// when a quoted cell is not closed or text follows its closing quote.
bool splitCsvRecord(std::string_view record, std::vector<std::string>& cells, std::vector<bool>& quoted);

// Removes the "'" that Kibana puts before a value starting with =, +, -, @, a tab or a carriage return, so
// that spreadsheets do not run it as a formula.
std::string unescapeFormula(std::string cell);

// Returns true when the line is the header of a Kibana Discover CSV export: ECS field names (letters,
// digits, '_', '.', '@', '-') separated by commas, including @timestamp or mostly dotted names.
bool isKibanaCsvHeader(std::string_view line);

} // namespace spoor::ingest
