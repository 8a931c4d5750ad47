// Measures the import of NDJSON dumps next to its ceilings. Each phase runs in its own child process, so
// that each peak RSS is the phase's own. The phases:
// - parse: simdjson parses every line into a DOM and nothing else, the parser's ceiling.
// - decode: the importer's decoder extracts the hot columns of every line, and nothing is written. It also prints
//   how many documents took the decoder's slower flattening path.
// - rows: decode, then insert each row with an empty document into a new case, the SQLite ceiling.
// - import: spoor's import of the files into a new case with the documents kept (importPaths).
// For the rows and import phases it also prints the bytes that each table and index of their case takes
// (SQLite's dbstat table), as a share of the input.
// Usage: bench_import FILE... (plain NDJSON of documents). The cases are created in the system's temporary
// folder (TMPDIR) and removed.

#include "ingest/case_writer.h"
#include "ingest/document_decoder.h"
#include "ingest/document_reader.h"
#include "ingest/importer.h"
#include "phase_runner.h"
#include "store/case_file.h"
#include "store/database.h"
#include "store/statement.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#ifdef SPOOR_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace {

using spoor::bench::PhaseResult;
using spoor::bench::removeCase;
using spoor::bench::runInChild;
using spoor::bench::temporaryCasePath;

// Calls `action` once per line of every file, without the line's newline.
void forEachLine(const std::vector<std::string>& paths,
                 const std::function<void(std::string_view, unsigned long long)>& action)
{
    char* buffer = nullptr;
    std::size_t capacity = 0;
    for (const auto& path : paths) {
        FILE* file = std::fopen(path.c_str(), "r");
        if (!file)
            continue;
        unsigned long long number = 0;
        ssize_t length;
        while ((length = getline(&buffer, &capacity, file)) > 0) {
            std::size_t size = static_cast<std::size_t>(length);
            if (buffer[size - 1] == '\n')
                --size;
            action(std::string_view(buffer, size), ++number);
        }
        std::fclose(file);
    }
    std::free(buffer);
}

// Returns a line for each table and index of a case with more than 0.1 % of the input, largest first: its
// name, its bytes and their share of the input.
std::vector<std::string> caseSizes(const std::string& path, double inputBytes)
{
    std::vector<std::string> lines;
    spoor::store::Database db(path, spoor::store::Database::Mode::ReadOnly);
    auto sizes = db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC");
    while (sizes.step()) {
        const double bytes = static_cast<double>(sizes.int64(1));
        if (bytes <= inputBytes / 1000)
            continue;
        char line[128];
        std::snprintf(line, sizeof line, "  %-28s %14.0f %6.1f %%", sizes.text(0).c_str(), bytes,
                      100.0 * bytes / inputBytes);
        lines.emplace_back(line);
    }
    return lines;
}

void printCaseSizes(const char* phase, const std::vector<std::string>& lines)
{
    std::printf("%s case, bytes per table and index, share of the input:\n", phase);
    for (const auto& line : lines)
        std::printf("%s\n", line.c_str());
}

PhaseResult parsePhase(const std::vector<std::string>& paths)
{
    PhaseResult result;
#ifdef SPOOR_HAVE_SIMDJSON
    simdjson::dom::parser parser;
    forEachLine(paths, [&](std::string_view line, unsigned long long) {
        ++result.lines;
        simdjson::dom::element document;
        if (parser.parse(line.data(), line.size(), true).get(document) == simdjson::SUCCESS && document.is_object())
            ++result.events;
    });
    result.ok = true;
#endif
    return result;
}

// Decodes every line as the importer does and passes each row that decoded to `action`.
void forEachRow(const std::vector<std::string>& paths, PhaseResult& result,
                const std::function<void(spoor::ingest::EventRow&)>& action)
{
    spoor::ingest::DocumentDecoder decoder;
    spoor::ingest::DecodedDocument decoded;
    spoor::ingest::Rejection rejection;
    spoor::ingest::RawDocument raw;
    forEachLine(paths, [&](std::string_view line, unsigned long long number) {
        ++result.lines;
        raw.text = raw.input = line;
        raw.line = number;
        if (decoder.decode(raw, decoded, rejection))
            action(decoded.row);
    });
    result.flattened = decoder.flattenedCount();
}

