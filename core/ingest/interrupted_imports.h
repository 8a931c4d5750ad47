#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ingest {

// A source whose import never finished: the importing process was killed, or stopped when writing to the
// case failed. Its status is still 'importing'.
struct InterruptedImport
{
    std::string path;
    std::uint64_t events = 0; // committed so far
};

// Returns the sources left 'importing', oldest first. NOTE: a source that another process is importing at
// this moment has the same status, and is returned as well.
std::vector<InterruptedImport> findInterruptedImports(store::Database& db);

// Returns a one-line warning about the source that says how to finish its import with spoor-cli.
std::string describeInterruptedImport(const InterruptedImport& source, const std::string& casePath);

} // namespace spoor::ingest
