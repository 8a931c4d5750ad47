# Every dependency comes from a Debian package; nothing is downloaded at build time.
# scripts/install-deps.sh installs the packages named in the messages below.

find_package(Qt6 6.4 REQUIRED COMPONENTS Core Test)
if(SPOOR_BUILD_GUI)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets Charts Concurrent PrintSupport)
endif()

find_package(PkgConfig REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)      # nlohmann-json3-dev
find_package(ZLIB REQUIRED)                    # zlib1g-dev
find_package(SQLite3 REQUIRED)                 # libsqlite3-dev
pkg_check_modules(TOMLPLUSPLUS REQUIRED IMPORTED_TARGET tomlplusplus)  # libtomlplusplus-dev
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)              # libzstd-dev
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)                   # libre2-dev
find_package(simdjson QUIET)                   # libsimdjson-dev, optional
