#!/usr/bin/env bash
# eventtop live --once vs DuckDB (1 thread) on the same generated NDJSON. Run by hand:
#
#   bench/live_vs_duckdb.sh
#   EVENTS=500000 bench/live_vs_duckdb.sh
#   EVENTTOP_BIN=/path/to/eventtop bench/live_vs_duckdb.sh   # skips the release build
#
# Both sides are timed best of 3 (wall seconds); eventtop's max RSS comes from
# /usr/bin/time. DuckDB runs the same grouping: tenant, type, count, max(ts).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-2000000}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
RUNS=3

if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    echo "building release..." >&2
    (cd "$ROOT" && swift build -c release >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/eventtop"
fi
[[ -x "$EVENTTOP_BIN" ]] || { echo "bench: no executable at $EVENTTOP_BIN" >&2; exit 1; }
[[ -x "$PYTHON" ]] || { echo "bench: no python at $PYTHON (make the venv with duckdb)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/events.ndjson"

echo "generating $EVENTS events..." >&2
"$EVENTTOP_BIN" generate --events "$EVENTS" --seed 1 > "$DATA"
BYTES=$(stat -c %s "$DATA")
LINES=$(wc -l < "$DATA")
awk -v b="$BYTES" -v l="$LINES" 'BEGIN { printf "input: %d lines, %.1f MB, %.1f bytes/line\n", l, b / 1e6, (l ? b / l : 0) }'

# --- eventtop: best of 3 wall times, and the max RSS of that run
best_e="" best_rss="" best_cpu=""
for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M %U %S' -o "$WORK/time" \
        "$EVENTTOP_BIN" live --input "$DATA" --headless --once --window 1h > /dev/null 2> "$WORK/stderr" \
        || { echo "bench: eventtop failed:" >&2; cat "$WORK/stderr" >&2; exit 1; }
    read -r e rss user sys < <(tail -n 1 "$WORK/time")
    if [[ -z "$best_e" ]] || awk -v a="$e" -v b="$best_e" 'BEGIN { exit !(a < b) }'; then
        best_e=$e best_rss=$rss best_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    fi
done
echo "eventtop summary: $(tail -n 1 "$WORK/stderr")"

# --- DuckDB, one thread, the result fetched; best of 3 (timed inside Python, query only)
best_d=$("$PYTHON" - "$DATA" "$RUNS" <<'PY'
import sys, time
import duckdb

path, runs = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute("SET threads=1")
query = """
    SELECT tenant_id, event_type, count(*), max(ts)
    FROM read_ndjson(?, columns={tenant_id:'VARCHAR', event_type:'VARCHAR', ts:'VARCHAR', session_id:'VARCHAR'})
    GROUP BY ALL
"""
best = None
for _ in range(runs):
    t0 = time.perf_counter()
    rows = con.execute(query, [path]).fetchall()
    dt = time.perf_counter() - t0
    best = dt if best is None else min(best, dt)
print(f"{best:.3f}")
print(f"duckdb: {len(rows)} groups", file=sys.stderr)
PY
)

awk -v n="$LINES" -v e="$best_e" -v rss="$best_rss" -v cpu="$best_cpu" -v d="$best_d" 'BEGIN {
    printf "eventtop live --once --window 1h: %.3f s  %.0f events/s  max RSS %.1f MB  (CPU %.3f s: decode and process run on two threads)\n", e, (e > 0 ? n / e : 0), rss / 1024, cpu
    printf "duckdb (threads=1) group by:      %.3f s  %.0f events/s\n", d, (d > 0 ? n / d : 0)
    printf "ratio eventtop/duckdb:            %.2f  (below 1 means eventtop is faster)\n", (d > 0 ? e / d : 0)
}'
