# Warning and sanitizer flags shared by every Spoor target. Targets opt in with
# spoor_target_defaults(target), so third-party code pulled in through packages keeps its own flags.

add_library(spoor_compile_options INTERFACE)
target_compile_options(spoor_compile_options INTERFACE -Wall -Wextra -pedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports -Wrestrict on std::string concatenation at -O3, a known false positive (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(spoor_compile_options INTERFACE -Wno-restrict)
endif()
if(SPOOR_WARNINGS_AS_ERRORS)
    target_compile_options(spoor_compile_options INTERFACE -Werror)
endif()

if(SPOOR_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

function(spoor_target_defaults target)
    target_link_libraries(${target} PRIVATE spoor_compile_options)
endfunction()
