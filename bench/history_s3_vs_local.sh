#!/usr/bin/env bash
# Object storage benchmark, run by hand: the partitions of bench/history_vs_duckdb.sh (365 daily
# partitions of 5,000 rows written by DuckDB, snappy; TENANTS distinct tenants) in a local folder
# and in moto's S3 server on 127.0.0.1 (the same files, uploaded). Times `eventtop history
# --report weekly-error-rate --format csv` over each RANGE (whole process, output to a file) on the
# folder and on s3://bench/parts, interleaved, checks the outputs are identical, and prints the
# medians of RUNS runs, the ratios (target: at most 2), and the store's CPU time a request. Over
# s3 each run is timed twice: cold (EVENTTOP_S3_CACHE an empty folder: one GET a file) and warm
# (the object cache the previous runs filled: listings only).
#
#   bench/history_s3_vs_local.sh                 (builds release first; TENANTS=1000, RUNS=7)
#   RANGES="2025-12-04:2025-12-31 2025-01-01:2025-12-31" EVENTTOP_BIN=/path/to/eventtop bench/history_s3_vs_local.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
TENANTS="${TENANTS:-1000}"
RUNS="${RUNS:-7}"
# Four weeks (what `history` shows by default), a quarter, the whole year.
RANGES="${RANGES:-2025-12-04:2025-12-31 2025-10-01:2025-12-31 2025-01-01:2025-12-31}"
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && nice swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-s3-bench.XXXXXX")"
MOTO_PID=
cleanup() { [[ -n $MOTO_PID ]] && kill "$MOTO_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$PYTHON" "$ROOT/bench/history_dataset.py" "$WORK/parts" "$TENANTS"

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$(dirname "$PYTHON")/moto_server" -H 127.0.0.1 -p "$PORT" > "$WORK/moto.log" 2>&1 &
MOTO_PID=$!
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$PORT"
"$PYTHON" - "$AWS_ENDPOINT_URL" "$WORK/parts" <<'PY'
import os, sys, time, urllib.request
import boto3
from concurrent.futures import ThreadPoolExecutor
endpoint, src = sys.argv[1], sys.argv[2]
for _ in range(300):
    try:
        urllib.request.urlopen(endpoint + "/moto-api/data.json", timeout=1).read()
        break
    except OSError:
        time.sleep(0.1)
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bench",
                  aws_secret_access_key="bench")
s3.create_bucket(Bucket="bench")
files = [os.path.join(r, n) for r, _, ns in os.walk(src) for n in ns]
with ThreadPoolExecutor(8) as ex:
    list(ex.map(lambda p: s3.upload_file(p, "bench", "parts/" + os.path.relpath(p, src)), files))
PY
echo "== $TENANTS tenants: $(find "$WORK/parts" -name '*.parquet' | wc -l) partitions, $(du -sh "$WORK/parts" | cut -f1), moto on 127.0.0.1:$PORT"

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
moto_ticks() { awk '{ print $14 + $15 }' "/proc/$MOTO_PID/stat"; }
HZ=$(getconf CLK_TCK)

for range in $RANGES; do
    from=${range%%:*} to=${range##*:}
    args=(history --from "$from" --to "$to" --report weekly-error-rate --format csv)
    local_t=() s3_t=() warm_t=() ticks=0
    rm -rf "$WORK/warm-cache"
    for ((r = 0; r <= RUNS; r++)); do
        s=$(date +%s.%N); "$EVENTTOP_BIN" "${args[@]}" --dir "$WORK/parts" > "$WORK/local.csv"; e=$(date +%s.%N)
        ((r > 0)) && local_t+=("$(echo "$e - $s" | bc)")
        rm -rf "$WORK/cold-cache"
        t0=$(moto_ticks)
        s=$(date +%s.%N); EVENTTOP_S3_CACHE="$WORK/cold-cache" "$EVENTTOP_BIN" "${args[@]}" --dir s3://bench/parts > "$WORK/s3.csv"; e=$(date +%s.%N)
        t1=$(moto_ticks)
        if ((r > 0)); then s3_t+=("$(echo "$e - $s" | bc)"); ticks=$((ticks + t1 - t0)); fi
        cmp -s "$WORK/local.csv" "$WORK/s3.csv" || { echo "outputs differ for $range (cold)" >&2; exit 1; }
        s=$(date +%s.%N); EVENTTOP_S3_CACHE="$WORK/warm-cache" "$EVENTTOP_BIN" "${args[@]}" --dir s3://bench/parts > "$WORK/s3.csv"; e=$(date +%s.%N)
        ((r > 0)) && warm_t+=("$(echo "$e - $s" | bc)")
        cmp -s "$WORK/local.csv" "$WORK/s3.csv" || { echo "outputs differ for $range (warm)" >&2; exit 1; }
    done
    dates=$(( ( $(date -ud "$to" +%s) - $(date -ud "$from" +%s) ) / 86400 + 1 ))
    med_l=$(printf '%s\n' "${local_t[@]}" | median)
    med_s=$(printf '%s\n' "${s3_t[@]}" | median)
    med_w=$(printf '%s\n' "${warm_t[@]}" | median)
    # Requests a cold run: a listing of the root, one of the dates, one GET a file (each under 64 KiB).
    moto_ms=$(echo "scale=2; $ticks * 1000 / $HZ / $RUNS / ($dates + 2)" | bc)
    printf '%s..%s (%d dates, %d rows out): local %.3f s; s3 cold %.3f s, ratio %.2f; s3 warm %.3f s, ratio %.2f; moto %.2f ms CPU a request\n' \
        "$from" "$to" "$dates" "$(($(wc -l < "$WORK/s3.csv") - 1))" "$med_l" "$med_s" "$(echo "$med_s / $med_l" | bc -l)" \
        "$med_w" "$(echo "$med_w / $med_l" | bc -l)" "$moto_ms"
done
