#!/usr/bin/env bash
# Instructions an event for `live --headless --once --window 1h`, counted by valgrind's callgrind
# (repeatable whatever else the machine is doing): (instructions for N events − instructions for
# 1 event) / (N − 1), over `eventtop generate` events (a nested `props` object and a `user_id`
# the engine ignores). Both threads are counted. Run by hand:
#
#   bench/ingest_instructions.sh                 (builds release first; N = 1,000,000)
#   EVENTS=200000 bench/ingest_instructions.sh
#   EVENTTOP_BIN=/path/to/eventtop TOP=15 bench/ingest_instructions.sh   (TOP: the costliest functions)
#
# valgrind 3.19 cannot read Swift's DWARF, so it runs a copy stripped of debug info (symbols kept).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-1000000}"
TOP="${TOP:-0}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
command -v valgrind > /dev/null || { echo "bench: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-instr.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
strip --strip-debug -o "$WORK/eventtop" "$EVENTTOP_BIN"
"$EVENTTOP_BIN" generate --events "$EVENTS" --seed 1 --start 2026-11-01 > "$WORK/many.ndjson"
head -n 1 "$WORK/many.ndjson" > "$WORK/one.ndjson"
echo "input: $EVENTS events, $(( $(stat -c %s "$WORK/many.ndjson") / EVENTS )) bytes a line"

count() {  # instructions of one run, all threads
    valgrind --tool=callgrind --callgrind-out-file="$WORK/$2.out" "$WORK/eventtop" \
        live --input "$1" --headless --once --window 1h > /dev/null 2> "$WORK/$2.err" \
        || { echo "bench: eventtop failed:" >&2; cat "$WORK/$2.err" >&2; exit 1; }
    grep -E '^summary:' "$WORK/$2.out" | awk '{print $2}'
}
one=$(count "$WORK/one.ndjson" one)
many=$(count "$WORK/many.ndjson" many)
awk -v a="$one" -v b="$many" -v n="$EVENTS" 'BEGIN {
    printf "instructions: 1 event %.0f, %d events %.0f\n", a, n, b
    printf "instructions an event: %.0f\n", (b - a) / (n - 1)
}'
if (( TOP > 0 )); then
    echo "costliest functions (self, instructions an event):"
    callgrind_annotate --inclusive=no "$WORK/many.out" 2>/dev/null | sed -n '/PROGRAM TOTALS/,$p' \
        | grep -E '^ *[0-9,]+ \(' | sed -n "2,$((TOP + 1))p" \
        | awk -v n="$EVENTS" '{ c=$1; gsub(",", "", c); sub(/^ *[0-9,]+ \( *[0-9.]+%\) +/, ""); printf "%8.0f  %s\n", c / n, substr($0, 1, 150) }' \
        | { if command -v swift > /dev/null; then swift demangle --simplified; else cat; fi }
fi
