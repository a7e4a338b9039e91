"""`eventtop history` end to end: over partitions eventtop itself wrote (`rollup`), both
reports equal DuckDB running the seed's two queries; the command's errors and exit codes."""
from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import duckdb
import pytest



@pytest.fixture(scope="module")
def partitions(eventtop, tmp_path_factory):
    base = tmp_path_factory.mktemp("history-cli")
    src = base / "events.ndjson"
    with open(src, "wb") as f:
        subprocess.run([str(eventtop), "generate", "--events", "120000", "--days", "20", "--start", "2026-10-05",
                        "--seed", "3"], stdout=f, check=True)
    out = base / "parts"
    subprocess.run([str(eventtop), "rollup", str(src), "--out", str(out)], check=True, capture_output=True)
    return out


def history(binary, *args):
    return subprocess.run([str(binary), "history", *args], capture_output=True, text=True)


def duck(sql: str):
    return duckdb.connect().execute(sql).fetchall()


def test_daily_events_equal_duckdb(eventtop, partitions):
    r = history(eventtop, "--dir", str(partitions), "--from", "2026-10-05", "--to", "2026-10-24",
                "--report", "daily-events", "--format", "csv")
    assert r.returncode == 0, r.stderr
    got = [tuple(row) for row in csv.reader(io.StringIO(r.stdout))]
    assert got[0] == ("date", "tenant_id", "events")
    want = duck(f"""
        SELECT date::DATE::VARCHAR, tenant_id, SUM(total_events)::VARCHAR AS events
        FROM read_parquet('{partitions}/**/*.parquet', hive_partitioning = true)
        GROUP BY 1, 2 ORDER BY 1, 2""")
    assert got[1:] == [tuple(w) for w in want]


def test_weekly_error_rate_equals_duckdb(eventtop, partitions):
    r = history(eventtop, "--dir", str(partitions), "--from", "2026-10-05", "--to", "2026-10-24",
                "--report", "weekly-error-rate", "--format", "json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    want = duck(f"""
        SELECT DATE_TRUNC('week', date::DATE)::DATE::VARCHAR AS week, tenant_id,
               SUM(total_events), SUM(error_events), SUM(error_events) / SUM(total_events) AS error_rate
        FROM read_parquet('{partitions}/**/*.parquet', hive_partitioning = true)
        GROUP BY 1, 2 ORDER BY 1, 2""")
    assert len(got) == len(want)
    for g, (week, tenant, total, errors, rate) in zip(got, want):
        assert (g["week"], g["tenant_id"], g["total_events"], g["error_events"]) == (week, tenant, total, errors)
        assert g["error_rate"] == pytest.approx(rate, rel=1e-15)
    # ISO weeks start on Monday: 2026-10-05 is one.
    assert {g["week"] for g in got} == {"2026-10-05", "2026-10-12", "2026-10-19"}


def test_tenant_filter_and_table(eventtop, partitions):
    r = history(eventtop, "--dir", str(partitions), "--from", "2026-10-05", "--to", "2026-10-11",
                "--tenant", "acme", "--report", "daily-events", "--format", "csv")
    assert r.returncode == 0
    rows = list(csv.reader(io.StringIO(r.stdout)))[1:]
    assert len(rows) == 7 and {row[1] for row in rows} == {"acme"}
    r = history(eventtop, "--dir", str(partitions), "--from", "2026-10-05", "--to", "2026-10-11")
    assert r.returncode == 0 and "acme" in r.stdout


def test_unreadable_partition_is_named_and_the_rest_prints(eventtop, partitions, tmp_path):
    broken = tmp_path / "parts"
    subprocess.run(["cp", "-r", str(partitions), str(broken)], check=True)
    victim = next((broken / "date=2026-10-07").glob("*.parquet"))
    victim.write_bytes(victim.read_bytes()[:100])
    r = history(eventtop, "--dir", str(broken), "--from", "2026-10-05", "--to", "2026-10-08",
                "--report", "daily-events", "--format", "csv")
    assert r.returncode == 1
    assert "date=2026-10-07" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    dates = {row[0] for row in list(csv.reader(io.StringIO(r.stdout)))[1:]}
    assert dates == {"2026-10-05", "2026-10-06", "2026-10-08"}


def test_errors_and_usage(eventtop, tmp_path):
    r = history(eventtop, "--dir", str(tmp_path / "missing"), "--weeks", "2")
    assert r.returncode == 1 and "missing" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = history(eventtop, "--dir", str(tmp_path), "--weeks", "2", "--from", "2026-10-01", "--to", "2026-10-02")
    assert r.returncode == 2
    r = history(eventtop, "--dir", str(tmp_path), "--from", "2026-10-01")
    assert r.returncode == 2
    r = history(eventtop, "--dir", str(tmp_path), "--from", "2026-13-01", "--to", "2026-10-02")
    assert r.returncode == 2
