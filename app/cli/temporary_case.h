#pragma once

#include <filesystem>
#include <string>

namespace spoor::cli {

// A case file in a new private temporary folder, removed with the folder when the object is destroyed.
class TemporaryCase
{
public:
    TemporaryCase();
    ~TemporaryCase();
    TemporaryCase(const TemporaryCase&) = delete;
    TemporaryCase& operator=(const TemporaryCase&) = delete;

    std::string path() const { return (folder_ / "scan.spoor").string(); }

private:
    std::filesystem::path folder_;
};

} // namespace spoor::cli
