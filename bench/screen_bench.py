#!/usr/bin/env python3
"""Screen benchmarks, run by hand in tmux (release build):

1. idle CPU: `eventtop live --follow` on an empty file, 30 s, CPU time from /proc/PID/stat;
2. refresh under load: `eventtop demo --rate 50000`, the header clock sampled every 100 ms
   for 15 s: every wall-clock second must show up on screen;
3. demo memory: `eventtop demo` (default rate) for 60 s, peak resident set (VmHWM).

    .venv/bin/python bench/screen_bench.py [--bin .build/release/eventtop] [--quick]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "Tests" / "oracle"))
from screen import Screen  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def idle_cpu(binary: str, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp, Screen() as s:
        empty = Path(tmp) / "empty.ndjson"
        empty.touch()
        s.start([binary, "live", "--input", str(empty), "--follow"], width=120, height=40)
        s.wait_for("Events per tenant")
        pid = s.pane_pid()
        time.sleep(1)
        c0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(seconds)
        c1, t1 = cpu_seconds(pid), time.monotonic()
        print(f"idle CPU: {100 * (c1 - c0) / (t1 - t0):.2f} % of a core over {t1 - t0:.0f} s "
              f"({c1 - c0:.2f} s CPU), goal < 1 %")
        s.send("q")


def refresh_under_load(binary: str, rate: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp, Screen() as s:
        s.start([binary, "demo", "--data", tmp, "--rate", str(rate)], width=160, height=44)
        s.wait_for("Events per tenant", timeout=30)
        time.sleep(3)  # let the rate settle
        pid = s.pane_pid()
        seen, totals = set(), []
        c0, t0 = cpu_seconds(pid), time.monotonic()
        start_second = int(time.time()) + 1
        while time.monotonic() - t0 < seconds:
            text = s.capture()
            m = re.search(r"(\d\d:\d\d:\d\d) UTC", text)
            if m:
                seen.add(m.group(1))
            t = re.search(r"total ([\d,.kMG]+)", text)
            r = re.search(r"([\d,.]+[kM]?) ev/s", text)
            if t and r:
                totals.append((t.group(1), r.group(1)))
            time.sleep(0.1)
        c1, t1 = cpu_seconds(pid), time.monotonic()
        end_second = int(time.time()) - 1
        expected = {time.strftime("%H:%M:%S", time.gmtime(x)) for x in range(start_second, end_second + 1)}
        missing = sorted(expected - seen)
        print(f"at --rate {rate}: {len(expected) - len(missing)}/{len(expected)} wall-clock seconds drawn "
              f"(missing {missing}); last status: total {totals[-1][0]}, {totals[-1][1]} ev/s; "
              f"eventtop CPU {100 * (c1 - c0) / (t1 - t0):.0f} % of a core")
        s.send("q")


def demo_memory(binary: str, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp, Screen() as s:
        s.start([binary, "demo", "--data", tmp], width=200, height=60)
        s.wait_for("Events per tenant", timeout=30)
        pid = s.pane_pid()
        time.sleep(seconds)
        print(f"demo after {seconds:.0f} s: peak RSS {status_kb(pid, 'VmHWM') / 1024:.1f} MB, "
              f"now {status_kb(pid, 'VmRSS') / 1024:.1f} MB, goal < 100 MB")
        s.send("q")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / ".build" / "release" / "eventtop"))
    ap.add_argument("--quick", action="store_true", help="shorter runs")
    args = ap.parse_args()
    quick = args.quick
    idle_cpu(args.bin, 10 if quick else 30)
    refresh_under_load(args.bin, 50_000, 8 if quick else 15)
    demo_memory(args.bin, 15 if quick else 60)


if __name__ == "__main__":
    main()
