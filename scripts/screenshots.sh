#!/usr/bin/env bash
# Writes docs/screenshots/main-window.png: the main window after triaging the xz-basic scenario of the
# shared corpus (findings grouped by the command line of step 2, the pam_motd group excluded, the rule
# run again and the exploitation marked malicious and selected). It runs that GUI test on a virtual X
# server, so it needs a build that contains test_main_window, the shared corpus next to the checkout and
# the xvfb-run command (Debian package xvfb).
# It also writes timeline-match.png (the sample's exploitation on the sshd timeline, its steps bracketed),
# timeline-bookmark.png (that connection whole, its first and last events bookmarked)
# and data-readiness.png (the readiness of the rules for the sample case) through test_timeline, and
# process-ancestry.png (the process tree showing only the ancestry of the exploitation's payload) through
# test_workspace.
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
rm -f "${output%.png}.new.png"
SPOOR_SCREENSHOT="${output%.png}.new.png" QT_QPA_PLATFORM=xcb xvfb-run -a "$test_binary" triageGroupsVerdictsExclusions
# The test skips without the shared corpus and then writes nothing.
if [[ ! -s "${output%.png}.new.png" ]]; then
    echo "error: the test wrote no screenshot; is the shared corpus (../shared/corpus/scenarios) present?" >&2
    exit 1
fi
mv "${output%.png}.new.png" "$output"
echo "wrote $output"

# Runs one test function of a GUI test binary, which writes PNG files into $staging, and moves the named
# files into docs/screenshots.
run_screenshot_test() {
    local binary="$build/tests/gui/$1" function="$2"
    shift 2
    if [[ ! -x "$binary" ]]; then
        echo "error: $binary not found; build it first with: cmake --build $build --target $(basename "$binary")" >&2
        exit 1
    fi
    SPOOR_SCREENSHOT_DIR="$staging" QT_QPA_PLATFORM=xcb xvfb-run -a "$binary" "$function"
    for name in "$@"; do
        if [[ ! -s "$staging/$name.png" ]]; then
            echo "error: $(basename "$binary") wrote no $name.png; is the sample dump present?" >&2
            exit 1
        fi
        mv "$staging/$name.png" "$root/docs/screenshots/$name.png"
        echo "wrote $root/docs/screenshots/$name.png"
    done
}

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
run_screenshot_test test_timeline screenshots timeline-match timeline-bookmark data-readiness
run_screenshot_test test_workspace screenshotAncestry process-ancestry
