#include "ingest/csv_format.h"

#include <algorithm>

namespace spoor::ingest {

bool splitCsvRecord(std::string_view record, std::vector<std::string>& cells, std::vector<bool>& quoted)
{
    cells.clear();
    quoted.clear();
    std::size_t i = 0;
    for (;;) {
        std::string cell;
        const bool isQuoted = i < record.size() && record[i] == '"';
        if (isQuoted) {
            ++i;
            for (;;) {
                if (i >= record.size())
                    return false;
                if (record[i] == '"') {
                    if (i + 1 < record.size() && record[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                cell += record[i++];
            }
            if (i < record.size() && record[i] != ',')
                return false;
        } else {
            const std::size_t end = std::min(record.find(',', i), record.size());
            cell.assign(record.substr(i, end - i));
            i = end;
        }
        cells.push_back(std::move(cell));
        quoted.push_back(isQuoted);
        if (i >= record.size())
            return true;
        ++i; // the ','
    }
}

std::string unescapeFormula(std::string cell)
{
    if (cell.size() >= 2 && cell[0] == '\'') {
        const char c = cell[1];
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
            cell.erase(0, 1);
    }
    return cell;
}

bool isKibanaCsvHeader(std::string_view line)
{
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    std::vector<std::string> cells;
    std::vector<bool> quoted;
    if (line.empty() || !splitCsvRecord(line, cells, quoted))
        return false;
    std::size_t dotted = 0;
    bool timestamp = false;
    for (std::string& cell : cells) {
        cell = unescapeFormula(std::move(cell));
        const bool fieldName = !cell.empty() && std::all_of(cell.begin(), cell.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                   c == '@' || c == '-';
        });
        if (!fieldName)
            return false;
        timestamp = timestamp || cell == "@timestamp";
        dotted += cell.find('.') != std::string::npos ? 1 : 0;
    }
    return timestamp || (cells.size() >= 2 && dotted * 2 >= cells.size());
}

} // namespace spoor::ingest
