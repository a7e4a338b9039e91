#!/usr/bin/env python3
"""A soak, run by hand (not in CI): eventtop `live --follow --history` on a file that grows by
RATE events a second for MINUTES, rotated every five minutes as logrotate would, its event time
running fast (a simulated day every two minutes) so that days close all along. Samples
eventtop's resident memory every ten seconds, then stops the writer, lets eventtop drain,
ends it with SIGTERM, and checks that nothing was lost: every event written is accepted, none
rejected, late, future or dropped, and every closed day's partition holds exactly the events
written for it (DuckDB sums the partitions; the writer counted).

    .venv/bin/python bench/soak.py --minutes 60 --rate 50000 [--bin .build/release/eventtop]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DAY = 86_400
SIM_PER_WALL = 720  # simulated seconds per wall second: a day every two minutes
START = 1_788_220_800  # 2026-09-01T00:00:00Z
TENANTS = [f"tenant-{i:02d}" for i in range(50)]
WEIGHTS = [1 / (i + 1) ** 1.1 for i in range(50)]
TYPES = ["click"] * 60 + ["view"] * 32 + ["error"] * 8


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--rate", type=int, default=50_000)
    ap.add_argument("--bin", default=str(ROOT / ".build/release/eventtop"))
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="eventtop-soak."))
    events = work / "events.ndjson"
    history = work / "history"
    events.touch()
    eventtop = subprocess.Popen(
        [args.bin, "live", "--input", str(events), "--follow", "--headless", "--clock", "event", "--history",
         str(history), "--lateness", "1m", "--checkpoint-every", "10s", "--interval", "10s", "--format", "csv"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rng = random.Random(1)
    per_day: dict[int, int] = {}
    written = 0
    max_ts = 0.0
    rss: list[tuple[float, float]] = []
    out = open(events, "a", buffering=1 << 20)
    started = time.monotonic()
    next_sample = started
    next_rotation = started + 300
    tick = 0.1
    batch = args.rate // 10
    try:
        while (now := time.monotonic()) - started < args.minutes * 60:
            wall = now - started
            lines = []
            base = START + wall * SIM_PER_WALL
            for _ in range(batch):
                ts = round(base + rng.uniform(-5, 5), 3)  # a little out of order, never late; as written
                day = int(ts // DAY)
                max_ts = max(max_ts, ts)
                per_day[day] = per_day.get(day, 0) + 1
                tenant = rng.choices(TENANTS, WEIGHTS)[0]
                lines.append(f'{{"ts":{ts:.3f},"tenant_id":"{tenant}","event_type":"{rng.choice(TYPES)}",'
                             f'"session_id":"{tenant}-{rng.randrange(400)}"}}\n')
            out.write("".join(lines))
            out.flush()
            written += batch
            if now >= next_rotation:  # rename and start a new file; drop the one before
                out.close()
                old = events.with_suffix(".ndjson.1")
                old.unlink(missing_ok=True)
                events.rename(old)
                out = open(events, "a", buffering=1 << 20)
                next_rotation += 300
            if now >= next_sample:
                m = rss_mb(eventtop.pid)
                if m is not None:
                    rss.append((wall, m))
                    print(f"{wall / 60:6.1f} min  {written:>12,} events  eventtop RSS {m:7.1f} MB", flush=True)
                next_sample += 10
            time.sleep(max(0.0, tick - (time.monotonic() - now)))
    finally:
        out.close()
    elapsed = time.monotonic() - started
    time.sleep(60)  # let eventtop drain and write the days that closed
    eventtop.send_signal(signal.SIGTERM)
    _, err = eventtop.communicate(timeout=120)
    summary = [ln for ln in err.splitlines() if "events accepted" in ln][-1]
    con = duckdb.connect()
    got = dict(con.execute(f"""
        SELECT epoch(date::DATE)::BIGINT // {DAY}, sum(total_events)::BIGINT
        FROM read_parquet('{history}/**/*.parquet', hive_partitioning = true) GROUP BY ALL""").fetchall())
    # A day is closed once stream time (the largest second + 1) passes its end plus --lateness.
    end = int(max_ts) + 1
    closed = {d: n for d, n in per_day.items() if (d + 1) * DAY + 60 <= end}
    wrong = {d: (n, got.get(d)) for d, n in closed.items() if got.get(d) != n}
    settled = [m for w, m in rss if w >= 300]
    report = {
        "minutes": round(elapsed / 60, 1), "events_written": written, "rate": round(written / elapsed),
        "eventtop_exit": eventtop.returncode, "summary": summary,
        "days_closed": len(closed), "days_in_partitions": len(got), "days_wrong": wrong,
        "rss_mb_first_5min_max": round(max((m for w, m in rss if w < 300), default=0), 1),
        "rss_mb_after_5min_min_max": [round(min(settled), 1), round(max(settled), 1)] if settled else None,
        "rss_mb_last": round(rss[-1][1], 1) if rss else None,
    }
    print(json.dumps(report, indent=2))
    ok = (eventtop.returncode == 0 and not wrong and
          summary.startswith(f"eventtop: {written} events accepted, 0 lines rejected; 0 late, 0 future")
          and "0 dropped for closed days" in summary)
    print("soak:", "nothing lost" if ok else "FAILED")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("work folder:", work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