PhaseResult decodePhase(const std::vector<std::string>& paths)
{
    PhaseResult result;
    forEachRow(paths, result, [&](spoor::ingest::EventRow&) { ++result.events; });
    result.ok = true;
    return result;
}

// Decodes every line as the importer does, then inserts the row with an empty document.
PhaseResult rowsPhase(const std::vector<std::string>& paths, const std::string& path)
{
    PhaseResult result;
    {
        auto caseFile = spoor::store::CaseFile::open(path);
        spoor::ingest::CaseWriter writer(caseFile.db(), spoor::ingest::ImportOptions().batchSize);
        const std::int64_t source = writer.beginSource(paths.front(), "", 0, "ndjson", "none");
        forEachRow(paths, result, [&](spoor::ingest::EventRow& row) {
            row.document = {};
            if (writer.insertEvent(source, row))
                ++result.events;
            writer.commitIfFull();
        });
        writer.finishImport();
    }
    result.ok = true;
    return result;
}

PhaseResult importPhase(const std::vector<std::string>& paths, const std::string& path)
{
    PhaseResult result;
    {
        auto caseFile = spoor::store::CaseFile::open(path);
        const auto summary = spoor::ingest::importPaths(caseFile, paths);
        result.events = summary.events();
        result.ok = !summary.anyFailed();
    }
    return result;
}

void printRow(const char* name, const PhaseResult& result, double inputMb)
{
    if (!result.ok) {
        std::printf("%-8s  failed or not built (simdjson missing?)\n", name);
        return;
    }
    const double count = static_cast<double>(result.events ? result.events : result.lines);
    char caseShare[32] = "-";
    if (result.caseBytes)
        std::snprintf(caseShare, sizeof caseShare, "%.1f %%",
                      100.0 * static_cast<double>(result.caseBytes) / 1e6 / inputMb);
    std::printf("%-8s %10llu %8.2f %8.2f %11.0f %11.0f %8.1f %10s %8.1f\n", name, result.events, result.seconds,
                result.cpuSeconds, count / result.seconds, count / result.cpuSeconds, inputMb / result.seconds,
                caseShare, static_cast<double>(result.peakRssKib) / 1024.0);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: %s FILE...\nImports plain NDJSON files into temporary cases and prints the speed of each "
                     "step.\n",
                     argv[0]);
        return 2;
    }
    const std::vector<std::string> paths(argv + 1, argv + argc);
    std::uintmax_t inputBytes = 0;
    for (const auto& path : paths) {
        std::error_code error;
        inputBytes += std::filesystem::file_size(path, error);
    }
    const double inputMb = static_cast<double>(inputBytes) / 1e6;
    std::printf("input: %zu file(s), %.1f MB of NDJSON\n", paths.size(), inputMb);
    std::printf("%-8s %10s %8s %8s %11s %11s %8s %10s %8s\n", "phase", "events", "wall s", "CPU s", "events/s",
                "per CPU s", "MB/s", "case/input", "peak MB");

    const PhaseResult parse = runInChild([&] { return parsePhase(paths); });
    printRow("parse", parse, inputMb);
    const PhaseResult decode = runInChild([&] { return decodePhase(paths); });
    printRow("decode", decode, inputMb);
    if (decode.ok)
        std::printf("decode: %llu of %llu documents took the flattening path\n", decode.flattened, decode.lines);
    // The cases are measured after their phase's process ended, which checkpointed the WAL into the file.
    const std::string rowsCase = temporaryCasePath("bench_import", "rows");
    PhaseResult rows = runInChild([&] { return rowsPhase(paths, rowsCase); });
    const std::vector<std::string> rowsSizes = caseSizes(rowsCase, inputMb * 1e6);
    rows.caseBytes = removeCase(rowsCase);
    printRow("rows", rows, inputMb);
    const std::string importCase = temporaryCasePath("bench_import", "import");
    PhaseResult import = runInChild([&] { return importPhase(paths, importCase); });
    const std::vector<std::string> importSizes = caseSizes(importCase, inputMb * 1e6);
    import.caseBytes = removeCase(importCase);
    printRow("import", import, inputMb);
    printCaseSizes("rows", rowsSizes);
    printCaseSizes("import", importSizes);
    return import.ok ? 0 : 1;
}
