#!/usr/bin/env bash
# Installs missing Debian packages, builds Spoor, imports the bundled sample dump into a case file, runs the
# built-in XZ backdoor rule and opens the GUI on the result. Without a display it writes an HTML and a JSON
# report instead and prints where they are.
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

jobs="$(nproc 2>/dev/null || echo 2)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs" --target spoor-cli spoor

sample="resources/sample/xz-sample.ndjson.gz"
out="build/quickstart"
mkdir -p "$out"
rm -f "$out/sample.spoor" "$out/sample.spoor-wal" "$out/sample.spoor-shm"

bin="build/dev/app"
"$bin/cli/spoor-cli" import --case "$out/sample.spoor" "$sample"
"$bin/cli/spoor-cli" scan --case "$out/sample.spoor" --format text --output "$out/findings.txt"
"$bin/cli/spoor-cli" report --case "$out/sample.spoor" --format html --output "$out/report.html"
"$bin/cli/spoor-cli" report --case "$out/sample.spoor" --format json --output "$out/report.json"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$bin/gui/spoor" ]; then
    exec "$bin/gui/spoor" "$out/sample.spoor"
fi
echo "No display found, so the GUI was not opened."
echo "Case file:      $out/sample.spoor"
echo "Findings:       $out/findings.txt"
echo "HTML report:    $out/report.html"
echo "JSON report:    $out/report.json"
