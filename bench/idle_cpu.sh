#!/usr/bin/env bash
# CPU eventtop uses while nothing arrives: `live --follow` on a file that does not grow, once on
# the dashboard (in a detached tmux session, 200×60) and once headless, each measured over
# SECONDS_IDLE seconds (default 60) from the kernel's per-thread run times
# (/proc/PID/task/*/schedstat), as a share of one core. Run by hand (needs tmux):
#
#   bench/idle_cpu.sh
#   EVENTTOP_BIN=/path/to/eventtop SECONDS_IDLE=120 bench/idle_cpu.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WAIT="${SECONDS_IDLE:-60}"
SCRATCH="${SCRATCH:-$ROOT/.build}"
command -v tmux > /dev/null || { echo "bench: tmux is missing (apt-get install tmux)" >&2; exit 1; }
if [[ -z "${EVENTTOP_BIN:-}" ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product eventtop >&2)
    EVENTTOP_BIN="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/eventtop"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventtop-idle.XXXXXX")"
SOCKET="eventtop-idle-$$"
cleanup() { tmux -L "$SOCKET" kill-server 2> /dev/null || true; [[ -n "${HEADLESS:-}" ]] && kill "$HEADLESS" 2> /dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$EVENTTOP_BIN" generate --events 1000 --seed 1 > "$WORK/events.ndjson"

runtime() { cat /proc/"$1"/task/*/schedstat 2> /dev/null | awk '{ s += $1 } END { print s + 0 }'; }
measure() {  # share of a core PID $1 runs over WAIT seconds
    sleep 3  # past the start and the first frames
    local a b
    a=$(runtime "$1"); sleep "$WAIT"; b=$(runtime "$1")
    awk -v a="$a" -v b="$b" -v s="$WAIT" 'BEGIN { printf "%.3f %% of a core\n", (b - a) / 1e9 / s * 100 }'
}

tmux -L "$SOCKET" new-session -d -x 200 -y 60 \
    "XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config $EVENTTOP_BIN live --input $WORK/events.ndjson --follow"
sleep 1
SCREEN=$(tmux -L "$SOCKET" list-panes -F '#{pane_pid}')
echo "dashboard (live --follow, 200x60, nothing arriving): $(measure "$SCREEN")"
tmux -L "$SOCKET" kill-server

XDG_CONFIG_HOME="$WORK/config" "$EVENTTOP_BIN" live --input "$WORK/events.ndjson" --follow --headless > /dev/null 2>&1 &
HEADLESS=$!
echo "headless (live --follow --headless, a line of rows a second): $(measure "$HEADLESS")"
