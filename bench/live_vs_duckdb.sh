#!/usr/bin/env bash
# eventtop live --once vs DuckDB (1 thread) on the same generated NDJSON. Run by hand:
#
#   bench/live_vs_duckdb.sh
#   EVENTS=500000 bench/live_vs_duckdb.sh
#   EVENTTOP_BIN=/path/to/eventtop bench/live_vs_duckdb.sh   # skips the release build
#
# Both sides run RUNS times (default 5), interleaved; the medians of wall and CPU seconds are
# printed with their ratios (eventtop: whole process, all threads; DuckDB: the query, in
# Python). eventtop's max RSS comes from /usr/bin/time. DuckDB runs the same grouping:
# tenant, type, count, max(ts).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-2000000}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
RUNS="${RUNS:-5}"

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

"$PYTHON" - "$DATA" "$RUNS" "$EVENTTOP_BIN" "$LINES" <<'PY'
import resource, statistics, subprocess, sys, time
import duckdb

path, runs, binary, lines = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
con = duckdb.connect()
con.execute("SET threads=1")
query = """
    SELECT tenant_id, event_type, count(*), max(ts)
    FROM read_ndjson(?, columns={tenant_id:'VARCHAR', event_type:'VARCHAR', ts:'VARCHAR', session_id:'VARCHAR'})
    GROUP BY ALL
"""
mine, theirs, rss, summary = [], [], [], ""
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "live", "--input", path, "--headless", "--once",
                          "--window", "1h"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.exit(f"bench: eventtop failed:\n{run.stderr}")
    err = run.stderr.strip().splitlines()
    summary, rss = err[-2], rss + [int(err[-1])]
    mine.append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
    t0, c0 = time.perf_counter(), time.process_time()
    rows = con.execute(query, [path]).fetchall()
    theirs.append((time.perf_counter() - t0, time.process_time() - c0))
med = lambda xs, k: statistics.median(x[k] for x in xs)
ew, ec, dw, dc = med(mine, 0), med(mine, 1), med(theirs, 0), med(theirs, 1)
print(f"eventtop summary: {summary}")
print(f"duckdb: {len(rows)} groups")
print(f"eventtop live --once --window 1h: wall {ew:.3f} s ({lines / ew / 1e6:.1f} M events/s)  CPU {ec:.3f} s  "
      f"max RSS {statistics.median(rss) / 1024:.1f} MB   (medians of {runs})")
print(f"duckdb (threads=1) group by:      wall {dw:.3f} s ({lines / dw / 1e6:.1f} M events/s)  CPU {dc:.3f} s")
print(f"ratio eventtop/duckdb:            wall {ew / dw:.2f}  CPU {ec / dc:.2f}  (below 1: eventtop is faster)")
PY
