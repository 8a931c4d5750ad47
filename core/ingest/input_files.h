#pragma once

#include <string>
#include <vector>

namespace spoor::ingest {

// A file to import, or a path that could not be listed.
struct InputFile
{
    std::string path;
    std::string error; // empty when the path is a readable file
};

// Expands folders recursively into their files, sorted by path so the order is the same on every run.
// Hidden files and folders (name starting with '.') inside a folder are skipped; symbolic links to
// folders are not followed. Paths given directly are kept in the given order.
std::vector<InputFile> collectInputFiles(const std::vector<std::string>& paths);

} // namespace spoor::ingest
