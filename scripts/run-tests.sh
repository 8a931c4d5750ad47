#!/usr/bin/env bash
# Installs missing Debian packages, builds Spoor with the given preset (default: ci, where warnings are
# errors) and runs every test through CTest. Usage: scripts/run-tests.sh [ci|dev|asan]
set -euo pipefail

preset="${1:-ci}"
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

jobs="$(nproc 2>/dev/null || echo 2)"
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$jobs"
# Tests that take screenshots need an X server; everything else runs on the offscreen platform.
ctest --preset "$preset" -j "$jobs"
