#!/usr/bin/env bash
# History benchmark, run by hand: 365 daily partitions of 5,000 rows (tenant_id, event_type,
# total_events, error_events, avg_session_duration, unique_sessions; snappy) written by DuckDB.
# Times `eventtop history --report weekly-error-rate --format csv` over the whole year (whole
# process, best of 3) against DuckDB (threads=1) running the seed's weekly query on the same
# folder (query time, best of 3), checks the outputs are identical, prints both and the ratio.
#
#   bench/history_vs_duckdb.sh                 (builds release first)
#   EVENTTOP_BIN=/path/to/eventtop bench/history_vs_duckdb.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-history-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FROM=2025-01-01
TO=2025-12-31

"$PYTHON" - "$WORK/parts" <<'PY'
import sys, duckdb
out = sys.argv[1]
con = duckdb.connect()
con.execute("""
  CREATE TABLE f AS
  SELECT (DATE '2025-01-01' + (i // 5000)::INT) AS date,
         'tenant-' || lpad(((i * 7919) % 200)::VARCHAR, 3, '0') AS tenant_id,
         ['click','view','error','purchase','signup'][1 + (i % 5)] AS event_type,
         (1 + (i * 31) % 997)::BIGINT AS total_events,
         ((i * 17) % 53)::BIGINT AS error_events,
         ((i * 13) % 400)::DOUBLE / 3 AS avg_session_duration,
         (1 + (i * 7) % 301)::BIGINT AS unique_sessions
  FROM range(365 * 5000) t(i)""")
con.execute(f"COPY f TO '{out}' (FORMAT parquet, PARTITION_BY (date), COMPRESSION snappy)")
PY
FILES=$(find "$WORK/parts" -name '*.parquet' | wc -l)
echo "partitions: $FILES files, $(du -sh "$WORK/parts" | cut -f1)"

best_e=""
for _ in 1 2 3; do
    s=$(date +%s.%N)
    "$EVENTTOP_BIN" history --dir "$WORK/parts" --from $FROM --to $TO --report weekly-error-rate --format csv > "$WORK/eventtop.csv"
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc); if [[ -z "$best_e" ]] || (( $(echo "$t < $best_e" | bc) )); then best_e=$t; fi
done
best_d=$("$PYTHON" - "$WORK/parts" "$WORK/duckdb.csv" "$FROM" "$TO" <<'PY'
import sys, time, duckdb
parts, out, first, last = sys.argv[1:5]
con = duckdb.connect(); con.execute("SET threads=1")
query = f"""
    SELECT DATE_TRUNC('week', date::DATE) AS week, tenant_id,
           SUM(total_events), SUM(error_events),
           SUM(error_events) / SUM(total_events) AS error_rate
    FROM read_parquet('{parts}/**/*.parquet', hive_partitioning = true)
    WHERE date::DATE BETWEEN DATE '{first}' AND DATE '{last}'
    GROUP BY 1, 2 ORDER BY 1, 2"""
best = None
for _ in range(3):
    t = time.perf_counter()
    rows = con.execute(query).fetchall()
    best = min(best or 1e9, time.perf_counter() - t)
# DuckDB gives NaN for 0/0; eventtop prints an empty field (null) when the total is 0.
with open(out, "w") as f:
    f.write("week,tenant_id,total_events,error_events,error_rate\n")
    for w, t, n, e, r in rows:
        f.write(f"{str(w)[:10]},{t},{n},{e},{repr(float(r)) if n else ''}\n")
print(f"{best:.3f}")
PY
)
if cmp -s "$WORK/eventtop.csv" "$WORK/duckdb.csv"; then
    echo "results: identical ($(($(wc -l < "$WORK/eventtop.csv") - 1)) rows)"
else
    echo "results DIFFER"; diff "$WORK/eventtop.csv" "$WORK/duckdb.csv" | head
fi
awk -v e="$best_e" -v d="$best_d" 'BEGIN { printf "eventtop history (whole process): %.3f s\nduckdb threads=1 (query):         %.3f s\nratio: %.2f\n", e, d, e / d }'
