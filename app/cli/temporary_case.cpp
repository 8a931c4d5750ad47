#include "temporary_case.h"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace spoor::cli {

TemporaryCase::TemporaryCase()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "spoor-scan-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary folder for the case in " + pattern);
    folder_ = pattern;
}

TemporaryCase::~TemporaryCase()
{
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

} // namespace spoor::cli
