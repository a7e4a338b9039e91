#!/usr/bin/env bash
# History benchmark, run by hand: 365 daily partitions of 5,000 rows (tenant_id, event_type,
# total_events, error_events, avg_session_duration, unique_sessions; snappy) written by DuckDB
# (`COPY … PARTITION_BY (date)`), once for each tenant count in TENANTS. Times
# `eventtop history --report weekly-error-rate --format csv` over the whole year (whole process,
# output to a file) against DuckDB (threads=1) running the seed's weekly query on the same folder
# (query time, rows fetched), checks the outputs are identical, prints the medians of RUNS runs
# of each and the ratio.
#
#   bench/history_vs_duckdb.sh                 (builds release first; TENANTS="1000 10000", RUNS=5)
#   TENANTS=1000 RUNS=3 EVENTTOP_BIN=/path/to/eventtop bench/history_vs_duckdb.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
TENANTS="${TENANTS:-1000 10000}"
RUNS="${RUNS:-5}"
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-history-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FROM=2025-01-01
TO=2025-12-31

for tenants in $TENANTS; do
    rm -rf "$WORK/parts"
    "$PYTHON" "$ROOT/bench/history_dataset.py" "$WORK/parts" "$tenants"
    FILES=$(find "$WORK/parts" -name '*.parquet' | wc -l)
    echo "== $tenants tenants: $FILES partitions, $(du -sh "$WORK/parts" | cut -f1)"

    # eventtop: whole process, median of RUNS (after one warm-up run).
    times=()
    for ((r = 0; r <= RUNS; r++)); do
        s=$(date +%s.%N)
        "$EVENTTOP_BIN" history --dir "$WORK/parts" --from $FROM --to $TO --report weekly-error-rate --format csv > "$WORK/eventtop.csv"
        e=$(date +%s.%N)
        if ((r > 0)); then times+=("$(echo "$e - $s" | bc)"); fi
    done
    med_e=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    med_d=$("$PYTHON" - "$WORK/parts" "$WORK/duckdb.csv" "$FROM" "$TO" "$RUNS" <<'PY'
import sys, time, statistics, duckdb
parts, out, first, last, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
con = duckdb.connect(); con.execute("SET threads=1")
query = f"""
    SELECT DATE_TRUNC('week', date::DATE) AS week, tenant_id,
           SUM(total_events), SUM(error_events),
           SUM(error_events) / SUM(total_events) AS error_rate
    FROM read_parquet('{parts}/**/*.parquet', hive_partitioning = true)
    WHERE date::DATE BETWEEN DATE '{first}' AND DATE '{last}'
    GROUP BY 1, 2 ORDER BY 1, 2"""
con.execute(query).fetchall()  # warm-up
times = []
for _ in range(runs):
    t = time.perf_counter()
    rows = con.execute(query).fetchall()
    times.append(time.perf_counter() - t)
# DuckDB gives NaN for 0/0; eventtop prints an empty field (null) when the total is 0.
with open(out, "w") as f:
    f.write("week,tenant_id,total_events,error_events,error_rate\n")
    for w, t, n, e, r in rows:
        f.write(f"{str(w)[:10]},{t},{n},{e},{repr(float(r)) if n else ''}\n")
print(f"{statistics.median(times):.3f}")
PY
)
    if cmp -s "$WORK/eventtop.csv" "$WORK/duckdb.csv"; then
        echo "results: identical ($(($(wc -l < "$WORK/eventtop.csv") - 1)) rows)"
    else
        echo "results DIFFER"; diff "$WORK/eventtop.csv" "$WORK/duckdb.csv" | head
        exit 1
    fi
    echo "eventtop runs: ${times[*]}"
    awk -v e="$med_e" -v d="$med_d" -v t="$tenants" -v n="$RUNS" 'BEGIN {
        printf "eventtop history (whole process, median of %d): %.3f s\n", n, e
        printf "duckdb threads=1 (query, median of %d):         %.3f s\n", n, d
        printf "ratio at %d tenants: %.2f\n", t, e / d }'
done
