#!/usr/bin/env bash
# The demo's numbers, run by hand: StreamProcessor.snapshot time (with the 60 s per-tenant
# sparklines) at 1,000 and 10,000 tenants, DemoFeed's CPU at 2,000 and 50,000 events/s and
# its most on one core, DemoBackfill's time for 12 weeks × 24 tenants (release, and debug
# with DEBUG=1).
#
#   bench/demo_numbers.sh            (builds demo-bench in release first)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="release"; [[ "${DEBUG:-}" == 1 ]] && CONFIG="debug"
(cd "$ROOT" && swift build -c "$CONFIG" --product demo-bench >&2)
BIN="$(cd "$ROOT" && swift build -c "$CONFIG" --show-bin-path)/demo-bench"
"$BIN" snapshot 1000
"$BIN" snapshot 10000
"$BIN" feed 2000 10
"$BIN" feed 50000 5
"$BIN" feed 5000000 5
"$BIN" backfill 12 24
