#pragma once

#include <span>
#include <string_view>

namespace spoor::rules {

// One TOML file of resources/rules, embedded at build time.
struct EmbeddedRuleFile
{
    std::string_view fileName; // "xz_backdoor_2024-04-01.toml"
    std::string_view text;     // the file's bytes
};

// The embedded files in file-name order. Defined in a source file that CMake generates from
// resources/rules (see resources/CMakeLists.txt).
std::span<const EmbeddedRuleFile> embeddedRuleFiles();

} // namespace spoor::rules
