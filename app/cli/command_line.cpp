#include "command_line.h"

#include <charconv>

namespace spoor::cli {

CommandLine::CommandLine(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                         const std::set<std::string>& flagOptions)
{
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg.size() < 2 || arg.compare(0, 2, "--") != 0) {
            positionals_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        std::string name = arg.substr(2);
        std::string inlineValue;
        const auto equals = name.find('=');
        const bool hasInlineValue = equals != std::string::npos;
        if (hasInlineValue) {
            inlineValue = name.substr(equals + 1);
            name.resize(equals);
        }
        if (flagOptions.count(name)) {
            if (hasInlineValue)
                throw UsageError("option --" + name + " takes no value");
            values_[name].push_back("true");
        } else if (valueOptions.count(name)) {
            if (hasInlineValue) {
                values_[name].push_back(inlineValue);
            } else if (i + 1 < args.size()) {
                values_[name].push_back(args[++i]);
            } else {
                throw UsageError("option --" + name + " requires a value");
            }
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::string CommandLine::value(const std::string& name, const std::string& fallback) const
{
    const auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second.back();
}

const std::vector<std::string>& CommandLine::values(const std::string& name) const
{
    static const std::vector<std::string> none;
    const auto it = values_.find(name);
    return it == values_.end() ? none : it->second;
}

std::uint64_t CommandLine::unsignedValue(const std::string& name, std::uint64_t fallback) const
{
    if (!has(name))
        return fallback;
    const std::string text = value(name);
    std::uint64_t result = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (ec != std::errc() || end != text.data() + text.size())
        throw UsageError("option --" + name + " expects a non-negative integer, got '" + text + "'");
    return result;
}

std::string CommandLine::choice(const std::string& name, const std::vector<std::string>& choices,
                                const std::string& fallback) const
{
    const std::string chosen = value(name, fallback);
    for (const auto& candidate : choices) {
        if (candidate == chosen)
            return chosen;
    }
    std::string list;
    for (const auto& candidate : choices)
        list += (list.empty() ? "" : ", ") + candidate;
    throw UsageError("option --" + name + " must be one of " + list + ", got '" + chosen + "'");
}

void rejectStandardInput(const std::vector<std::string>& inputPaths)
{
    for (const auto& path : inputPaths) {
        if (path == "-")
            throw UsageError("reading from standard input ('-') is not supported: save the input to a file and "
                             "name that file (a file named - is ./-)");
    }
}

} // namespace spoor::cli
