"""Object storage (`s3://BUCKET/PREFIX`) wherever a history folder goes, against moto's S3
server on 127.0.0.1: `rollup --out` writes what pyarrow's S3 filesystem reads back as the same
rows as a local rollup; `history --dir` over the objects equals `history` over a local folder
and DuckDB's seed queries over a local copy of the same objects (DuckDB's httpfs extension
cannot be installed here); a recording proxy shows that only the asked dates are listed and only
footers and the three needed column chunks are fetched; wrong credentials (moto made to check
signatures), a missing bucket and a store that stops answering each end in one line, in
bounded time."""
from __future__ import annotations

import csv
import datetime
import io
import json
import random
import subprocess
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import s3_server as s3

FROM, TO = "2026-10-05", "2026-10-24"


@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    server = s3.Moto(tmp_path_factory.mktemp("moto") / "moto.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def events(eventtop, tmp_path_factory):
    src = tmp_path_factory.mktemp("s3-events") / "events.ndjson"
    with open(src, "wb") as f:
        subprocess.run([str(eventtop), "generate", "--events", "120000", "--days", "20", "--start", FROM,
                        "--seed", "3"], stdout=f, check=True)
    return src


@pytest.fixture(scope="module")
def rolled(eventtop, moto, events, tmp_path_factory):
    """The same events rolled up into a local folder and into s3://rolled/warehouse/facts."""
    local = tmp_path_factory.mktemp("s3-local") / "facts"
    subprocess.run([str(eventtop), "rollup", str(events), "--out", str(local)], check=True, capture_output=True)
    moto.create_bucket("rolled")
    r = run(eventtop, moto.endpoint, "rollup", str(events), "--out", "s3://rolled/warehouse/facts")
    assert r.returncode == 0, r.stderr
    assert "20 dates written to s3://rolled/warehouse/facts" in r.stderr
    return local, "s3://rolled/warehouse/facts"


def run(binary, endpoint, *args, timeout=60, **env):
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=timeout,
                          env=s3.environment(endpoint, **env))


def rows_of(table: pa.Table):
    cols = ["date", "tenant_id", "event_type", "total_events", "error_events", "avg_session_duration", "unique_sessions"]
    t = table.select(cols).to_pylist()
    return sorted((str(r["date"]),) + tuple(r[c] for c in cols[1:]) for r in t)


def download(fs, path: str, into: Path) -> Path:
    """A local copy of every object below `path` (bucket/prefix), keys kept."""
    for info in fs.get_file_info(pa.fs.FileSelector(path, recursive=True)):
        if info.type != pa.fs.FileType.File:
            continue
        dest = into / info.path[len(path):].lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with fs.open_input_stream(info.path) as src:
            dest.write_bytes(src.read())
    return into


def seed_queries(folder: Path):
    con = duckdb.connect()
    daily = con.execute(f"""
        SELECT date::DATE::VARCHAR, tenant_id, SUM(total_events)::VARCHAR
        FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)
        GROUP BY 1, 2 ORDER BY 1, 2""").fetchall()
    weekly = con.execute(f"""
        SELECT DATE_TRUNC('week', date::DATE)::DATE::VARCHAR, tenant_id, SUM(total_events), SUM(error_events),
               SUM(error_events) / SUM(total_events)
        FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)
        GROUP BY 1, 2 ORDER BY 1, 2""").fetchall()
    return [tuple(r) for r in daily], weekly


def check_reports(eventtop, endpoint, url, want_daily, want_weekly, **env):
    r = run(eventtop, endpoint, "history", "--dir", url, "--from", FROM, "--to", TO, "--report", "daily-events",
            "--format", "csv", **env)
    assert r.returncode == 0, r.stderr
    got = [tuple(row) for row in csv.reader(io.StringIO(r.stdout))]
    assert got[0] == ("date", "tenant_id", "events") and got[1:] == want_daily
    r = run(eventtop, endpoint, "history", "--dir", url, "--from", FROM, "--to", TO, "--format", "json", **env)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert len(got) == len(want_weekly)
    for g, (week, tenant, total, errors, rate) in zip(got, want_weekly):
        assert (g["week"], g["tenant_id"], g["total_events"], g["error_events"]) == (week, tenant, total, errors)
        assert g["error_rate"] == pytest.approx(rate, rel=1e-15)


