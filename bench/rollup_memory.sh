#!/usr/bin/env bash
# Rollup memory under a flood of tenants, run by hand: EVENTS events (default 1,000,000) over one
# day, each with a tenant of its own (and a session), through `eventtop rollup`; prints the
# process's peak resident memory (/usr/bin/time's %M) and checks the partition's row count.
#
#   bench/rollup_memory.sh                  (builds release first)
#   EVENTS=1000000 EVENTTOP_BIN=/path/to/eventtop bench/rollup_memory.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
EVENTS="${EVENTS:-1000000}"
RUNS="${RUNS:-3}"
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-rollup-memory.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" - "$WORK/flood.ndjson" "$EVENTS" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
types = ["click", "view", "error", "purchase", "signup"]
with open(out, "w") as f:
    for i in range(n):
        ms = i * 86_000_000 // n  # one day, in order
        h, m, s, frac = ms // 3_600_000, ms // 60_000 % 60, ms // 1000 % 60, ms % 1000
        f.write(f'{{"ts":"2026-11-01T{h:02d}:{m:02d}:{s:02d}.{frac:03d}Z","tenant_id":"flood-tenant-{i:07d}",'
                f'"event_type":"{types[i % 5]}","session_id":"s{(i * 2654435761) % 4294967296:08x}"}}\n')
PY
echo "flood: $EVENTS events, $EVENTS tenants, $(du -h "$WORK/flood.ndjson" | cut -f1)"
peaks=()
for ((r = 0; r < RUNS; r++)); do
    rm -rf "$WORK/out"
    peak=$(/usr/bin/time -f %M "$EVENTTOP_BIN" rollup "$WORK/flood.ndjson" --out "$WORK/out" 2>&1 >/dev/null | tail -1)
    peaks+=("$peak")
done
rows=$("$PYTHON" -c "import duckdb,sys; print(duckdb.connect().execute(\"SELECT count(*) FROM read_parquet('$WORK/out/**/*.parquet')\").fetchone()[0])")
[[ "$rows" == "$EVENTS" ]] || { echo "partition holds $rows rows, expected $EVENTS"; exit 1; }
med=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "peak RSS (KB) of $RUNS runs: ${peaks[*]}"
awk -v k="$med" 'BEGIN { printf "eventtop rollup peak RSS (median): %.0f MB\n", k / 1024 }'
