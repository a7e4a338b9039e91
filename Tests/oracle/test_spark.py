"""Spark (pyspark in local mode) as a writer and a reader of `fact_events_daily` (DESIGN §11).

1. Spark computes the daily rollup from raw events with Spark SQL (DESIGN §4's definitions) and
   writes it as a Spark job would: `partitionBy("date")`, `part-0000N-<uuid>.c000.snappy.parquet`
   files beside `_SUCCESS` and `.crc` files, several files a date. Also with Spark's other
   natural types (INT counts, FLOAT average), DECIMAL(p,0) counts (and Spark's legacy format),
   data page v2 with DELTA encodings, every codec Spark has without extra jars, a TIMESTAMP
   `date` partition column, and without `partitionBy` (a DATE or TIMESTAMP `date` column in the
   files). `eventtop history`'s two reports equal Spark SQL running the seed's two queries over
   the same folder, exactly. Types eventtop refuses (DOUBLE counts, DECIMAL counts with a scale)
   and Spark's folder of null dates are named, one line each.
2. Spark reads eventtop's `rollup` folder (`spark.read.parquet` on the folder): the schema it
   infers (the `date=` folders as a DATE column), the rows equal Spark's own rollup of the same
   events, and the seed's two queries give eventtop's `history` numbers and DuckDB's.

The seed's `SUM(error_events) / SUM(total_events)` raises DIVIDE_BY_ZERO under Spark 4's ANSI
mode when a total is 0; eventtop (and DESIGN §5) say null there, so the Spark SQL here is
`try_divide(...)`, which yields NULL. One SparkSession (`local[1]`, no UI, loopback only) serves
the whole module; without pyspark or Java the module is skipped with the reason (.ci/run
installs both, so CI skips nothing).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed: .ci/run installs it "
                              "(Tests/oracle/requirements.txt)")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java for Spark (java not on PATH, JAVA_HOME unset): .ci/setup installs "
                "openjdk-17-jre-headless", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")

FROM, TO = "2026-10-05", "2026-10-24"  # 2026-10-05 is a Monday: three ISO weeks


@pytest.fixture(scope="module")
def spark():
    # Loopback only: without these Spark binds the driver to the machine's outside address.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[1]").appName("eventtop-oracle")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.session.timeZone", "UTC")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def events(eventtop, tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("spark-events") / "events.ndjson"
    with open(src, "wb") as f:
        subprocess.run([str(eventtop), "generate", "--events", "60000", "--days", "20", "--start", FROM,
                        "--seed", "11"], stdout=f, check=True)
    return src


@pytest.fixture(scope="module")
def eventtop_parts(eventtop, events, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spark-rollup") / "fact_events_daily"
    subprocess.run([str(eventtop), "rollup", str(events), "--out", str(out)], check=True, capture_output=True)
    return out


# DESIGN §4 in Spark SQL over the raw events: one row a (date, tenant_id, event_type); a
# session's duration that date spans all its events of that date, any type.
ROLLUP_SQL = """
    WITH ev AS (
        SELECT tenant_id, event_type, session_id, to_timestamp(ts) AS t, to_date(to_timestamp(ts)) AS date
        FROM raw_events),
    spans AS (
        SELECT date, tenant_id, session_id, (unix_micros(max(t)) - unix_micros(min(t))) / 1e6 AS dur
        FROM ev WHERE session_id IS NOT NULL GROUP BY 1, 2, 3),
    durations AS (
        SELECT r.date, r.tenant_id, r.event_type, avg(s.dur) AS avg_session_duration
        FROM (SELECT DISTINCT date, tenant_id, event_type, session_id FROM ev WHERE session_id IS NOT NULL) r
        JOIN spans s ON r.date = s.date AND r.tenant_id = s.tenant_id AND r.session_id = s.session_id
        GROUP BY 1, 2, 3)
    SELECT e.date, e.tenant_id, e.event_type,
           count(*) AS total_events,
           count_if(e.event_type = 'error') AS error_events,
           first(d.avg_session_duration) AS avg_session_duration,
           count(DISTINCT e.session_id) AS unique_sessions
    FROM ev e LEFT JOIN durations d
      ON e.date = d.date AND e.tenant_id = d.tenant_id AND e.event_type = d.event_type
    GROUP BY 1, 2, 3"""


@pytest.fixture(scope="module")
def spark_rollup(spark, events):
    """Spark's own fact_events_daily of the events (its natural types: DATE, STRING, BIGINT,
    DOUBLE), computed once."""
    raw = spark.read.schema("ts STRING, tenant_id STRING, event_type STRING, session_id STRING").json(str(events))
    raw.createOrReplaceTempView("raw_events")
    fact = spark.sql(ROLLUP_SQL).cache()
    fact.count()
    return fact


# The seed's two queries in Spark SQL, as eventtop's CSV/JSON columns. The rate is try_divide
# (the seed's `/` raises DIVIDE_BY_ZERO under ANSI mode when a total is 0; try_divide yields
# NULL) of the sums as DOUBLE: what `/` does with BIGINT sums anyway, and a real ratio for
# DECIMAL counts too. CAST(date AS DATE) is a no-op for DATE partitions and the date part for
# TIMESTAMP ones.
DAILY_SQL = """
    SELECT CAST(date AS DATE) AS date, tenant_id, SUM(total_events) AS events
    FROM fact_events_daily
    WHERE CAST(date AS DATE) BETWEEN DATE'{lo}' AND DATE'{hi}'
    GROUP BY 1, 2"""
WEEKLY_SQL = """
    SELECT CAST(DATE_TRUNC('week', date) AS DATE) AS week, tenant_id,
           SUM(total_events) AS total_events, SUM(error_events) AS error_events,
           try_divide(CAST(SUM(error_events) AS DOUBLE), CAST(SUM(total_events) AS DOUBLE)) AS error_rate
    FROM fact_events_daily
    WHERE CAST(date AS DATE) BETWEEN DATE'{lo}' AND DATE'{hi}'
    GROUP BY 1, 2"""


def order(rows):
    """eventtop's order: date/week, then tenant_id in UTF-8 byte order, null last."""
    return sorted(rows, key=lambda r: (r[0], r[1] is None, (r[1] or "").encode()))


