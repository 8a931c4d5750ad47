#include "rules/rule_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace spoor::rules {

namespace fs = std::filesystem;

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw RuleError(path, "failed to open the rule file; check that it exists and is readable");
    std::ostringstream text;
    text << stream.rdbuf();
    if (stream.bad())
        throw RuleError(path, "reading the rule file failed");
    return std::move(text).str();
}

// Lists the *.toml files under a folder, recursively, in sorted path order.
std::vector<std::string> tomlFilesUnder(const fs::path& folder)
{
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied)) {
        std::error_code error;
        if (entry.is_regular_file(error) && entry.path().extension() == ".toml")
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string unsupportedReason(const Rule& rule)
{
    if (rule.language.empty())
        return "rule type " + (rule.type.empty() ? std::string("(none)") : rule.type) + " is not supported";
    return "language " + rule.language + " is not supported";
}

void loadInto(const std::string& path, LoadResult& result)
{
    try {
        Rule rule = loadRuleFile(path);
        if (rule.isEql())
            result.rules.push_back(std::move(rule));
        else
            result.skipped.push_back(path + ": " + unsupportedReason(rule));
    } catch (const RuleError& error) {
        result.errors.push_back(error.what());
    }
}

} // namespace

Rule loadRuleFile(const std::string& path)
{
    return parseRule(readFile(path), path);
}

LoadResult loadRulePaths(const std::vector<std::string>& paths)
{
    LoadResult result;
    for (const auto& path : paths) {
        std::error_code error;
        const auto status = fs::status(path, error);
        if (fs::is_directory(status)) {
            try {
                for (const auto& file : tomlFilesUnder(path))
                    loadInto(file, result);
            } catch (const fs::filesystem_error& listError) {
                result.errors.push_back(path + ": failed to list the rule folder: " + listError.code().message());
            }
        } else if (fs::exists(status)) {
            loadInto(path, result);
        } else {
            result.errors.push_back(path + ": rule file or folder not found");
        }
    }
    return result;
}

} // namespace spoor::rules
