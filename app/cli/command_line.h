#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace spoor::cli {

// A command-line usage error: the message is printed with the command's usage and the exit status is 2.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The options and positional arguments of one subcommand. Options are "--name value", "--name=value"
// or, for flags, "--name"; an option given twice keeps every value in order. "--" ends the options.
class CommandLine
{
public:
    // Parses args against the allowed options. Throws UsageError for an unknown option or a missing value.
    CommandLine(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                const std::set<std::string>& flagOptions);

    bool has(const std::string& name) const { return values_.count(name) > 0; }
    // Returns the last value of an option, or fallback when it is absent.
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    const std::vector<std::string>& values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

    // Returns the option's value as a non-negative integer; throws UsageError when it is not one.
    std::uint64_t unsignedValue(const std::string& name, std::uint64_t fallback) const;

    // Returns the option's value, which must be one of the choices; throws UsageError otherwise.
    std::string choice(const std::string& name, const std::vector<std::string>& choices,
                       const std::string& fallback) const;

private:
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positionals_;
};

// Throws UsageError when one of the input paths is "-". The importer needs each file's size to resume it
// and may read a file twice to compare its SHA-256 with earlier imports, so standard input is not supported.
void rejectStandardInput(const std::vector<std::string>& inputPaths);

} // namespace spoor::cli
