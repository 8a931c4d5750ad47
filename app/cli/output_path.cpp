#include "output_path.h"

#include "command_line.h"

#include <filesystem>
#include <system_error>

namespace spoor::cli {

namespace {

namespace fs = std::filesystem;

// Returns true when path is an existing file inside the folder, at any depth.
bool isExistingFileBelow(const fs::path& path, const fs::path& folder)
{
    std::error_code error;
    if (!fs::exists(path, error) || !fs::is_directory(folder, error))
        return false;
    const fs::path canonicalFolder = fs::canonical(folder, error);
    if (error)
        return false;
    const fs::path canonicalPath = fs::canonical(path, error);
    if (error)
        return false;
    const fs::path relative = canonicalPath.lexically_relative(canonicalFolder);
    return !relative.empty() && *relative.begin() != "..";
}

// Returns the path that a chain of symbolic links ends at, even when that file does not exist yet, because
// weakly_canonical leaves a dangling link unresolved and writing through it creates its target.
fs::path followLinks(fs::path path)
{
    constexpr int maxLinks = 40; // the limit of Linux path resolution (ELOOP)
    std::error_code error;
    for (int i = 0; i < maxLinks && fs::is_symlink(path, error); ++i) {
        const fs::path target = fs::read_symlink(path, error);
        if (error)
            break;
        path = target.is_absolute() ? target : path.parent_path() / target;
    }
    return path;
}

} // namespace

bool isSameFile(const std::string& a, const std::string& b)
{
    std::error_code error;
    const bool same = fs::equivalent(a, b, error);
    if (!error)
        return same;
    const fs::path canonicalA = fs::weakly_canonical(followLinks(a), error);
    if (error)
        return false;
    const fs::path canonicalB = fs::weakly_canonical(followLinks(b), error);
    return !error && canonicalA == canonicalB;
}

void rejectOutputOverInputs(const std::string& outputPath, const std::string& casePath,
                            const std::vector<std::string>& inputPaths)
{
    if (outputPath.empty() || outputPath == "-")
        return;
    if (!casePath.empty()) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            const std::string caseFilePath = casePath + suffix;
            if (isSameFile(outputPath, caseFilePath))
                throw UsageError("the output " + outputPath + " is the case file " + caseFilePath +
                                 "; writing it would destroy the case, so choose another --output path");
        }
    }
    for (const auto& input : inputPaths) {
        if (isSameFile(outputPath, input) || isExistingFileBelow(outputPath, input))
            throw UsageError("the output " + outputPath + " is the input " + input +
                             "; writing it would replace the evidence, so choose another --output path");
    }
}

} // namespace spoor::cli
