#!/bin/sh
# Checks the import's memory bound on a large dump. It generates an Elastic NDJSON dump of about EVENTS events
# (about 1.45 KB each, so the default 3,500,000 gives about 5 GB). Then it imports the dump into a new case with
# `spoor-cli import` under /usr/bin/time -v and prints the peak RSS, the times and the case size.
# Exits 1 when the import fails or its peak RSS reaches LIMIT_MB (default 300).
#
# Usage: bench_import_memory.sh SPOOR_CLI WORK_DIR [EVENTS]
# Environment: LIMIT_MB (default 300), KEEP=1 keeps the dump and the case in WORK_DIR.
set -eu

if [ $# -lt 2 ]; then
    echo "usage: $0 SPOOR_CLI WORK_DIR [EVENTS]" >&2
    exit 2
fi
cli=$1
work=$2
events=${3:-3500000}
limit_mb=${LIMIT_MB:-300}
dump=$work/memory-check.ndjson
case_file=$work/memory-check.spoor

mkdir -p "$work"
# The dump takes about 1.45 KB per event and the case about 0.6 times the dump, so ask for both with a margin.
needed_kb=$((events * 3))
free_kb=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt "$needed_kb" ]; then
    echo "$work has $((free_kb / 1024)) MB free, the check needs about $((needed_kb / 1024)) MB" >&2
    exit 1
fi

cleanup() {
    if [ "${KEEP:-0}" != 1 ]; then
        rm -f "$dump" "$case_file" "$case_file-wal" "$case_file-shm"
    fi
}
trap cleanup EXIT

echo "generating about $events events into $dump"
/usr/bin/time -f "generate: %e s wall, %U s user, %S s system, %M KB peak RSS" \
    "$cli" generate --events "$events" --output "$dump"
dump_bytes=$(stat -c %s "$dump")
echo "dump: $((dump_bytes / 1000000)) MB"

echo "importing into $case_file (load average: $(cut -d ' ' -f 1-3 /proc/loadavg))"
rm -f "$case_file" "$case_file-wal" "$case_file-shm"
time_log=$work/memory-check.time
status=0
/usr/bin/time -v -o "$time_log" "$cli" import --case "$case_file" "$dump" || status=$?
grep -E "Elapsed|User time|System time|Maximum resident" "$time_log"
peak_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$time_log")
rm -f "$time_log"
case_bytes=0
for file in "$case_file" "$case_file-wal"; do
    if [ -f "$file" ]; then
        case_bytes=$((case_bytes + $(stat -c %s "$file")))
    fi
done
echo "case: $((case_bytes / 1000000)) MB, $((case_bytes * 100 / dump_bytes)) % of the dump"
echo "peak RSS: $((peak_kb / 1024)) MB (limit $limit_mb MB)"

if [ "$status" -ne 0 ]; then
    echo "spoor-cli import exited with status $status" >&2
    exit 1
fi
if [ "$peak_kb" -ge $((limit_mb * 1024)) ]; then
    echo "the peak RSS reached the limit" >&2
    exit 1
fi
