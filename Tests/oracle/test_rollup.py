"""`eventtop rollup` against DuckDB computing DESIGN §4 from the same raw events.

The events are decoded independently (reference.classify_line: Python's json), then DuckDB
computes fact_events_daily by the definitions; DuckDB and pyarrow read eventtop's
partitions, which must hold the same rows with the declared types."""
from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import reference as ref
from test_live_once import tricky_data, tricky_file  # noqa: F401  (fixtures)

NS = 1_000_000_000


def accepted_events(path: Path):
    out = []
    for line in ref.iter_lines(path.read_bytes()):
        try:
            ev = ref.classify_line(line)
        except ref.Reject:
            continue
        if ev is not None:
            out.append(ev)
    return out


def expected_rollup(events, errors=None):
    """DESIGN §4 in DuckDB SQL over (tenant, type, session, ts_ns); `errors` is each event's
    error flag (default: the event type is `error`, the default rule)."""
    con = duckdb.connect()
    table = pa.table({
        "tenant_id": [e[0] for e in events], "event_type": [e[1] for e in events],
        "session_id": [e[2] for e in events], "ts": pa.array([e[3] for e in events], pa.int64()),
        "is_error": pa.array(errors if errors is not None else [e[1] == "error" for e in events], pa.bool_()),
    })
    con.register("ev_raw", table)
    return con.execute("""
        WITH ev AS (SELECT *, (ts // 86400000000000) AS day FROM ev_raw),
        spans AS (  -- each session's duration that date, over all its events (any type)
            SELECT day, tenant_id, session_id, (max(ts) - min(ts)) / 1e9 AS dur
            FROM ev WHERE session_id IS NOT NULL GROUP BY ALL),
        row_sessions AS (SELECT DISTINCT day, tenant_id, event_type, session_id FROM ev WHERE session_id IS NOT NULL),
        durations AS (
            SELECT r.day, r.tenant_id, r.event_type, avg(s.dur) AS avg_session_duration
            FROM row_sessions r JOIN spans s USING (day, tenant_id, session_id) GROUP BY ALL)
        SELECT strftime(make_date(1970, 1, 1) + e.day::INTEGER, '%Y-%m-%d') AS date, e.tenant_id, e.event_type,
               count(*) AS total_events, count(*) FILTER (WHERE e.is_error) AS error_events,
               any_value(d.avg_session_duration) AS avg_session_duration,
               count(DISTINCT e.session_id) AS unique_sessions
        FROM ev e LEFT JOIN durations d USING (day, tenant_id, event_type)
        GROUP BY e.day, e.tenant_id, e.event_type
        ORDER BY date, tenant_id, event_type""").fetchall()


def read_partitions(folder: Path):
    con = duckdb.connect()
    return con.execute(f"""
        SELECT date::VARCHAR, tenant_id, event_type, total_events, error_events, avg_session_duration, unique_sessions
        FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)
        ORDER BY date, tenant_id, event_type""").fetchall()


def assert_rows_equal(got, want):
    assert len(got) == len(want), f"{len(got)} rows, expected {len(want)}"
    # DuckDB's ORDER BY on VARCHAR is byte order too; compare row by row.
    for g, w in zip(sorted(got, key=lambda r: (r[0], r[1].encode(), r[2].encode())),
                    sorted(want, key=lambda r: (r[0], r[1].encode(), r[2].encode()))):
        assert g[:5] == w[:5] and g[6] == w[6], f"{g} != {w}"
        if w[5] is None:
            assert g[5] is None, f"{g} != {w}"
        else:
            assert g[5] == pytest.approx(w[5], rel=1e-12, abs=1e-9), f"{g} != {w}"


