#!/usr/bin/env bash
# Dashboard frame benchmark, run by hand: builds the view model and renders the whole screen
# into a cell grid for 1,000 tenants (or $1), frame after frame, at 80x24 and 200x60, and
# prints the median and 99th-percentile time per frame (release build). The goal: < 2 ms.
#
#   bench/dashboard_frame.sh [TENANTS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && swift build -c release --product dashboard-bench >&2)
"$(cd "$ROOT" && swift build -c release --show-bin-path)/dashboard-bench" "${1:-1000}"