def spark_reports(spark, folder: Path, lo=FROM, hi=TO):
    spark.read.parquet(str(folder)).createOrReplaceTempView("fact_events_daily")
    daily = [(r.date.isoformat(), r.tenant_id, r.events) for r in spark.sql(DAILY_SQL.format(lo=lo, hi=hi)).collect()]
    weekly = [(r.week.isoformat(), r.tenant_id, r.total_events, r.error_events, r.error_rate)
              for r in spark.sql(WEEKLY_SQL.format(lo=lo, hi=hi)).collect()]
    return order(daily), order(weekly)


def eventtop_reports(eventtop, folder: Path, lo=FROM, hi=TO):
    out = []
    for report, keys in (("daily-events", ("date", "tenant_id", "events")),
                         ("weekly-error-rate", ("week", "tenant_id", "total_events", "error_events", "error_rate"))):
        r = subprocess.run([str(eventtop), "history", "--dir", str(folder), "--from", lo, "--to", hi,
                            "--report", report, "--format", "json"], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        out.append([tuple(row[k] for k in keys) for row in json.loads(r.stdout)])
    return out


def assert_reports_equal(got, want):
    """Exact: sums are exact integers and the rate is the same IEEE division of two of them."""
    (got_daily, got_weekly), (want_daily, want_weekly) = got, want
    assert got_daily == want_daily
    assert len(got_weekly) == len(want_weekly)
    for g, w in zip(got_weekly, want_weekly):
        assert g == w, f"{g} != {w}"


def spark_files(folder: Path):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------------- 1. Spark writes

# How Spark names its files and the footer's codec as pyarrow names it, per `compression`
# option. pyarrow calls LZ4_RAW "LZ4", and the deprecated Hadoop LZ4 (codec 5) "UNKNOWN".
CODECS = {"snappy": (".snappy.parquet", "SNAPPY"), "zstd": (".zstd.parquet", "ZSTD"), "gzip": (".gz.parquet", "GZIP"),
          "lz4": (".lz4hadoop.parquet", "UNKNOWN"), "lz4_raw": (".lz4raw.parquet", "LZ4"),
          "none": (".parquet", "UNCOMPRESSED")}
COUNTS = ("total_events", "error_events", "unique_sessions")

WRITES = {
    # The rollup as Spark SQL types it: DATE, STRING, BIGINT counts, DOUBLE average (DESIGN §4's
    # types); snappy, data page v1, dictionaries.
    "design_types": dict(),
    # Spark's other natural types: INT counts, FLOAT average.
    "int_float": dict(casts={**{c: "int" for c in COUNTS}, "avg_session_duration": "float"}),
    # Counts as DECIMAL(p,0) (e.g. from a JDBC source): INT64 for p <= 18, FIXED_LEN_BYTE_ARRAY above.
    "decimal_counts": dict(casts={"total_events": "decimal(18,0)", "error_events": "decimal(38,0)"}),
    # Spark's legacy (Hive/Impala) format: every DECIMAL as FIXED_LEN_BYTE_ARRAY.
    "legacy_format_decimals": dict(casts={c: "decimal(10,0)" for c in COUNTS},
                                   options={"spark.sql.parquet.writeLegacyFormat": "true"}),
    # parquet-mr's v2 writer without dictionaries: data page v2, DELTA_BINARY_PACKED counts,
    # DELTA_BYTE_ARRAY strings; zstd.
    "writer_v2_zstd": dict(options={"parquet.writer.version": "PARQUET_2_0", "parquet.enable.dictionary": "false",
                                    "compression": "zstd"}),
    **{f"codec_{c}": dict(options={"compression": c}) for c in ("gzip", "lz4", "lz4_raw", "none")},
    # A TIMESTAMP `date` column: folders named date=2026-10-05 00%3A00%3A00.
    "timestamp_partitions": dict(casts={"date": "timestamp"}),
    # No partitionBy: a DATE column in the files, several dates a file.
    "no_partition_by": dict(partition=False),
    # No partitionBy, a TIMESTAMP column (Spark 4 writes it as INT96 by default).
    "no_partition_by_timestamp": dict(partition=False, casts={"date": "timestamp"}),
}


def write(fact, folder: Path, casts=None, options=None, partition=True):
    casts = casts or {}
    fact = fact.select(*[fact[c].cast(casts[c]).alias(c) if c in casts else fact[c] for c in fact.columns])
    writer = fact.write.options(**(options or {})).mode("overwrite")
    (writer.partitionBy("date") if partition else writer).parquet(str(folder))


@pytest.mark.parametrize("variant", list(WRITES))
def test_spark_writes_eventtop_history_reads(eventtop, spark, spark_rollup, tmp_path, variant):
    spec = WRITES[variant]
    casts, options, partition = spec.get("casts", {}), spec.get("options", {}), spec.get("partition", True)
    folder = tmp_path / "fact_events_daily"
    write(spark_rollup, folder, casts, options, partition)

    files = spark_files(folder)
    data = [f for f in files if f.endswith(".parquet")]
    suffix, codec = CODECS[options.get("compression", "snappy")]
    # Spark's litter beside its files: _SUCCESS, and a hidden .crc for every file.
    assert "_SUCCESS" in files and "._SUCCESS.crc" in files
    assert all(f"{Path(d).parent}/.{Path(d).name}.crc".removeprefix("./") in files for d in data)
    assert all(Path(d).name.startswith("part-0000") and d.endswith(suffix) for d in data)
    if partition:
        stamp = " 00%3A00%3A00" if casts.get("date") == "timestamp" else ""
        assert {str(Path(d).parent) for d in data} == \
            {f"date={dt.date(2026, 10, 5) + dt.timedelta(days=d)}{stamp}" for d in range(20)}
        assert len(data) > 20, "two shuffle partitions: several files a date"
    else:
        assert all("/" not in d for d in data)
    meta = pq.ParquetFile(folder / data[0]).metadata
    assert meta.created_by.startswith("parquet-mr")
    assert meta.row_group(0).column(0).compression == codec

    assert_reports_equal(eventtop_reports(eventtop, folder), spark_reports(spark, folder))
    if not partition:
        # A range that cuts weeks and files: only the asked dates' rows count.
        assert_reports_equal(eventtop_reports(eventtop, folder, "2026-10-08", "2026-10-13"),
                             spark_reports(spark, folder, "2026-10-08", "2026-10-13"))


def test_spark_files_have_the_types_they_were_given(spark, spark_rollup, tmp_path):
    """Spark keeps the DataFrame's types and nullability: optional strings (from JSON), required
    counts, an optional average."""
    natural = [("tenant_id", "string", True), ("event_type", "string", True), ("total_events", "int64", False),
               ("error_events", "int64", False), ("avg_session_duration", "double", True),
               ("unique_sessions", "int64", False)]
    for variant, want in (("design_types", natural),
                          ("int_float", [(n, {"int64": "int32", "double": "float"}.get(t, t), o) for n, t, o in natural])):
        folder = tmp_path / variant
        write(spark_rollup, folder, WRITES[variant].get("casts"))
        arrow = pq.read_schema(next(folder.glob("date=*/part-*.parquet")))
        assert [(f.name, str(f.type), f.nullable) for f in arrow] == want, variant


def test_types_eventtop_refuses_are_named(eventtop, spark, tmp_path):
    """Counts that are not whole numbers as stored (DOUBLE; DECIMAL with a scale, which stores 14
    as 1400) fail their date with the file and the reason; Spark's folder of null dates is named.
    Each is one line, the other dates still print, exit 1."""
    rows = spark.createDataFrame(
        [(dt.date(2026, 10, 5), "acme", "click", 14, 6), (dt.date(2026, 10, 6), "acme", "click", 3, 1),
         (None, "acme", "click", 1, 1)],
        "date DATE, tenant_id STRING, event_type STRING, total_events BIGINT, error_events BIGINT")
    for cast, reason in (("double", "total_events is DOUBLE, not an integer"),
                         ("decimal(10,2)", "total_events is DECIMAL with scale 2, not a whole count")):
        folder = tmp_path / cast.replace("(", "_").replace(",", "_").rstrip(")")
        bad = rows.where("date = DATE'2026-10-05'").withColumn("total_events", rows["total_events"].cast(cast))
        good = rows.where("date IS NULL OR date <> DATE'2026-10-05'")
        write(bad, folder)
        good.write.mode("append").partitionBy("date").parquet(str(folder))
        r = subprocess.run([str(eventtop), "history", "--dir", str(folder), "--from", "2026-10-05", "--to", "2026-10-06",
                            "--report", "daily-events", "--format", "csv"], capture_output=True, text=True)
        assert r.returncode == 1
        lines = sorted(r.stderr.strip().splitlines(), key=lambda line: "HIVE_DEFAULT" in line)
        assert len(lines) == 2, r.stderr
        assert lines[0].startswith(f"eventtop: 2026-10-05: {folder}/date=2026-10-05/part-0000") and \
            lines[0].endswith(f".snappy.parquet: {reason}"), lines[0]
        assert lines[1] == f"eventtop: {folder}/date=__HIVE_DEFAULT_PARTITION__: rows whose date is null " \
            "(__HIVE_DEFAULT_PARTITION__, Spark's and Hive's folder for a null partition value) belong to no date: not read"
        assert r.stdout == "date,tenant_id,events\n2026-10-06,acme,3\n"


def test_zero_totals_and_null_tenants(eventtop, spark, tmp_path):
    """A tenant-week whose total is 0 has a null rate in both (Spark via try_divide; the seed's
    `/` raises under ANSI mode); a null tenant_id is a group of its own in both."""
    rows = [
        (dt.date(2026, 10, 5), "acme", "click", 10, 2, 1.5, 3),
        (dt.date(2026, 10, 6), "acme", "error", 4, 4, None, 0),
        (dt.date(2026, 10, 5), "idle", "click", 0, 0, None, 0),
        (dt.date(2026, 10, 13), "idle", "view", 0, 0, None, 0),
        (dt.date(2026, 10, 13), "idle", "click", 7, 1, 2.0, 1),
        (dt.date(2026, 10, 14), None, "click", 5, 1, None, 0),
        (dt.date(2026, 10, 14), "ünïcødé", "click", 3, 0, None, 0),
    ]
    df = spark.createDataFrame(rows, "date DATE, tenant_id STRING, event_type STRING, total_events BIGINT, "
                                     "error_events BIGINT, avg_session_duration DOUBLE, unique_sessions BIGINT")
    folder = tmp_path / "fact_events_daily"
    write(df, folder)
    got = eventtop_reports(eventtop, folder)
    assert_reports_equal(got, spark_reports(spark, folder))
    assert ("2026-10-05", "idle", 0, 0, None) in got[1]
    assert ("2026-10-12", None, 5, 1, 0.2) in got[1]
    # The seed's query as written fails in Spark 4 (ANSI) on that zero total.
    spark.read.parquet(str(folder)).createOrReplaceTempView("fact_events_daily")
    with pytest.raises(Exception, match="DIVIDE_BY_ZERO"):
        spark.sql("SELECT DATE_TRUNC('week', date) AS week, tenant_id, SUM(error_events) / SUM(total_events) "
                  "AS error_rate FROM fact_events_daily GROUP BY 1, 2").collect()


# ---------------------------------------------------------------------------------- 2. Spark reads

def test_spark_infers_the_schema_of_eventtop_partitions(spark, eventtop_parts):
    df = spark.read.parquet(str(eventtop_parts))
    # The date= folders become a DATE column, last; every column is nullable as Spark reads it.
    assert [(f.name, f.dataType.simpleString(), f.nullable) for f in df.schema.fields] == [
        ("tenant_id", "string", True), ("event_type", "string", True), ("total_events", "bigint", True),
        ("error_events", "bigint", True), ("avg_session_duration", "double", True),
        ("unique_sessions", "bigint", True), ("date", "date", True)]


def test_eventtop_rollup_equals_spark_rollup(spark, spark_rollup, eventtop_parts):
    """Spark reading eventtop's partitions finds the rows Spark computes from the same events."""
    cols = ["date", "tenant_id", "event_type", "total_events", "error_events", "avg_session_duration",
            "unique_sessions"]
    mine = {(r.date, r.tenant_id, r.event_type): r for r in spark.read.parquet(str(eventtop_parts)).select(*cols).collect()}
    theirs = {(r.date, r.tenant_id, r.event_type): r for r in spark_rollup.select(*cols).collect()}
    assert mine.keys() == theirs.keys()
    for key, m in mine.items():
        t = theirs[key]
        assert (m.total_events, m.error_events, m.unique_sessions) == (t.total_events, t.error_events, t.unique_sessions), key
        if t.avg_session_duration is None:
            assert m.avg_session_duration is None, key
        else:
            assert m.avg_session_duration == pytest.approx(t.avg_session_duration, rel=1e-12, abs=1e-9), key


def test_spark_reading_eventtop_rollup_answers_as_history_and_duckdb(eventtop, spark, eventtop_parts):
    in_spark = spark_reports(spark, eventtop_parts)
    assert_reports_equal(eventtop_reports(eventtop, eventtop_parts), in_spark)
    con = duckdb.connect()
    glob = f"read_parquet('{eventtop_parts}/**/*.parquet', hive_partitioning = true)"
    daily = con.execute(f"""
        SELECT date::DATE::VARCHAR, tenant_id, SUM(total_events) FROM {glob}
        WHERE date::DATE BETWEEN '{FROM}' AND '{TO}' GROUP BY 1, 2""").fetchall()
    weekly = con.execute(f"""
        SELECT DATE_TRUNC('week', date::DATE)::DATE::VARCHAR, tenant_id, SUM(total_events), SUM(error_events),
               CASE WHEN SUM(total_events) <> 0 THEN SUM(error_events) / SUM(total_events) END
        FROM {glob} WHERE date::DATE BETWEEN '{FROM}' AND '{TO}' GROUP BY 1, 2""").fetchall()
    assert_reports_equal((order([tuple(r) for r in daily]), order([tuple(r) for r in weekly])), in_spark)


@pytest.mark.parametrize("compression", ["zstd", "none"])
def test_spark_reads_every_codec_eventtop_writes(eventtop, spark, events, eventtop_parts, tmp_path, compression):
    out = tmp_path / "fact_events_daily"
    subprocess.run([str(eventtop), "rollup", str(events), "--out", str(out), "--compression", compression], check=True,
                   capture_output=True)
    df, snappy = spark.read.parquet(str(out)), spark.read.parquet(str(eventtop_parts))
    assert df.count() == snappy.count() and df.exceptAll(snappy).count() == 0
