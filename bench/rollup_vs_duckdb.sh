#!/usr/bin/env bash
# Daily rollup benchmark, run by hand: the engine benchmark's 2,000,000 events (2 days, so one
# day closes), through `eventtop live --history` (windows and rollup together, whole process)
# and `eventtop rollup`, against DuckDB (threads=1) computing the whole of fact_events_daily
# (DESIGN §4) from the same file. Checks eventtop's partitions equal DuckDB's rows. Prints the
# median of RUNS runs (default 5) of each, after one warm-up run.
#
#   bench/rollup_vs_duckdb.sh            (builds release first)
#   EVENTTOP_BIN=/path/to/eventtop bench/rollup_vs_duckdb.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
RUNS="${RUNS:-5}"
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-rollup-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/events.ndjson"
"$EVENTTOP_BIN" generate --events 2000000 --days 2 --start 2026-11-01 --seed 1 > "$DATA"

median() {  # median wall seconds of RUNS runs of a command, after one warm-up run
    local times=() s e
    for ((r = 0; r <= RUNS; r++)); do
        rm -rf "$WORK/out"
        s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N)
        if ((r > 0)); then times+=("$(echo "$e - $s" | bc)"); fi
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
live=$(median "$EVENTTOP_BIN" live --input "$DATA" --headless --once --window 1h --history "$WORK/out")
rollup=$(median "$EVENTTOP_BIN" rollup "$DATA" --out "$WORK/out")
duck=$("$PYTHON" - "$DATA" "$WORK/out" "$RUNS" <<'PY'
import sys, time, statistics, duckdb
data, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
con = duckdb.connect(); con.execute("SET threads=1")
sql = f"""
WITH ev AS (SELECT tenant_id, event_type, session_id, epoch_ns(ts::TIMESTAMPTZ) AS ts
            FROM read_ndjson('{data}', columns={{tenant_id:'VARCHAR', event_type:'VARCHAR', ts:'VARCHAR', session_id:'VARCHAR'}})),
e2 AS (SELECT *, ts // 86400000000000 AS day FROM ev),
spans AS (SELECT day, tenant_id, session_id, (max(ts) - min(ts)) / 1e9 AS dur FROM e2 WHERE session_id IS NOT NULL GROUP BY ALL),
rs AS (SELECT DISTINCT day, tenant_id, event_type, session_id FROM e2 WHERE session_id IS NOT NULL),
d AS (SELECT rs.day, rs.tenant_id, rs.event_type, avg(dur) AS avg_session_duration FROM rs JOIN spans USING (day, tenant_id, session_id) GROUP BY ALL)
SELECT e2.day, e2.tenant_id, e2.event_type, count(*), count(*) FILTER (WHERE e2.event_type = 'error'),
       any_value(d.avg_session_duration), count(DISTINCT e2.session_id)
FROM e2 LEFT JOIN d USING (day, tenant_id, event_type) GROUP BY ALL ORDER BY ALL"""
rows = con.execute(sql).fetchall()  # warm-up
times = []
for _ in range(runs):
    t = time.perf_counter(); rows = con.execute(sql).fetchall(); times.append(time.perf_counter() - t)
best = statistics.median(times)
mine = duckdb.connect().execute(f"""
    SELECT (date::DATE - DATE '1970-01-01')::BIGINT, tenant_id, event_type, total_events, error_events,
           avg_session_duration, unique_sessions
    FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true) ORDER BY ALL""").fetchall()
same = len(mine) == len(rows) and all(
    a[:5] == b[:5] and a[6] == b[6] and (a[5] is None) == (b[5] is None) and (a[5] is None or abs(a[5] - b[5]) <= 1e-6 * max(1, abs(b[5])))
    for a, b in zip(mine, rows))
print(f"{best:.3f} {'identical' if same else 'DIFFERENT'} {len(rows)}")
PY
)
read -r duck_t same rows <<< "$duck"
echo "eventtop rollup vs DuckDB rows: $same ($rows rows)"
awk -v l="$live" -v r="$rollup" -v d="$duck_t" 'BEGIN {
    printf "medians of '"$RUNS"' runs\n"
    printf "eventtop live --history (windows + rollup, whole process): %.3f s\n", l
    printf "eventtop rollup (whole process):                          %.3f s\n", r
    printf "duckdb threads=1 full daily rollup (query):               %.3f s\n", d
    printf "ratios: live --history %.2f, rollup %.2f\n", l / d, r / d }'
