#!/usr/bin/env bash
# The cost of a field mapping (DESIGN §8), against eventtop's own layout and DuckDB, on the
# same bytes. Run by hand:
#
#   bench/mapping_vs_duckdb.sh
#   EVENTS=200000 RUNS=3 bench/mapping_vs_duckdb.sh
#   EVENTTOP_BIN=/path/to/eventtop bench/mapping_vs_duckdb.sh   # skips the release build
#
# Each line is a Segment-style track call (the tenant in context.groupId, the type in event,
# an ISO timestamp, a status in properties) that also carries eventtop's own four fields, so
# one file serves both mappings:
#   default  live --once (tenant_id, event_type, ts, session_id at the top: the fast path)
#   nested   live --once --field tenant_id=context.groupId --field event_type=event
#                        --field ts=timestamp --field session_id=context.sessionId
#                        --error 'properties.status>=500'   (the path scanner)
# DuckDB (threads=1) groups the same lines by the same fields, the nested ones through
# STRUCT columns. Times are medians of RUNS wall times; the ratios come from those medians.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-500000}"
RUNS="${RUNS:-5}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    echo "building release..." >&2
    (cd "$ROOT" && swift build -c release >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/eventtop"
fi
[[ -x "$EVENTTOP_BIN" ]] || { echo "bench: no executable at $EVENTTOP_BIN" >&2; exit 1; }
[[ -x "$PYTHON" ]] || { echo "bench: no python at $PYTHON (make the venv with duckdb)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/segment.ndjson"

echo "generating $EVENTS events in Segment's shape..." >&2
"$EVENTTOP_BIN" generate --events "$EVENTS" --seed 1 | "$PYTHON" -c '
import json, sys, zlib
out = sys.stdout
for n, line in enumerate(sys.stdin):
    e = json.loads(line)
    h = zlib.crc32(line.encode())
    status = 500 + h % 4 if e["event_type"] == "error" else (404 if h % 50 == 0 else 200)
    seg = {"type": "track", "event": e["event_type"], "messageId": f"{h:08x}-{n:07d}",
           "userId": f"user-{h % 9973}", "anonymousId": None,
           "context": {"groupId": e["tenant_id"], "sessionId": e.get("session_id"),
                       "library": {"name": "analytics.js", "version": "4.1.0"},
                       "ip": f"10.{h % 256}.{h // 256 % 256}.{h // 65536 % 256}",
                       "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"},
           "properties": {"status": status, **e.get("props", {})},
           "timestamp": e["ts"], "tenant_id": e["tenant_id"], "event_type": e["event_type"], "ts": e["ts"]}
    if e.get("session_id") is not None:
        seg["session_id"] = e["session_id"]
    out.write(json.dumps(seg, separators=(",", ":")) + "\n")
' > "$DATA"
BYTES=$(stat -c %s "$DATA")
LINES=$(wc -l < "$DATA")
awk -v b="$BYTES" -v l="$LINES" 'BEGIN { printf "input: %d lines, %.1f MB, %.1f bytes/line\n", l, b / 1e6, (l ? b / l : 0) }'
echo "line: $(head -c 400 "$DATA")..."

NESTED=(--field tenant_id=context.groupId --field event_type=event --field ts=timestamp
        --field session_id=context.sessionId --error 'properties.status>=500')

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# eventtop: RUNS wall times of one mapping; prints the median, and the rows it gave to $2.
run_eventtop() {
    local name=$1 rows=$2; shift 2
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s.%N)
        "$EVENTTOP_BIN" live --input "$DATA" --headless --once --window 1h "$@" > "$rows" 2> "$WORK/stderr" \
            || { echo "bench: eventtop ($name) failed:" >&2; cat "$WORK/stderr" >&2; exit 1; }
        t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
    done | median
    echo "eventtop $name: $(tail -n 1 "$WORK/stderr")" >&2
}

default_s=$(run_eventtop default "$WORK/default.rows")
nested_s=$(run_eventtop nested "$WORK/nested.rows" "${NESTED[@]}")
cmp -s "$WORK/default.rows" "$WORK/nested.rows" \
    || { echo "bench: the two mappings gave different rows" >&2; diff "$WORK/default.rows" "$WORK/nested.rows" | head >&2; exit 1; }

read -r duck_default duck_nested < <("$PYTHON" - "$DATA" "$RUNS" <<'PY'
import statistics, sys, time
import duckdb

path, runs = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute("SET threads=1")
queries = {
    "default": """SELECT tenant_id, event_type, count(*), max(ts)
        FROM read_ndjson(?, columns={tenant_id:'VARCHAR', event_type:'VARCHAR', ts:'VARCHAR', session_id:'VARCHAR'})
        GROUP BY ALL""",
    "nested": """SELECT context.groupId, event, count(*), max("timestamp"), count(*) FILTER (WHERE properties.status >= 500)
        FROM read_ndjson(?, columns={context:'STRUCT(groupId VARCHAR, sessionId VARCHAR)', event:'VARCHAR',
                                      "timestamp":'VARCHAR', properties:'STRUCT(status BIGINT)'})
        GROUP BY ALL""",
}
medians = []
for name, query in queries.items():
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = con.execute(query, [path]).fetchall()
        times.append(time.perf_counter() - t0)
    medians.append(statistics.median(times))
    print(f"duckdb {name}: {len(rows)} groups", file=sys.stderr)
print(" ".join(f"{m:.4f}" for m in medians))
PY
)

awk -v n="$LINES" -v b="$BYTES" -v e="$default_s" -v m="$nested_s" -v dd="$duck_default" -v dn="$duck_nested" -v r="$RUNS" 'BEGIN {
    printf "medians of %d runs (wall seconds)\n", r
    printf "eventtop default mapping: %.3f s  %.0f events/s  %.0f MB/s\n", e, n / e, b / e / 1e6
    printf "eventtop nested mapping:  %.3f s  %.0f events/s  %.0f MB/s\n", m, n / m, b / m / 1e6
    printf "duckdb default columns:   %.3f s  %.0f events/s\n", dd, n / dd
    printf "duckdb nested columns:    %.3f s  %.0f events/s\n", dn, n / dn
    printf "ratio nested/default (eventtop): %.2f  (the issue asks at most 1.5)\n", m / e
    printf "ratio eventtop/duckdb default:   %.2f  (below 1 means eventtop is faster)\n", e / dd
    printf "ratio eventtop/duckdb nested:    %.2f\n", m / dn
}'
