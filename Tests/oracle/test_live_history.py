"""`live --history`: closed days written as partitions, checkpoints, and restarts after
kill -9 that end with exactly the partitions of an uninterrupted run."""
from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from test_rollup import accepted_events, expected_rollup, read_partitions, assert_rows_equal


def live_history(binary, src: Path, out: Path, *extra):
    return [str(binary), "live", "--input", str(src), "--headless", "--once", "--format", "csv",
            "--history", str(out), *extra]


@pytest.fixture(scope="module")
def events_file(eventtop, tmp_path_factory):
    path = tmp_path_factory.mktemp("history") / "events.ndjson"
    with open(path, "wb") as f:
        subprocess.run([str(eventtop), "generate", "--events", "400000", "--days", "6", "--start", "2026-10-01",
                        "--seed", "11"], stdout=f, check=True)
    return path


def test_closed_days_equal_duckdb_and_open_days_wait(eventtop, events_file, tmp_path):
    out = tmp_path / "parts"
    r = subprocess.run(live_history(eventtop, events_file, out), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "5 days written, 1 open, 0 dropped" in r.stderr, r.stderr
    written = read_partitions(out)
    expected = [row for row in expected_rollup(accepted_events(events_file)) if row[0] != "2026-10-06"]
    assert_rows_equal(written, expected)
    assert (out / "date=2026-10-05").is_dir() and not (out / "date=2026-10-06").exists()


def test_events_for_a_closed_day_are_dropped_and_counted(eventtop, tmp_path):
    src = tmp_path / "e.ndjson"
    src.write_text(
        '{"tenant_id":"t","event_type":"click","ts":"2026-11-01T10:00:00Z"}\n'
        '{"tenant_id":"t","event_type":"click","ts":"2026-11-02T00:30:00Z"}\n'  # closes 11-01 (10 min lateness)
        '{"tenant_id":"t","event_type":"click","ts":"2026-11-01T23:00:00Z"}\n')  # too late for 11-01
    out = tmp_path / "parts"
    # Hours between events: --max-jump lets one event move stream time (see test_nothing_lost).
    r = subprocess.run(live_history(eventtop, src, out, "--max-jump", "2d"), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "1 days written, 1 open, 1 dropped for closed days" in r.stderr, r.stderr
    assert read_partitions(out) == [("2026-11-01", "t", "click", 1, 0, None, 0)]


def test_restart_after_kill_9_ends_with_the_partitions_of_an_uninterrupted_run(eventtop, events_file, tmp_path):
    clean = tmp_path / "clean"
    uninterrupted = subprocess.run(live_history(eventtop, events_file, clean), check=True, capture_output=True)
    crashed = tmp_path / "crashed"
    rng = random.Random(5)
    kills = 0
    for attempt in range(40):
        proc = subprocess.Popen(live_history(eventtop, events_file, crashed, "--checkpoint-every", "1s"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = proc.communicate(timeout=rng.uniform(0.2, 1.5))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            kills += 1
            # Never a half-written file in sight: every visible file reads. (A kill during a
            # write leaves its hidden temporary, `.part-….tmp-…`, which readers skip and the
            # next write of that file removes; pathlib's glob matches hidden names too.)
            for f in crashed.glob("date=*/*"):
                if f.name.startswith("."):
                    continue
                duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{f}')").fetchall()
            continue
        assert proc.returncode == 0, err
        break
    else:
        pytest.fail("never finished")
    print(f"restarts after kill -9: {kills}")
    assert kills >= 1, "the run finished before any kill: make the input larger"
    assert sorted(p.relative_to(crashed) for p in crashed.glob("date=*/*")) == \
        sorted(p.relative_to(clean) for p in clean.glob("date=*/*"))
    assert read_partitions(crashed) == read_partitions(clean)
    # The windows were checkpointed too: the last run prints what the uninterrupted one did,
    # and its summary counts every event once.
    assert out == uninterrupted.stdout
    assert err.decode().splitlines()[-1] == uninterrupted.stderr.decode().splitlines()[-1]


def test_a_corrupt_checkpoint_is_a_clear_error(eventtop, tmp_path):
    src = tmp_path / "e.ndjson"
    src.write_text('{"tenant_id":"t","event_type":"click","ts":"2026-11-01T10:00:00Z"}\n')
    out = tmp_path / "parts"
    subprocess.run(live_history(eventtop, src, out), check=True, capture_output=True)
    checkpoint = next(out.glob(".eventtop-checkpoint-*"))
    checkpoint.write_bytes(checkpoint.read_bytes()[:20])
    r = subprocess.run(live_history(eventtop, src, out), capture_output=True, text=True)
    assert r.returncode == 1
    assert "checkpoint" in r.stderr and "remove it" in r.stderr and len(r.stderr.strip().splitlines()) == 1
