#!/usr/bin/env bash
# Kafka ingest on loopback, events a second into the windows: `live --headless --once --window
# 1h` on a topic of librdkafka's mock cluster (kafka-mock, a real Kafka protocol server on
# 127.0.0.1), against the same lines read from a file. Whole commands timed by hyperfine
# (connection, metadata and offsets included); events/s = events / median time; and the rate
# once started: events / (median − the median of the same command on an empty topic; the mock
# auto-creates it). Run by hand:
#
#   bench/kafka_ingest.sh                        (builds release first; 8 partitions × 200,000 events)
#   PARTITIONS=4 PER_PARTITION=200000 RUNS=9 bench/kafka_ingest.sh
#
# The 2.0.2 mock keeps at most 5 MiB a partition (zstd-compressed: ~230,000 generated events):
# the script checks that the topic holds every event it produced. Needs kcat and hyperfine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARTITIONS="${PARTITIONS:-8}"
PER_PARTITION="${PER_PARTITION:-200000}"
RUNS="${RUNS:-7}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
for tool in kcat hyperfine; do
    command -v "$tool" > /dev/null || { echo "bench: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2 \
        && swift build -c release --scratch-path "$SCRATCH" --product kafka-mock >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
MOCK="$(dirname "$EVENTTOP_BIN")/kafka-mock"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-kafka.XXXXXX")"
EVENTS=$((PARTITIONS * PER_PARTITION))
coproc CLUSTER { "$MOCK" --topic events --partitions "$PARTITIONS"; }
trap 'exec {CLUSTER[1]}>&-; wait; rm -rf "$WORK"' EXIT
read -r -u "${CLUSTER[0]}" BROKER

"$EVENTTOP_BIN" generate --events "$EVENTS" --tenants 50 --seed 1 --start 2026-11-01 > "$WORK/events.ndjson"
for ((p = 0; p < PARTITIONS; p++)); do
    sed -n "$((p * PER_PARTITION + 1)),$(((p + 1) * PER_PARTITION))p" "$WORK/events.ndjson" \
        | kcat -P -b "$BROKER" -t events -p "$p" -z zstd -X compression.level=12 -X linger.ms=200 -X batch.size=1000000
done
held=$(kcat -C -b "$BROKER" -t events -e -q -f . | wc -c)
(( held == EVENTS )) || { echo "bench: the mock holds $held of $EVENTS events (its 5 MiB a partition cap)" >&2; exit 1; }
echo "input: $EVENTS events in $PARTITIONS partitions, $(( $(stat -c %s "$WORK/events.ndjson") / EVENTS )) bytes a line"

hyperfine -N -w 1 -r "$RUNS" --export-json "$WORK/times.json" \
    -n kafka "$EVENTTOP_BIN live --input kafka://$BROKER/events --headless --once --window 1h" \
    -n file "$EVENTTOP_BIN live --input $WORK/events.ndjson --headless --once --window 1h" \
    -n start-up "$EVENTTOP_BIN live --input kafka://$BROKER/empty --headless --once --window 1h" > /dev/null
python3 - "$WORK/times.json" "$EVENTS" <<'PY'
import json, statistics, sys
results, events = json.load(open(sys.argv[1]))["results"], int(sys.argv[2])
medians = {r["command"]: statistics.median(r["times"]) for r in results}
for r in results:
    name, median = r["command"], medians[r["command"]]
    rate = f", {events / median:,.0f} events/s" if name != "start-up" else " (an empty topic: connect, metadata, offsets)"
    print(f"{name:8}: median {median:.3f} s (min {min(r['times']):.3f}, max {max(r['times']):.3f}){rate}")
print(f"kafka after start-up: {events / (medians['kafka'] - medians['start-up']):,.0f} events/s")
PY
