#pragma once

#include <string>
#include <vector>

namespace spoor::cli {

// Returns true when both paths name the same file: the same device and inode when both exist, else the
// same path after resolving symbolic links, "." and "..".
bool isSameFile(const std::string& a, const std::string& b);

// Throws UsageError when writing outputPath would overwrite the case file (or its -wal, -shm or -journal
// file) or one of the inputs. Files are compared by identity, so a hard link, a symbolic link or another
// spelling of the same path is caught: by device and inode when both exist, else by canonical path. An
// input that is a folder protects every existing file below it, because the import read them.
// casePath may be empty (a temporary case).
void rejectOutputOverInputs(const std::string& outputPath, const std::string& casePath,
                            const std::vector<std::string>& inputPaths);

} // namespace spoor::cli