def test_rollup_to_object_storage_reads_in_pyarrow_as_the_local_rollup(moto, rolled):
    local, url = rolled
    fs = moto.filesystem()
    keys = sorted(i.path for i in fs.get_file_info(pa.fs.FileSelector("rolled/warehouse/facts", recursive=True))
                  if i.type == pa.fs.FileType.File)
    assert len(keys) == 20
    assert all(k.startswith("rolled/warehouse/facts/date=2026-10-") and k.endswith("/part-00000.parquet") for k in keys)
    remote = pq.read_table("rolled/warehouse/facts", filesystem=fs, partitioning="hive")
    assert rows_of(remote) == rows_of(pq.read_table(local, partitioning="hive"))
    # The files' own types, as pyarrow reads them from the store.
    schema = pq.read_schema(keys[0], filesystem=fs)
    assert str(schema.field("tenant_id").type) == "string" and str(schema.field("total_events").type) == "int64"


def test_history_over_object_storage_equals_local_history_and_duckdb(eventtop, moto, rolled, tmp_path):
    local, url = rolled
    copy = download(moto.filesystem(), "rolled/warehouse/facts", tmp_path / "copy")
    want_daily, want_weekly = seed_queries(copy)
    check_reports(eventtop, moto.endpoint, url, want_daily, want_weekly)
    for report in ("daily-events", "weekly-error-rate"):
        for fmt in ("csv", "table"):
            remote = run(eventtop, moto.endpoint, "history", "--dir", url, "--from", FROM, "--to", TO,
                         "--report", report, "--format", fmt)
            here = run(eventtop, moto.endpoint, "history", "--dir", str(local), "--from", FROM, "--to", TO,
                       "--report", report, "--format", fmt)
            assert remote.returncode == 0 and remote.stdout == here.stdout, remote.stderr


