#!/usr/bin/env bash
# Peak memory of `live --headless --once --window 1h`, with and without `--history` (the daily
# rollup and its partitions), over EVENTS generated events (default 2,000,000, one day). Prints
# the median peak RSS of RUNS runs (default 3) from /usr/bin/time's %M. Run by hand:
#
#   bench/live_memory.sh
#   EVENTTOP_BIN=/path/to/eventtop EVENTS=2000000 bench/live_memory.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-2000000}"
RUNS="${RUNS:-3}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-live-memory.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
"$EVENTTOP_BIN" generate --events "$EVENTS" --seed 1 --start 2026-11-01 > "$WORK/events.ndjson"
echo "input: $EVENTS events, $(( $(stat -c %s "$WORK/events.ndjson") / 1000000 )) MB"

peak() {  # median peak RSS in MB of RUNS runs of: eventtop live … "$@"
    local values=()
    for _ in $(seq "$RUNS"); do
        rm -rf "$WORK/history"
        /usr/bin/time -f %M -o "$WORK/rss" "$EVENTTOP_BIN" live --input "$WORK/events.ndjson" --headless --once \
            --window 1h "$@" > /dev/null 2> "$WORK/stderr" \
            || { echo "bench: eventtop failed:" >&2; cat "$WORK/stderr" >&2; exit 1; }
        values+=("$(tail -n 1 "$WORK/rss")")
    done
    printf '%s\n' "${values[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f MB (runs: ", v[int((NR + 1) / 2)] / 1024;
        for (i = 1; i <= NR; i++) printf "%s%.1f", (i > 1 ? ", " : ""), v[i] / 1024; print ")" }'
}
echo "live --once:            peak RSS $(peak)"
echo "live --once --history:  peak RSS $(peak --history "$WORK/history")"
