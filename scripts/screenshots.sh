#!/usr/bin/env bash
# Writes docs/screenshots/main-window.png: the main window after importing the XZ sample dump, with the
# first malicious-looking finding selected. It runs the GUI smoke test on a virtual X server, so it
# needs a build that contains test_main_window and the xvfb-run command (Debian package xvfb).
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default: build/gui)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/gui}"
test_binary="$build/tests/gui/test_main_window"
output="$root/docs/screenshots/main-window.png"

if [[ ! -x "$test_binary" ]]; then
    echo "error: $test_binary not found; build it first with: cmake --build $build --target test_main_window" >&2
    exit 1
fi
mkdir -p "$(dirname "$output")"
# The test grabs the window itself, so the screen size of the virtual server does not matter.
SPOOR_SCREENSHOT="$output" QT_QPA_PLATFORM=xcb xvfb-run -a "$test_binary" findingLinksEveryView
echo "wrote $output"