def test_rollup_of_tricky_file_equals_duckdb(eventtop, tricky_file, tmp_path):
    out = tmp_path / "parts"
    r = subprocess.run([str(eventtop), "rollup", str(tricky_file), "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    events = accepted_events(tricky_file)
    assert r.stderr.startswith(f"eventtop: {len(events)} events accepted"), r.stderr
    assert_rows_equal(read_partitions(out), expected_rollup(events))


def test_partitions_have_the_declared_types(eventtop, tricky_file, tmp_path):
    out = tmp_path / "parts"
    subprocess.run([str(eventtop), "rollup", str(tricky_file), "--out", str(out), "--compression", "zstd"], check=True,
                   capture_output=True)
    files = sorted(out.glob("date=*/part-*.parquet"))
    assert files and all(p.parent.name.startswith("date=") for p in files)
    schema = pq.read_schema(files[0])
    assert [(f.name, str(f.type), f.nullable) for f in schema] == [
        ("tenant_id", "string", False), ("event_type", "string", False), ("total_events", "int64", False),
        ("error_events", "int64", False), ("avg_session_duration", "double", True), ("unique_sessions", "int64", False)]
    meta = pq.ParquetFile(files[0]).metadata
    assert meta.created_by.startswith("eventtop version")
    assert meta.row_group(0).column(0).compression == "ZSTD"
    types = duckdb.connect().execute(f"DESCRIBE SELECT * FROM read_parquet('{files[0]}')").fetchall()
    # DuckDB adds the hive partition key (date=…) as a column of its own.
    assert [(t[0], t[1]) for t in types] == [
        ("tenant_id", "VARCHAR"), ("event_type", "VARCHAR"), ("total_events", "BIGINT"), ("error_events", "BIGINT"),
        ("avg_session_duration", "DOUBLE"), ("unique_sessions", "BIGINT"), ("date", "DATE")]
    # No hidden leftovers of the atomic writes (the folder's lock file stays, empty).
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".eventtop-lock"]


def test_rollup_replaces_only_the_dates_it_writes(eventtop, tmp_path):
    out = tmp_path / "parts"
    first, second = tmp_path / "a.ndjson", tmp_path / "b.ndjson"
    first.write_text(
        '{"tenant_id":"t","event_type":"click","ts":"2026-11-01T10:00:00Z"}\n'
        '{"tenant_id":"t","event_type":"click","ts":"2026-11-02T10:00:00Z"}\n')
    second.write_text('{"tenant_id":"u","event_type":"error","ts":"2026-11-02T11:00:00Z","session_id":"s"}\n'
                      'not json\n')
    subprocess.run([str(eventtop), "rollup", str(first), "--out", str(out)], check=True, capture_output=True)
    r = subprocess.run([str(eventtop), "rollup", str(second), "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "1 lines rejected (invalid_json 1)" in r.stderr and "1 dates written" in r.stderr
    rows = read_partitions(out)
    assert rows == [("2026-11-01", "t", "click", 1, 0, None, 0), ("2026-11-02", "u", "error", 1, 1, 0.0, 1)]


def test_rollup_bad_input_and_usage(eventtop, tmp_path):
    r = subprocess.run([str(eventtop), "rollup", str(tmp_path / "missing.ndjson"), "--out", str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "missing.ndjson" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = subprocess.run([str(eventtop), "rollup", "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert r.returncode == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    src = tmp_path / "e.ndjson"
    src.write_text('{"tenant_id":"t","event_type":"click","ts":1}\n')
    r = subprocess.run([str(eventtop), "rollup", str(src), "--out", str(blocker)], capture_output=True, text=True)
    assert r.returncode == 1 and "not a directory" in r.stderr


def test_sessions_split_at_midnight_and_span_all_types(eventtop, tmp_path):
    """A session's duration that date covers all its events of that date, any type; a session
    crossing midnight counts on both dates with only that date's part."""
    src = tmp_path / "s.ndjson"
    lines = [
        ("t", "click", "s1", "2026-11-01T23:59:00Z"),
        ("t", "view", "s1", "2026-11-01T23:59:30Z"),
        ("t", "click", "s1", "2026-11-02T00:00:20Z"),
        ("t", "click", "s1", "2026-11-02T00:01:00Z"),
        ("t", "error", "s2", "2026-11-02T10:00:00Z"),
        ("t", "click", "s2", "2026-11-02T10:00:05.5Z"),
        ("u", "click", "s1", "2026-11-02T12:00:00Z"),  # another tenant's s1: another session
    ]
    src.write_text("".join(
        f'{{"tenant_id":"{t}","event_type":"{e}","session_id":"{s}","ts":"{ts}"}}\n' for t, e, s, ts in lines))
    out = tmp_path / "parts"
    subprocess.run([str(eventtop), "rollup", str(src), "--out", str(out)], check=True, capture_output=True)
    assert read_partitions(out) == [
        ("2026-11-01", "t", "click", 1, 0, 30.0, 1),
        ("2026-11-01", "t", "view", 1, 0, 30.0, 1),
        ("2026-11-02", "t", "click", 3, 0, (40.0 + 5.5) / 2, 2),
        ("2026-11-02", "t", "error", 1, 1, 5.5, 1),
        ("2026-11-02", "u", "click", 1, 0, 0.0, 1),
    ]
