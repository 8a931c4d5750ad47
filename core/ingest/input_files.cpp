#include "ingest/input_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace spoor::ingest {

namespace {

namespace fs = std::filesystem;

bool isHidden(const fs::path& path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

void collectFolder(const fs::path& folder, std::vector<InputFile>& files)
{
    std::vector<std::string> found;
    std::error_code error;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
    if (error) {
        files.push_back({folder.string(), "cannot list the folder (" + error.message() + ")"});
        return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error)
            break;
        if (isHidden(it->path())) {
            if (it->is_directory(error))
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(error))
            found.push_back(it->path().string());
    }
    if (error)
        files.push_back({folder.string(), "cannot list the whole folder (" + error.message() + ")"});
    std::sort(found.begin(), found.end());
    for (auto& path : found)
        files.push_back({std::move(path), {}});
}

} // namespace

std::vector<InputFile> collectInputFiles(const std::vector<std::string>& paths)
{
    std::vector<InputFile> files;
    for (const auto& path : paths) {
        std::error_code error;
        const auto status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            files.push_back({path, "file not found"});
            continue;
        }
        if (fs::is_directory(status))
            collectFolder(path, files);
        else
            files.push_back({path, {}});
    }
    return files;
}

} // namespace spoor::ingest
