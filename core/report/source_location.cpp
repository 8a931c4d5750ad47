#include "report/source_location.h"

namespace spoor::report {

std::string sourceLocationSuffix(const Step& event)
{
    std::string suffix;
    if (event.line)
        suffix += ":" + std::to_string(*event.line);
    if (event.byteOffset)
        suffix += " (byte offset " + std::to_string(*event.byteOffset) + ")";
    return suffix;
}

} // namespace spoor::report
