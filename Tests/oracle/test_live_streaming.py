"""End-to-end checks of `eventtop live --headless` on inputs that go on: a followed file
that grows, is rotated and truncated; a pipe that stays open; SIGINT/SIGTERM; a closed
stdout. Every event written must be counted exactly once in the summary line."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from test_live_once import parse_summary, parse_csv

NS = 1_000_000_000


def event_line(i: int, tenant: str = "acme", ts: float | None = None) -> bytes:
    ts = time.time() if ts is None else ts
    return (json.dumps({"tenant_id": tenant, "event_type": ["click", "view", "error"][i % 3],
                        "ts": round(ts, 3), "session_id": f"s{i % 7}"}) + "\n").encode()


def append(path: Path, data: bytes) -> None:
    with open(path, "ab") as f:
        f.write(data)
        f.flush()


def wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


def start(binary: Path, args, tmp_path: Path, stdin=subprocess.DEVNULL):
    out = open(tmp_path / "stdout", "wb")
    err = open(tmp_path / "stderr", "wb")
    proc = subprocess.Popen([str(binary), "live", "--headless", *args], stdin=stdin, stdout=out, stderr=err)
    return proc, tmp_path / "stdout", tmp_path / "stderr"


def stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> int:
    proc.send_signal(sig)
    return proc.wait(timeout=20)


def csv_blocks(stdout: Path) -> int:
    return stdout.read_bytes().count(b"\n")


def test_follow_survives_growth_partial_lines_rotation_and_truncation(eventtop, tmp_path):
    path = tmp_path / "events.ndjson"
    written = 0
    append(path, b"".join(event_line(i) for i in range(100)))
    written += 100
    proc, out, err = start(eventtop, ["--input", str(path), "--follow", "--format", "csv",
                                      "--interval", "100ms", "--window", "1h"], tmp_path)
    try:
        wait_for(lambda: out.stat().st_size > 0)
        # Growth, with one line arriving in two writes.
        append(path, b"".join(event_line(i) for i in range(50)))
        line = event_line(999)
        append(path, line[:20])
        time.sleep(0.4)
        append(path, line[20:])
        written += 51
        time.sleep(0.5)
        # Rotation: the old file moves away, a new one takes its name.
        os.rename(path, tmp_path / "events.ndjson.1")
        append(tmp_path / "events.ndjson.1", b"".join(event_line(i) for i in range(5)))  # late writes to the old file
        written += 5
        time.sleep(0.3)
        append(path, b"".join(event_line(i) for i in range(30)))
        written += 30
        time.sleep(0.6)
        # Truncation in place (copytruncate), then fewer bytes than before.
        with open(path, "wb") as f:
            f.write(b"".join(event_line(i) for i in range(20)))
        written += 20
        time.sleep(0.6)
    finally:
        code = stop(proc)
    assert code == 0, err.read_text()
    summary = parse_summary(err.read_bytes())
    assert summary["accepted"] == written, summary["line"]
    assert sum(summary["rejected"].values()) == 0, summary["line"]
    rows = parse_csv(out.read_bytes())
    assert rows, "no rows printed while following"


def test_follow_waits_for_a_file_that_does_not_exist_yet(eventtop, tmp_path):
    path = tmp_path / "later.ndjson"
    proc, out, err = start(eventtop, ["--input", str(path), "--follow", "--format", "csv", "--interval", "100ms"],
                           tmp_path)
    try:
        time.sleep(0.4)
        assert proc.poll() is None, err.read_text()
        append(path, b"".join(event_line(i) for i in range(10)))
        time.sleep(0.6)
    finally:
        code = stop(proc, signal.SIGINT)
    assert code == 0
    assert parse_summary(err.read_bytes())["accepted"] == 10


def test_open_pipe_prints_every_interval_and_counts_decay(eventtop, tmp_path):
    """A pipe is a live input: the auto clock follows the wall clock, so the 10 s window
    empties once events stop, while the process keeps running."""
    proc, out, err = start(eventtop, ["--format", "csv", "--interval", "200ms", "--window", "10s"], tmp_path,
                           stdin=subprocess.PIPE)
    try:
        now = time.time()
        proc.stdin.write(b"".join(event_line(i, ts=now - 2) for i in range(40)))
        proc.stdin.write(b"{broken\n")
        proc.stdin.flush()
        wait_for(lambda: b"acme" in out.read_bytes())
        lines = csv_blocks(out)
        time.sleep(1.0)
        assert csv_blocks(out) > lines, "no new rows printed while the pipe stays open"
        assert proc.poll() is None
    finally:
        code = stop(proc, signal.SIGINT)
    assert code == 0
    summary = parse_summary(err.read_bytes())
    assert summary["accepted"] == 40 and summary["rejected"]["invalid_json"] == 1, summary["line"]
    rows = parse_csv(out.read_bytes())
    # Ticks within one second repeat the same window: every window's rows add up to a
    # multiple of the 40 events.
    per_window: dict[str, int] = {}
    for r in rows:
        per_window[r[3]] = per_window.get(r[3], 0) + int(r[4])
    assert per_window and all(v % 40 == 0 for v in per_window.values()), per_window


def test_counts_decay_to_zero_when_a_live_stream_goes_quiet(eventtop, tmp_path):
    proc, out, err = start(eventtop, ["--format", "ndjson", "--interval", "250ms", "--window", "10s"], tmp_path,
                           stdin=subprocess.PIPE)
    try:
        now = time.time()
        proc.stdin.write(b"".join(event_line(i, ts=now - 8) for i in range(5)))
        proc.stdin.flush()
        wait_for(lambda: b"acme" in out.read_bytes())
        # Those events are 8 s old: within 3 s they leave the 10 s window and output goes empty.
        size = out.stat().st_size
        time.sleep(3.5)
        grown = out.stat().st_size
        time.sleep(0.6)
        assert out.stat().st_size == grown, "rows still printed after the window emptied"
        assert grown >= size
    finally:
        code = stop(proc)
    assert code == 0
    assert parse_summary(err.read_bytes())["accepted"] == 5


def test_finite_file_in_interval_mode_prints_and_ends(eventtop, tmp_path):
    path = tmp_path / "e.ndjson"
    append(path, b"".join(event_line(i, ts=1_795_707_000 + i) for i in range(1000)))
    res = subprocess.run([str(eventtop), "live", "--input", str(path), "--headless", "--format", "csv",
                          "--interval", "1s", "--window", "1m"], capture_output=True, timeout=60)
    assert res.returncode == 0, res.stderr
    rows = parse_csv(res.stdout)
    assert sum(int(r[4]) for r in rows) == 60  # the event clock: the last minute of 1000 seconds
    assert parse_summary(res.stderr)["accepted"] == 1000


def test_closed_stdout_ends_quietly_with_a_summary(eventtop, tmp_path):
    gen = subprocess.Popen([str(eventtop), "generate", "--events", "300000", "--seed", "5",
                            "--start", "2026-11-01"], stdout=subprocess.PIPE)
    live = subprocess.Popen([str(eventtop), "live", "--headless", "--format", "csv", "--interval", "100ms",
                             "--window", "1h"], stdin=gen.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    gen.stdout.close()
    first = live.stdout.readline()
    assert first.startswith(b"tenant_id,")
    live.stdout.close()  # like `| head -1`
    err = live.stderr.read()
    assert live.wait(timeout=60) == 0, err
    gen.wait(timeout=60)
    assert err.decode().startswith("eventtop: "), err
    assert len(err.decode().strip().splitlines()) == 1, err


def test_generate_into_a_closed_pipe_exits_quietly(eventtop):
    res = subprocess.run(["bash", "-o", "pipefail", "-c",
                          f"'{eventtop}' generate --events 5000000 | head -c 1000 > /dev/null"],
                         capture_output=True, timeout=60)
    assert res.returncode == 0
    assert res.stderr == b""
