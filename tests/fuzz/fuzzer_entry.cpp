// The libFuzzer entry point of one target. CMake sets SPOOR_FUZZ_FUNCTION to one function of fuzz_targets.h.
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return spoor::fuzz::SPOOR_FUZZ_FUNCTION(data, size);
}