def test_history_reads_what_pyarrow_wrote_to_object_storage(eventtop, moto, tmp_path):
    """Several files a date, Spark's markers and checksums, empty `date=D/` marker objects, a
    nested layout: read as from a folder; DuckDB over a local copy is the oracle."""
    moto.create_bucket("written-by-pyarrow")
    fs = moto.filesystem()
    rng = random.Random(7)
    rows = []
    for day in range(20):
        for i in range(300):
            rows.append({"tenant_id": f"t{rng.randrange(40):02d}", "event_type": rng.choice(["click", "view", "error"]),
                         "total_events": rng.randrange(1, 1000), "error_events": rng.randrange(0, 50),
                         "avg_session_duration": rng.random() * 100, "unique_sessions": rng.randrange(1, 30),
                         "date": f"2026-10-{5 + day:02d}"})
    table = pa.Table.from_pylist(rows)
    for n, half in enumerate((table.slice(0, len(rows) // 2), table.slice(len(rows) // 2))):
        pq.write_to_dataset(half, "written-by-pyarrow/lake/fact", filesystem=fs, partition_cols=["date"],
                            basename_template=f"part-{n:05d}-{{i}}.c000.snappy.parquet")
    with fs.open_output_stream("written-by-pyarrow/lake/fact/_SUCCESS") as f:
        f.write(b"")
    with fs.open_output_stream("written-by-pyarrow/lake/fact/date=2026-10-06/.part-00000-0.c000.snappy.parquet.crc") as f:
        f.write(b"not parquet")
    s3c = moto.boto("s3")
    s3c.put_object(Bucket="written-by-pyarrow", Key="lake/fact/date=2026-10-07/", Body=b"")
    copy = download(fs, "written-by-pyarrow/lake/fact", tmp_path / "copy")
    want_daily, want_weekly = seed_queries(copy)
    check_reports(eventtop, moto.endpoint, "s3://written-by-pyarrow/lake/fact", want_daily, want_weekly)
    # The whole bucket as the root: the date folders are found one level down.
    r = run(eventtop, moto.endpoint, "history", "--dir", "s3://written-by-pyarrow", "--from", FROM, "--to", TO,
            "--report", "daily-events", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert [tuple(x) for x in csv.reader(io.StringIO(r.stdout))][1:] == want_daily


def test_object_discovery_finds_what_a_folder_walk_finds(eventtop, moto, tmp_path):
    """A tree with every case discovery meets — dates at several depths, the same date under two
    prefixes, hidden and underscore folders (skipped), Spark's markers, a null partition and a
    bad date value (each a problem), a folder marker object, a file outside any date holding its
    own `date` column: `history` over it prints what it prints over a local copy of the same
    tree, problems included."""
    moto.create_bucket("layouts")
    fs = moto.filesystem()
    rng = random.Random(5)

    def part(key: str, dates: list[str], with_date_column=False):
        rows = [{"tenant_id": f"t{rng.randrange(9)}", "event_type": rng.choice(["a", "b"]),
                 "total_events": rng.randrange(1, 99), "error_events": rng.randrange(0, 5),
                 "avg_session_duration": 1.5, "unique_sessions": 2, "date": d} for d in dates for _ in range(20)]
        table = pa.Table.from_pylist(rows)
        if not with_date_column:
            table = table.drop(["date"])
        else:
            table = table.set_column(table.schema.get_field_index("date"), "date",
                                     pa.array([datetime.date.fromisoformat(d) for d in table["date"].to_pylist()]))
        pq.write_table(table, f"layouts/{key}", filesystem=fs)

    part("t/date=2026-10-05/part-0.parquet", ["2026-10-05"])
    part("t/date=2026-10-05/part-1.parquet", ["2026-10-05"])
    part("t/region=eu/date=2026-10-06/part-0.parquet", ["2026-10-06"])
    part("t/region=us/date=2026-10-06/part-0.parquet", ["2026-10-06"])
    part("t/a/b/c/date=2026-10-07/x/part-0.parquet", ["2026-10-07"])
    part("t/_tmp/date=2026-10-08/part-0.parquet", ["2026-10-08"])
    part("t/.staging/date=2026-10-08/part-0.parquet", ["2026-10-08"])
    part("t/date=2026-10-09/_hidden/part-0.parquet", ["2026-10-09"])
    part("t/date=2026-10-09/part-0.parquet", ["2026-10-09"])
    part("t/date=__HIVE_DEFAULT_PARTITION__/part-0.parquet", ["2026-10-10"])
    part("t/date=yesterday/part-0.parquet", ["2026-10-10"])
    part("t/loose.parquet", ["2026-10-11", "2026-10-12"], with_date_column=True)
    for key, body in (("t/_SUCCESS", b""), ("t/date=2026-10-05/.part-0.parquet.crc", b"x"),
                      ("t/date=2026-10-05/notes.txt", b"x")):
        with fs.open_output_stream(f"layouts/{key}") as f:
            f.write(body)
    moto.boto("s3").put_object(Bucket="layouts", Key="t/date=2026-10-13/", Body=b"")
    copy = download(fs, "layouts/t", tmp_path / "copy")
    (copy / "date=2026-10-13").mkdir(exist_ok=True)
    args = ["history", "--from", "2026-10-01", "--to", "2026-10-31", "--report", "daily-events", "--format", "csv"]
    here = run(eventtop, moto.endpoint, *args, "--dir", str(copy))
    assert here.returncode == 1 and "2026-10-09" in here.stdout, here.stderr  # the problems: exit 1

    def problems(text: str, root: str) -> list[str]:
        return sorted(line.replace(root, "ROOT") for line in text.splitlines())

    there = run(eventtop, moto.endpoint, *args, "--dir", "s3://layouts/t")
    assert (there.returncode, there.stdout) == (here.returncode, here.stdout), there.stderr
    assert problems(there.stderr, "s3://layouts/t") == problems(here.stderr, str(copy))


@pytest.fixture
def proxy(moto):
    p = s3.Proxy(moto.port)
    yield p
    p.stop()


def big_partitions(moto, bucket: str, days: int):
    """Partitions of 30,000 rows in 3 row groups, with a wide event_type column the reports never
    read: over 64 KiB, so the footer and the chunks are separate reads."""
    moto.create_bucket(bucket)
    fs = moto.filesystem()
    rng = random.Random(11)
    for day in range(days):
        n = 30_000
        table = pa.table({
            "tenant_id": [f"tenant-{rng.randrange(500):03d}" for _ in range(n)],
            "event_type": ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(24)) for _ in range(n)],
            "total_events": pa.array([rng.randrange(1, 10**6) for _ in range(n)], pa.int64()),
            "error_events": pa.array([rng.randrange(0, 1000) for _ in range(n)], pa.int64()),
            "avg_session_duration": [rng.random() for _ in range(n)],
            "unique_sessions": pa.array([rng.randrange(1, 100) for _ in range(n)], pa.int64()),
        })
        pq.write_table(table, f"{bucket}/facts/date=2026-10-{5 + day:02d}/part-0.parquet", filesystem=fs,
                       row_group_size=10_000)
    return fs


def test_only_the_asked_dates_are_listed_and_only_needed_column_chunks_fetched(eventtop, moto, proxy, tmp_path):
    fs = big_partitions(moto, "ranged", days=10)
    r = run(eventtop, proxy.endpoint, "history", "--dir", "s3://ranged/facts", "--from", "2026-10-08", "--to",
            "2026-10-10", "--report", "daily-events", "--format", "csv")
    assert r.returncode == 0, r.stderr
    lists = [q for q in proxy.requests if q.method == "GET" and q.query.get("list-type") == "2"]
    gets = [q for q in proxy.requests if q.method == "GET" and "list-type" not in q.query]
    assert all(q.method == "GET" for q in proxy.requests), proxy.requests
    # Discovery: one listing of the root's folders; then one listing from the first date asked,
    # stopping after the last one (no other date's prefix is listed).
    assert lists[0].query.get("delimiter") == "/" and lists[0].query["prefix"] == "facts/"
    for q in lists[1:]:
        assert "delimiter" not in q.query
        assert q.query.get("start-after", q.query["prefix"]) >= "facts/date=2026-10-08/", q
    assert len(lists) == 2
    asked = {f"/ranged/facts/date=2026-10-{d:02d}/part-0.parquet" for d in (8, 9, 10)}
    assert {q.path for q in gets} == asked
    for path in asked:
        key = path[len("/ranged/"):]
        meta = pq.ParquetFile(f"ranged/{key}", filesystem=fs).metadata
        size = fs.get_file_info(f"ranged/{key}").size
        reads = [q.range for q in gets if q.path == path]
        assert reads[0] == "bytes=-65536", reads  # the footer (and the size) first
        chunks = {}
        for g in range(meta.num_row_groups):
            for c in range(meta.num_columns):
                col = meta.row_group(g).column(c)
                start = col.dictionary_page_offset if col.has_dictionary_page else col.data_page_offset
                chunks[(g, col.path_in_schema)] = (start, col.total_compressed_size)
        fetched = 0
        for rng_ in reads[1:]:
            first, last = (int(x) for x in rng_[len("bytes="):].split("-"))
            owner = [k for k, (s0, n) in chunks.items() if s0 == first and s0 + n <= last + 1 <= s0 + n + 100]
            assert owner and owner[0][1] in ("tenant_id", "total_events", "error_events"), (rng_, chunks)
            fetched += last - first + 1
        assert len(reads) == 1 + 3 * meta.num_row_groups
        assert fetched < size / 3, (fetched, size)


def test_corrupt_object_fails_its_date_alone(eventtop, moto, rolled):
    local, url = rolled
    moto.create_bucket("one-bad-date")
    fs = moto.filesystem()
    for day in ("2026-10-05", "2026-10-06", "2026-10-07"):
        with open(local / f"date={day}" / "part-00000.parquet", "rb") as src, \
                fs.open_output_stream(f"one-bad-date/f/date={day}/part-00000.parquet") as dst:
            dst.write(src.read())
    with fs.open_output_stream("one-bad-date/f/date=2026-10-06/part-00001.parquet") as dst:
        dst.write(b"PAR1 this is not a parquet file PAR1")
    r = run(eventtop, moto.endpoint, "history", "--dir", "s3://one-bad-date/f", "--from", "2026-10-05", "--to",
            "2026-10-07", "--report", "daily-events", "--format", "csv")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("eventtop: 2026-10-06: s3://one-bad-date/f/date=2026-10-06/part-00001.parquet")
    dates = {row[0] for row in csv.reader(io.StringIO(r.stdout))}
    assert dates == {"date", "2026-10-05", "2026-10-07"}


def test_live_history_writes_closed_days_and_checkpoints_to_object_storage(eventtop, moto, events, tmp_path):
    moto.create_bucket("live-out")
    url = "s3://live-out/facts"
    args = ["live", "--input", str(events), "--headless", "--once", "--history", url, "--lateness", "1s"]
    state = {"XDG_STATE_HOME": str(tmp_path / "state")}
    first = run(eventtop, moto.endpoint, *args, **state)
    assert first.returncode == 0, first.stderr
    fs = moto.filesystem()
    keys = sorted(i.path for i in fs.get_file_info(pa.fs.FileSelector("live-out/facts", recursive=True))
                  if i.type == pa.fs.FileType.File)
    parts = [k for k in keys if "/date=" in k]
    checkpoints = [k for k in keys if k.startswith("live-out/facts/.eventtop-checkpoint-")]
    assert len(checkpoints) == 1 and len(parts) >= 19
    assert all(k.split("/")[-1].startswith("part-") for k in parts)
    before = rows_of(pq.read_table("live-out/facts", filesystem=fs, partitioning="hive"))
    # The same input again resumes from the checkpoint in the store: nothing is counted twice.
    again = run(eventtop, moto.endpoint, *args, **state)
    assert again.returncode == 0, again.stderr
    assert "resuming" in again.stderr and url in again.stderr
    assert rows_of(pq.read_table("live-out/facts", filesystem=fs, partitioning="hive")) == before


def one_line(r, *needles, rc=1):
    assert r.returncode == rc, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


def test_missing_bucket_is_one_line(eventtop, moto, events):
    for args in (["history", "--dir", "s3://no-such-bucket/facts"],
                 ["rollup", str(events), "--out", "s3://no-such-bucket/facts"],
                 ["live", "--input", str(events), "--headless", "--once", "--history", "s3://no-such-bucket/facts"]):
        one_line(run(eventtop, moto.endpoint, *args), "s3://no-such-bucket/facts", "no bucket 'no-such-bucket'",
                 "NoSuchBucket")


def test_usage_errors(eventtop, moto):
    one_line(run(eventtop, moto.endpoint, "history", "--dir", "s3://x/facts"), "--dir", "not a bucket name", rc=2)
    r = subprocess.run([str(eventtop), "history", "--dir", "s3://rolled/facts"], capture_output=True, text=True,
                       env={k: v for k, v in s3.environment(moto.endpoint).items() if k != "AWS_SECRET_ACCESS_KEY"})
    one_line(r, "s3://rolled/facts", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    one_line(run(eventtop, "ftp://127.0.0.1", "history", "--dir", "s3://rolled/facts"), "AWS_ENDPOINT_URL", rc=1)


def test_wrong_credentials_are_one_line(eventtop, events, tmp_path):
    """moto checks signatures only once an IAM user exists and auth is switched on: then the
    right key reads and writes, a wrong secret and an unknown key are refused."""
    server = s3.Moto(tmp_path / "moto-auth.log")
    try:
        server.create_bucket("guarded")
        key, secret = server.enable_auth()
        ok = run(eventtop, server.endpoint, "rollup", str(events), "--out", "s3://guarded/facts", key=key, secret=secret)
        assert ok.returncode == 0, ok.stderr
        ok = run(eventtop, server.endpoint, "history", "--dir", "s3://guarded/facts", "--from", FROM, "--to", TO,
                 key=key, secret=secret)
        assert ok.returncode == 0 and ok.stderr == "" and "acme" in ok.stdout, ok.stderr
        for args in (["history", "--dir", "s3://guarded/facts"], ["rollup", str(events), "--out", "s3://guarded/facts"]):
            one_line(run(eventtop, server.endpoint, *args, key=key, secret="wrong" + secret),
                     "s3://guarded/facts", "access denied", "AWS_SECRET_ACCESS_KEY", "SignatureDoesNotMatch")
            one_line(run(eventtop, server.endpoint, *args, key="AKIANOTAKEY0000000", secret=secret),
                     "s3://guarded/facts", "access denied", "AWS_ACCESS_KEY_ID", "InvalidAccessKeyId")
    finally:
        server.stop()


def test_store_that_does_not_answer_ends_in_bounded_time(eventtop, events):
    silent = s3.Silent()
    try:
        for args in (["history", "--dir", "s3://quiet/facts"], ["rollup", str(events), "--out", "s3://quiet/facts"]):
            start = time.monotonic()
            r = run(eventtop, silent.endpoint, *args, EVENTTOP_S3_TIMEOUT="2")
            took = time.monotonic() - start
            one_line(r, "s3://quiet/facts", "did not answer within 2 s")
            assert took < 8, took
    finally:
        silent.stop()


def test_store_that_stops_answering_mid_read_fails_the_dates_left(eventtop, moto, proxy):
    """The store answers the listings, then nothing: each date not read is a failure naming the
    reason (the dates' own lines, as for a folder), and the run ends in bounded time."""
    big_partitions(moto, "stalls", days=6)
    proxy.stall_after = 3  # the root listing, the dates' listing, one file's footer
    start = time.monotonic()
    r = run(eventtop, proxy.endpoint, "history", "--dir", "s3://stalls/facts", "--from", FROM, "--to", TO,
            "--report", "daily-events", "--format", "csv", EVENTTOP_S3_TIMEOUT="2")
    took = time.monotonic() - start
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 6 and all("did not answer within 2 s" in line for line in lines), r.stderr
    assert took < 10, took


def test_history_pane_reads_object_storage(eventtop, moto, tmp_path):
    """The screen over `live --history s3://…`: the pane's weeks come from the store, read in
    the background, with the rates DuckDB computes over a local copy."""
    from screen import Screen
    today = int(time.time()) // 86400 * 86400
    start = time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(today - 21 * 86400))
    gen = subprocess.run([str(eventtop), "generate", "--events", "20000", "--start", start, "--days", "21"],
                         capture_output=True, check=True)
    (tmp_path / "old.ndjson").write_bytes(gen.stdout)
    moto.create_bucket("screen")
    r = run(eventtop, moto.endpoint, "rollup", str(tmp_path / "old.ndjson"), "--out", "s3://screen/hist")
    assert r.returncode == 0, r.stderr
    now = tmp_path / "now.ndjson"
    now.write_text("".join(f'{{"tenant_id":"acme","event_type":"click","ts":{int(time.time())}}}\n' for _ in range(3)))
    copy = download(moto.filesystem(), "screen/hist", tmp_path / "copy")
    monday = today // 86400 - time.gmtime(today).tm_wday
    week = time.strftime("%Y-%m-%d", time.gmtime((monday - 7) * 86400))
    rate = duckdb.sql(f"""
        SELECT sum(error_events) / sum(total_events) FROM read_parquet('{copy}/**/*.parquet', hive_partitioning = true)
        WHERE tenant_id = 'acme' AND date_trunc('week', date::DATE) = DATE '{week}'""").fetchall()[0][0]
    env = {k: v for k, v in s3.environment(moto.endpoint).items() if k.startswith("AWS_")}
    s = Screen()
    try:
        s.start([str(eventtop), "live", "--input", str(now), "--history", "s3://screen/hist"], 160, 44, env=env)
        last_week = time.strftime("%G-W%V", time.gmtime(time.time() - 7 * 86400))
        s.wait_for(lambda t: "ERROR RATE" in t and "ERR%/DAY" in t, timeout=15)
        s.send("[")
        text = s.wait_for(lambda t: f"History · week {last_week}" in t and "loading" not in t
                          and any(r.startswith("acme") for r in [line.split("││", 1)[-1] for line in t.split("\n")]),
                          timeout=15)
        history_rows = [line.split("││", 1)[1] for line in text.split("\n") if "││" in line]
        acme = next(r for r in history_rows if r.startswith("acme"))
        assert f"{100 * rate:.1f}%" in acme, (rate, acme)
        assert "history: 2" in text  # 21 or 22 days, as the store holds them
        s.send("q")
        s.wait_until_dead(10)
    finally:
        s.kill()


# The object cache (EVENTTOP_S3_CACHE): a second run over the same objects makes no GET; an
# object written again is fetched again; off makes GETs every run; a damaged or unwritable cache
# never changes a report. Each test has a cache folder of its own under tmp_path.

def gets_of(proxy):
    return [q for q in proxy.requests if q.method == "GET" and "list-type" not in q.query]


def listings_of(proxy):
    return [q for q in proxy.requests if q.method == "GET" and q.query.get("list-type") == "2"]


def history_csv(eventtop, endpoint, url, cache, report="daily-events", frm=FROM, to=TO):
    r = run(eventtop, endpoint, "history", "--dir", url, "--from", frm, "--to", to, "--report", report,
            "--format", "csv", EVENTTOP_S3_CACHE=str(cache))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout


def copy_bucket(moto, local: Path, bucket: str, days=None):
    """The local rollup's partitions uploaded to `bucket`/f (all of them, or the first `days`)."""
    moto.create_bucket(bucket)
    fs = moto.filesystem()
    parts = sorted(local.glob("date=*/*.parquet"))
    for p in parts[:days] if days else parts:
        with fs.open_output_stream(f"{bucket}/f/{p.parent.name}/{p.name}") as dst:
            dst.write(p.read_bytes())
    return fs, f"s3://{bucket}/f"


def test_a_second_run_makes_no_gets_and_prints_the_same(eventtop, moto, proxy, rolled, tmp_path):
    local, _ = rolled
    fs, url = copy_bucket(moto, local, "cached")
    want_daily, want_weekly = seed_queries(download(fs, "cached/f", tmp_path / "copy"))
    cache = tmp_path / "cache" / "objects"
    first = history_csv(eventtop, proxy.endpoint, url, cache)
    assert len(gets_of(proxy)) == 20  # one GET a file: each is smaller than the 64 KiB tail read
    got = [tuple(row) for row in csv.reader(io.StringIO(first))]
    assert got[0] == ("date", "tenant_id", "events") and got[1:] == want_daily
    entries = list(cache.iterdir())
    assert len(entries) == 20 and all(e.stat().st_mode & 0o777 == 0o600 for e in entries)
    assert cache.stat().st_mode & 0o777 == 0o700 and cache.parent.stat().st_mode & 0o777 == 0o700
    proxy.requests.clear()
    second = history_csv(eventtop, proxy.endpoint, url, cache)
    assert gets_of(proxy) == [] and len(listings_of(proxy)) == 2, proxy.requests
    assert second == first
    # The other report reads the same ranges: none fetched either; DuckDB's weekly rates.
    proxy.requests.clear()
    r = run(eventtop, proxy.endpoint, "history", "--dir", url, "--from", FROM, "--to", TO, "--format", "json",
            EVENTTOP_S3_CACHE=str(cache))
    assert r.returncode == 0 and r.stderr == "" and gets_of(proxy) == [], (r.stderr, proxy.requests)
    got = json.loads(r.stdout)
    assert [(g["week"], g["tenant_id"], g["total_events"], g["error_events"]) for g in got] == \
        [w[:4] for w in want_weekly]
    for g, w in zip(got, want_weekly):
        assert g["error_rate"] == pytest.approx(w[4], rel=1e-15)


def test_an_object_written_again_is_fetched_again(eventtop, moto, proxy, tmp_path):
    """The rewritten object has the same size (fixed-width values, no compression): only its
    ETag tells it apart, and the next run fetches it (alone) and reports its new rows."""
    moto.create_bucket("rewritten")
    fs = moto.filesystem()

    def write(day: str, scale: int):
        table = pa.table({"tenant_id": ["acme", "beta", "gamma"],
                          "total_events": pa.array([10 * scale, 20 * scale, 30 * scale], pa.int64()),
                          "error_events": pa.array([1 * scale, 2 * scale, 3 * scale], pa.int64())})
        pq.write_table(table, f"rewritten/f/date={day}/part-0.parquet", filesystem=fs, compression="none")

    days = ["2026-10-05", "2026-10-06", "2026-10-07"]
    for d in days:
        write(d, 1)
    cache = tmp_path / "cache"
    before = history_csv(eventtop, proxy.endpoint, "s3://rewritten/f", cache, frm=days[0], to=days[-1])
    assert len(gets_of(proxy)) == 3
    size = fs.get_file_info(f"rewritten/f/date={days[1]}/part-0.parquet").size
    write(days[1], 7)
    assert fs.get_file_info(f"rewritten/f/date={days[1]}/part-0.parquet").size == size
    proxy.requests.clear()
    after = history_csv(eventtop, proxy.endpoint, "s3://rewritten/f", cache, frm=days[0], to=days[-1])
    assert [q.path for q in gets_of(proxy)] == [f"/rewritten/f/date={days[1]}/part-0.parquet"]
    want = duckdb.sql(f"""
        SELECT date::VARCHAR, tenant_id, SUM(total_events)::VARCHAR FROM read_parquet(
            '{download(fs, "rewritten/f", tmp_path / "copy")}/**/*.parquet', hive_partitioning = true)
        GROUP BY 1, 2 ORDER BY 1, 2""").fetchall()
    assert [tuple(r) for r in csv.reader(io.StringIO(after))][1:] == [tuple(r) for r in want]
    assert ("2026-10-06", "beta", "140") in want and after != before
    # Then cached again: no GET.
    proxy.requests.clear()
    assert history_csv(eventtop, proxy.endpoint, "s3://rewritten/f", cache, frm=days[0], to=days[-1]) == after
    assert gets_of(proxy) == []


def test_column_chunks_of_large_objects_are_cached_too(eventtop, moto, proxy, tmp_path):
    big_partitions(moto, "big-cached", days=3)
    cache = tmp_path / "cache"
    args = dict(frm="2026-10-05", to="2026-10-07")
    first = history_csv(eventtop, proxy.endpoint, "s3://big-cached/facts", cache, **args)
    assert len(gets_of(proxy)) == 3 * (1 + 3 * 3)  # a footer and 3 columns × 3 row groups a file
    proxy.requests.clear()
    assert history_csv(eventtop, proxy.endpoint, "s3://big-cached/facts", cache, **args) == first
    assert gets_of(proxy) == []


def test_cache_off_makes_gets_every_run(eventtop, moto, proxy, rolled, tmp_path):
    local, _ = rolled
    _, url = copy_bucket(moto, local, "uncached", days=4)
    outputs = []
    for _ in range(2):
        proxy.requests.clear()
        outputs.append(history_csv(eventtop, proxy.endpoint, url, "off", frm="2026-10-05", to="2026-10-08"))
        assert len(gets_of(proxy)) == 4
    assert outputs[0] == outputs[1]


def test_damaged_cache_entries_are_fetched_again(eventtop, moto, proxy, rolled, tmp_path):
    local, _ = rolled
    _, url = copy_bucket(moto, local, "damaged", days=5)
    cache = tmp_path / "cache"
    args = dict(frm="2026-10-05", to="2026-10-09")
    first = history_csv(eventtop, proxy.endpoint, url, cache, **args)
    entries = sorted(cache.iterdir())
    assert len(entries) == 5
    data = entries[0].read_bytes()
    entries[0].write_bytes(data[:-1])  # cut short
    data = bytearray(entries[1].read_bytes())
    data[-100] ^= 0xFF  # a payload byte: the checksum fails
    entries[1].write_bytes(bytes(data))
    entries[2].write_bytes(b"")
    proxy.requests.clear()
    assert history_csv(eventtop, proxy.endpoint, url, cache, **args) == first
    assert len(gets_of(proxy)) == 3
    proxy.requests.clear()
    assert history_csv(eventtop, proxy.endpoint, url, cache, **args) == first
    assert gets_of(proxy) == []  # repaired by the refetch


def test_unwritable_cache_is_one_warning_and_the_report_is_complete(eventtop, moto, proxy, rolled, tmp_path):
    local, _ = rolled
    fs, url = copy_bucket(moto, local, "nocache", days=6)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go\n")
    want = history_csv(eventtop, proxy.endpoint, url, "off", frm="2026-10-05", to="2026-10-10")
    r = run(eventtop, proxy.endpoint, "history", "--dir", url, "--from", "2026-10-05", "--to", "2026-10-10",
            "--report", "daily-events", "--format", "csv", EVENTTOP_S3_CACHE=str(blocker / "objects"))
    line = one_line(r, "warning: object cache", str(blocker / "objects"), "read from the store only", rc=0)
    assert line.startswith("eventtop: warning: ")
    assert r.stdout == want


def test_a_full_disk_is_one_warning_and_keeps_what_fitted(eventtop, moto, proxy, rolled, tmp_path):
    """The cache on a tmpfs of 12 KiB (full after two or three entries of ~4 KiB): one warning,
    the whole report, no temporary file left; the next run reads what fitted from the cache."""
    local, _ = rolled
    _, url = copy_bucket(moto, local, "fulldisk", days=6)
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        want = history_csv(eventtop, proxy.endpoint, url, "off", frm="2026-10-05", to="2026-10-10")
        proxy.requests.clear()
        r = run(eventtop, proxy.endpoint, "history", "--dir", url, "--from", "2026-10-05", "--to", "2026-10-10",
                "--report", "daily-events", "--format", "csv", EVENTTOP_S3_CACHE=str(disk / "objects"))
        one_line(r, "warning: object cache", "No space left on device", "read from the store only", rc=0)
        assert r.stdout == want and len(gets_of(proxy)) == 6
        kept = list((disk / "objects").iterdir())
        assert kept and not any(p.name.startswith(".tmp-") for p in kept), kept
        entries = [p for p in kept if p.name.endswith(".range")]
        assert 0 < len(entries) < 6
        proxy.requests.clear()
        r = run(eventtop, proxy.endpoint, "history", "--dir", url, "--from", "2026-10-05", "--to", "2026-10-10",
                "--report", "daily-events", "--format", "csv", EVENTTOP_S3_CACHE=str(disk / "objects"))
        assert r.returncode == 0 and r.stdout == want
        assert len(gets_of(proxy)) == 6 - len(entries)
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_processes_sharing_a_small_cache_all_print_the_right_report(eventtop, moto, tmp_path):
    """Four history runs at once on one cache folder bounded by 1 MiB, half of what they read
    (so entries are evicted while others are written and read): each prints the report read
    without a cache, and so does a run after them."""
    big_partitions(moto, "shared-cache", days=6)
    cache = tmp_path / "cache"
    args = ["history", "--dir", "s3://shared-cache/facts", "--from", "2026-10-05", "--to", "2026-10-10",
            "--report", "daily-events", "--format", "csv"]
    want = run(eventtop, moto.endpoint, *args, EVENTTOP_S3_CACHE="off")
    assert want.returncode == 0 and want.stdout.count("\n") > 1000, want.stderr
    env = s3.environment(moto.endpoint, EVENTTOP_S3_CACHE=str(cache), EVENTTOP_S3_CACHE_MB="1")
    for _ in range(2):
        procs = [subprocess.Popen([str(eventtop), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=env) for _ in range(4)]
        for p in procs:
            out, err = p.communicate(timeout=60)
            assert p.returncode == 0 and err == "" and out == want.stdout, err
    total = sum(p.stat().st_size for p in cache.iterdir())
    # The bound, overshot by what the other processes wrote since each one's last count.
    assert 0 < total <= 5 << 19, total
    assert len(list(cache.iterdir())) < 6 * (1 + 3 * 3)  # of the 60 ranges read (~2 MiB), some were evicted
    again = run(eventtop, moto.endpoint, *args, EVENTTOP_S3_CACHE=str(cache), EVENTTOP_S3_CACHE_MB="1")
    assert again.returncode == 0 and again.stdout == want.stdout
