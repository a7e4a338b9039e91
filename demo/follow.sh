#!/usr/bin/env bash
# A file growing as you watch, read like tail -F: a small awk generator appends about
# RATE (default 500) events a second, stamped now (60/32/8 click/view/error, tenants of
# different sizes), while `eventtop live --follow` shows them. q (or Ctrl-C) ends both.
#
#   demo/follow.sh [RATE]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${EVENTTOP_BIN:-$ROOT/.build/release/eventtop}"
RATE="${1:-500}"
FILE="$(mktemp "${TMPDIR:-/tmp}/eventtop-follow.XXXXXX")"
trap 'kill "$writer" 2>/dev/null || true; rm -f "$FILE"' EXIT
(
    while true; do
        awk -v now="$(date +%s)" -v n="$RATE" -v seed="$RANDOM" 'BEGIN {
            srand(seed)
            split("acme globex initech umbrella hooli stark wayne wonka", t, " ")
            for (i = 0; i < n; i++) {
                r = rand(); k = 1; while (r < 0.5 && k < 8) { k++; r = rand() }   # bigger tenants first
                u = rand(); type = u < 0.60 ? "click" : (u < 0.92 ? "view" : "error")
                printf "{\"tenant_id\":\"%s\",\"event_type\":\"%s\",\"ts\":%d.%03d,\"session_id\":\"s%d\"}\n",
                    t[k], type, now, int(rand() * 1000), int(rand() * 200)
            }
        }' >> "$FILE"
        sleep 1
    done
) &
writer=$!
"$BIN" live --input "$FILE" --follow
