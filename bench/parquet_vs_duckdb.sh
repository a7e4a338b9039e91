#!/usr/bin/env bash
# Parquet read benchmark, run by hand: 365 daily partitions of 5,000 rows (tenant_id,
# event_type and four numeric columns, snappy) written by DuckDB; eventtop's reader sums
# total_events and error_events per tenant from tenant_id, total_events and error_events;
# DuckDB (threads=1) runs the same sum over the same files. Prints both times and the ratio.
#
#   bench/parquet_vs_duckdb.sh            (builds release first)
#   SCAN_BIN=/path/to/parquet-scan bench/parquet_vs_duckdb.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
if [[ -z "${SCAN_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --product parquet-scan >&2)
    SCAN_BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/parquet-scan"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-pq-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" "$ROOT/bench/history_dataset.py" "$WORK/parts" 200
FILES=$(find "$WORK/parts" -name '*.parquet' | wc -l)
echo "partitions: $FILES files, $(du -sh "$WORK/parts" | cut -f1)"

best_e=""
for _ in 1 2 3; do
    s=$(date +%s.%N); "$SCAN_BIN" "$WORK/parts" > "$WORK/eventtop.csv"; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc); if [[ -z "$best_e" ]] || (( $(echo "$t < $best_e" | bc) )); then best_e=$t; fi
done
best_d=$("$PYTHON" - "$WORK/parts" "$WORK/duckdb.csv" <<'PY'
import sys, time, duckdb
parts, out = sys.argv[1], sys.argv[2]
con = duckdb.connect(); con.execute("SET threads=1")
best = None
for _ in range(3):
    t = time.perf_counter()
    rows = con.execute(f"SELECT tenant_id, sum(total_events), sum(error_events) FROM read_parquet('{parts}/**/*.parquet') GROUP BY tenant_id ORDER BY tenant_id").fetchall()
    best = min(best or 1e9, time.perf_counter() - t)
open(out, "w").write("".join(f"{a},{b},{c}\n" for a, b, c in rows))
print(f"{best:.3f}")
PY
)
cmp -s "$WORK/eventtop.csv" "$WORK/duckdb.csv" && echo "results: identical sums per tenant" || { echo "results DIFFER"; diff "$WORK/eventtop.csv" "$WORK/duckdb.csv" | head; }
awk -v e="$best_e" -v d="$best_d" 'BEGIN { printf "eventtop reader (whole process): %.3f s\nduckdb threads=1 (query):        %.3f s\nratio: %.2f\n", e, d, e / d }'
