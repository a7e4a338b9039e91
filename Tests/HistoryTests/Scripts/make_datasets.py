"""Writes fact_events_daily folders the way real writers do, and prints what DuckDB says the
seed's two queries return over each (the oracle for Tests/HistoryTests).

    make_datasets.py OUTROOT  ->  JSON {variant: {"daily": [...], "weekly": [...], ...}}

daily rows: [date, tenant_id, events]; weekly rows: [week, tenant_id, total, errors, rate],
rate as Python's repr (the shortest round-trip text) or null. DuckDB 2.0.1 returns NaN for
SUM(error_events)/SUM(total_events) when both sums are 0; DESIGN §5 says null, so a zero
total maps to null here.
"""
import datetime as dt
import decimal
import json
import os
import random
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

OUT = sys.argv[1]
START = dt.date(2026, 3, 2)  # a Monday
DAYS = 60
TENANTS = [f"tenant-{i:02d}" for i in range(20)]
TYPES = ["click", "view", "error", "purchase"]


def base_rows(days=DAYS, seed=7):
    rnd = random.Random(seed)
    rows = []
    for d in range(days):
        date = START + dt.timedelta(days=d)
        week = d // 7
        for t, tenant in enumerate(TENANTS):
            for event_type in TYPES:
                total = rnd.randint(0, 5000) * (t + 1)
                # Some tenants have whole weeks with no events: error rate null.
                if (t == 7 and week == 2) or (t == 13 and week in (4, 5)):
                    total = 0
                errors = rnd.randint(0, total // 4) if total else 0
                rows.append({
                    "date": date, "tenant_id": tenant, "event_type": event_type,
                    "total_events": total, "error_events": errors,
                    "avg_session_duration": rnd.random() * 300 if total else None,
                    "unique_sessions": rnd.randint(0, 50),
                })
    return rows


SCHEMA = pa.schema([
    ("date", pa.date32()), ("tenant_id", pa.string()), ("event_type", pa.string()),
    ("total_events", pa.int64()), ("error_events", pa.int64()),
    ("avg_session_duration", pa.float64()), ("unique_sessions", pa.int64()),
])


def table(rows):
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def by_date(rows):
    out = {}
    for r in rows:
        out.setdefault(r["date"], []).append(r)
    return out


def expected(source, utc=False):
    con = duckdb.connect()
    if utc:
        con.execute("SET TimeZone='UTC'")
    con.execute(f"CREATE VIEW fact_events_daily AS SELECT * FROM {source}")
    daily = con.execute("""
        SELECT date::DATE AS date, tenant_id, SUM(total_events) AS events
        FROM fact_events_daily GROUP BY 1, 2 ORDER BY date""").fetchall()
    weekly = con.execute("""
        SELECT DATE_TRUNC('week', date::DATE) AS week, tenant_id,
               SUM(total_events), SUM(error_events),
               SUM(error_events) / SUM(total_events) AS error_rate
        FROM fact_events_daily GROUP BY 1, 2""").fetchall()
    return {
        "daily": [[str(d)[:10], t, int(e) if e is not None else None] for d, t, e in daily],
        "weekly": [[str(w)[:10], t, int(n) if n is not None else None, int(e) if e is not None else None,
                    repr(float(r)) if n else None] for w, t, n, e, r in weekly],
    }


def hive(root):
    return f"read_parquet('{root}/**/*.parquet', hive_partitioning=true, union_by_name=true)"


def files_list(paths):
    return "read_parquet([" + ",".join(f"'{p}'" for p in paths) + "], hive_partitioning=true, union_by_name=true)"


def duckdb_copy(root, rows, options="", select="*", partition="date"):
    con = duckdb.connect()
    t = table(rows)
    con.register("t", t)
    con.execute(f"COPY (SELECT {select} FROM t) TO '{root}' (FORMAT parquet, PARTITION_BY ({partition}){options})")


def write_hive_pyarrow(root, rows, **kw):
    pq.write_to_dataset(table(rows), root, partition_cols=["date"], **kw)


results = {}
rows = base_rows()


def variant(name, fn):
    root = os.path.join(OUT, name)
    os.makedirs(root, exist_ok=True)
    extra = fn(root) or {}
    res = extra.pop("expected", None) or expected(hive(root))
    res.update(extra)
    results[name] = res


variant("duckdb_default", lambda r: duckdb_copy(r, rows))
variant("duckdb_zstd_small_groups", lambda r: duckdb_copy(r, rows, ", COMPRESSION zstd, ROW_GROUP_SIZE 16"))
variant("duckdb_uint_counts", lambda r: duckdb_copy(
    r, rows, select="date, tenant_id, event_type, total_events::UINTEGER AS total_events, "
                    "error_events::UBIGINT AS error_events, avg_session_duration, unique_sessions"))


def nested(root):
    con = duckdb.connect()
    con.register("t", table(rows))
    con.execute(f"COPY (SELECT (hash(tenant_id) % 3)::INT AS x, * FROM t) TO '{root}' (FORMAT parquet, PARTITION_BY (x, date))")


variant("duckdb_nested_x_date", nested)
for codec in ("snappy", "gzip", "zstd"):
    variant(f"pyarrow_{codec}", lambda r, c=codec: write_hive_pyarrow(r, rows, compression=c))
variant("pyarrow_no_dictionary", lambda r: write_hive_pyarrow(r, rows, use_dictionary=False))
variant("pyarrow_page_v2", lambda r: write_hive_pyarrow(r, rows, data_page_version="2.0", compression="zstd"))
variant("pyarrow_delta", lambda r: write_hive_pyarrow(
    r, rows, use_dictionary=False,
    column_encoding={"tenant_id": "DELTA_BYTE_ARRAY", "event_type": "DELTA_LENGTH_BYTE_ARRAY",
                     "total_events": "DELTA_BINARY_PACKED", "error_events": "DELTA_BINARY_PACKED",
                     "unique_sessions": "DELTA_BINARY_PACKED"}))


def schema_variant(root):
    # INT32 counts, FLOAT avg, an extra column, another column order, no unique_sessions.
    t = table(rows)
    t = pa.table({
        "error_events": t["error_events"].cast(pa.int32()),
        "note": pa.array(["x"] * len(t)),
        "avg_session_duration": t["avg_session_duration"].cast(pa.float32()),
        "total_events": t["total_events"].cast(pa.int32()),
        "event_type": t["event_type"], "tenant_id": t["tenant_id"], "date": t["date"],
    })
    pq.write_to_dataset(t, root, partition_cols=["date"])


variant("pyarrow_schema_variants", schema_variant)


def several_files(root):
    # Two files a partition with different schemas, plus the litter real writers leave.
    for date, day in by_date(rows).items():
        folder = os.path.join(root, f"date={date}")
        os.makedirs(folder)
        half = len(day) // 2
        a = table(day[:half]).drop(["date"])
        pq.write_table(a, os.path.join(folder, "part-00000.snappy.parquet"))
        b = table(day[half:])
        b = pa.table({"tenant_id": b["tenant_id"], "total_events": b["total_events"].cast(pa.int32()),
                      "error_events": b["error_events"].cast(pa.int32()), "extra": b["unique_sessions"]})
        pq.write_table(b, os.path.join(folder, "part-00001.snappy.parquet"), compression="gzip")
        open(os.path.join(folder, "_SUCCESS"), "w").close()
        open(os.path.join(folder, ".part-00000.snappy.parquet.crc"), "wb").write(b"garbage")
    open(os.path.join(root, "_SUCCESS"), "w").close()
    open(os.path.join(root, "_metadata"), "wb").write(b"not parquet")
    open(os.path.join(root, "_common_metadata"), "wb").write(b"not parquet")


variant("several_files_and_litter", several_files)


def polars_hive(root):
    import polars as pl
    df = pl.from_arrow(table(rows))
    for (date,), part in df.group_by(["date"], maintain_order=True):
        folder = os.path.join(root, f"date={date}")
        os.makedirs(folder)
        part.drop("date").write_parquet(os.path.join(folder, "00000000.parquet"))


variant("polars_hive", polars_hive)

try:
    import fastparquet
    import pandas as pd

    def fastparquet_hive(root):
        df = pd.DataFrame(rows)
        df["date"] = df["date"].map(str)
        fastparquet.write(root, df, partition_on=["date"], file_scheme="hive")

    variant("fastparquet_hive", fastparquet_hive)
except ImportError:
    results["fastparquet_hive"] = {"skip": "fastparquet is not installed"}


def single(kind):
    def fn(root):
        t = table(rows)
        if kind == "string":
            t = t.set_column(0, "date", pa.array([str(d) for d in t["date"].to_pylist()]))
        elif kind == "timestamp":
            stamps = [dt.datetime.combine(d, dt.time(h % 24, 30), tzinfo=dt.timezone.utc)
                      for h, d in enumerate(t["date"].to_pylist())]
            t = t.set_column(0, "date", pa.array(stamps, pa.timestamp("us", tz="UTC")))
        path = os.path.join(root, "fact_events_daily.parquet")
        pq.write_table(t, path, row_group_size=700)
        return {"expected": expected(f"read_parquet('{path}')", utc=True)}
    return fn


for kind in ("date", "string", "timestamp"):
    variant(f"single_file_{kind}_column", single(kind))


def corrupt(root):
    duckdb_copy(root, rows)
    bad_date = START + dt.timedelta(days=9)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".parquet"))
    bad = [f for f in files if f"date={bad_date}" in f]
    good = [f for f in files if f not in bad]
    exp = expected(files_list(good))
    for f in bad:
        size = os.path.getsize(f)
        with open(f, "r+b") as h:
            h.truncate(size // 2)
    return {"expected": exp, "corrupt_date": str(bad_date), "corrupt_files": bad}


variant("corrupt_partition", corrupt)


def twelve_weeks(root):
    for date, day in by_date(base_rows(days=84, seed=11)).items():
        folder = os.path.join(root, f"date={date}")
        os.makedirs(folder)
        pq.write_table(table(day[:40]).drop(["date"]), os.path.join(folder, "part-0.parquet"))
        pq.write_table(table(day[40:]).drop(["date"]), os.path.join(folder, "part-1.parquet"))


variant("twelve_weeks_two_files_a_day", twelve_weeks)



def timestamp_partitions(root):
    # A TIMESTAMP `date` partition column: DuckDB names its folders date=2026-03-02%2000%3A00%3A00;
    # Spark names them date=2026-03-02 00%3A00%3A00 (odd days renamed so). DuckDB's reading of
    # its own folder is the oracle.
    duckdb_copy(root, rows, select="date::TIMESTAMP AS date, * EXCLUDE (date)")
    exp = expected(hive(root))
    for i, name in enumerate(sorted(os.listdir(root))):
        if i % 2:
            os.rename(os.path.join(root, name), os.path.join(root, name.replace("%20", " ")))
    return {"expected": exp}


variant("timestamp_partitions", timestamp_partitions)


def decimals(column, precision, scale):
    return pa.array([None if v is None else decimal.Decimal(v) for v in column.to_pylist()],
                    pa.decimal128(precision, scale))


def decimal_counts(root):
    # Counts as DECIMAL(p, 0), as Spark writes them: on INT64 (DECIMAL(18,0)) and as
    # FIXED_LEN_BYTE_ARRAY (DECIMAL(38,0), and any DECIMAL in Spark's legacy format).
    t = table(rows)
    t = t.set_column(3, "total_events", decimals(t["total_events"], 18, 0))
    t = t.set_column(4, "error_events", decimals(t["error_events"], 38, 0))
    pq.write_to_dataset(t, root, partition_cols=["date"], store_decimal_as_integer=True)
    return {"expected": dict(results["duckdb_default"])}


variant("decimal_counts", decimal_counts)


def decimal_scaled_counts(root):
    # DECIMAL(10,2) counts store 14 as 1400: refused, never read as counts. Also a folder of
    # null dates and one whose value is no date: each named, not read.
    t = table(rows[:40])
    t = t.set_column(3, "total_events", decimals(t["total_events"], 10, 2))
    pq.write_to_dataset(t, root, partition_cols=["date"], store_decimal_as_integer=True)
    for name in ("date=__HIVE_DEFAULT_PARTITION__", "date=soon"):
        os.makedirs(os.path.join(root, name))
        pq.write_table(table(rows[:3]).drop(["date"]), os.path.join(root, name, "part-0.parquet"))
    return {"expected": {"daily": [], "weekly": []}}


variant("decimal_scaled_counts", decimal_scaled_counts)


def overflow(root):
    # One date whose sum for a tenant does not fit in 64 bits; the next date is fine.
    big = [dict(rows[0], date=START, total_events=2**63 - 1), dict(rows[0], date=START, total_events=1),
           dict(rows[0], date=START + dt.timedelta(days=1), total_events=5)]
    write_hive_pyarrow(root, big)
    return {"expected": {"daily": [], "weekly": []}}


variant("overflow", overflow)
json.dump(results, sys.stdout)
