"""Files written by pyarrow, DuckDB and polars (into tmp_path at test time) read by
`eventtop parquet cat`: its NDJSON (and, for part of the matrix, CSV) must equal the
writer's own reading of the file, formatted by the value rules (parquet_expect.py).

Matrix:
  pyarrow: compression none/snappy/gzip/brotli/zstd/lz4(=LZ4_RAW) x data page v1/v2 x
           dictionary on/off; DELTA_BINARY_PACKED ints with DELTA_LENGTH_BYTE_ARRAY or
           DELTA_BYTE_ARRAY strings and BYTE_STREAM_SPLIT floats; BYTE_STREAM_SPLIT on every
           type that takes it; format versions 1.0/2.4/2.6; several row groups, small pages,
           nulls in every optional column; edge cases (empty table, all-null columns).
  DuckDB:  COPY ... (FORMAT parquet, COMPRESSION c, ROW_GROUP_SIZE n [, PARQUET_VERSION v2]);
           expected = DuckDB's own reading (pyarrow 26 fails on some DuckDB v2 files).
  polars:  write_parquet with each codec, statistics on/off; expected = polars' reading.

Run from the repository root:
    EVENTTOP_BIN=.build/debug/eventtop .venv/bin/python -m pytest -q Tests/oracle/test_parquet_interop.py
"""
from __future__ import annotations

import decimal
import random
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import parquet_expect as pe  # noqa: E402

TIMEOUT = 60
ROWS = 700


def decoded(r: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """Output as text without newline translation (text=True would turn \r\n into \n)."""
    r.stdout = r.stdout.decode("utf-8", "replace")
    r.stderr = r.stderr.decode("utf-8", "replace")
    return r


def cat(binary, path, fmt="ndjson"):
    return decoded(subprocess.run([str(binary), "parquet", "cat", str(path), "--format", fmt],
                                  capture_output=True, timeout=TIMEOUT))


def check(binary, path: Path, names, rows, csv_too=False):
    r = cat(binary, path)
    assert r.returncode == 0, f"exit {r.returncode}: {r.stderr.strip()}"
    diffs = pe.first_diff_by_column(names, rows, r.stdout)
    problems = pe.compare_rows(names, rows, r.stdout, limit=3)
    assert not problems and not diffs, "; ".join(problems) + " | first diff per column: " + \
        "; ".join(f"{k}: {v}" for k, v in diffs.items())
    if csv_too:
        r = cat(binary, path, "csv")
        assert r.returncode == 0, r.stderr
        problems = pe.compare_csv(names, rows, r.stdout)
        assert not problems, "csv: " + "; ".join(problems)


# ------------------------------------------------------------------------------ data

TEXTS = ["", "a", "plain", "comma,inside", 'quote"inside', "new\nline", "crlf\r\nx", "tab\tx",
         "ünïcødé", "日本語", "emoji 🎉", " lead", "trail ", "x" * 300, "NaN", "null", "-0.0"]


def _with_nulls(rng, vals, p=0.15):
    return [None if rng.random() < p else v for v in vals]


def pyarrow_table(seed: int = 1, n: int = ROWS) -> pa.Table:
    rng = random.Random(seed)

    def ints(lo, hi):
        edge = [lo, hi, 0, -1 if lo < 0 else 1, lo + 1, hi - 1]
        return _with_nulls(rng, [edge[i] if i < len(edge) else rng.randint(lo, hi) for i in range(n)])

    def small_ints(lo, hi):  # dictionary-friendly
        return _with_nulls(rng, [rng.randint(lo, hi) for _ in range(n)])

    floats = [0.0, -0.0, 1.0, -1.5, 0.1, 1e308, -1e-308, 5e-324, float("nan"), float("inf"),
              float("-inf"), 3.141592653589793, 1e16, 123456789.125]

    def fl():
        return _with_nulls(rng, [floats[i] if i < len(floats) else rng.uniform(-1e6, 1e6)
                                 for i in range(n)])

    f32 = [0.0, -0.0, 1.0, 0.1, 3.4028234663852886e38, 1.401298464324817e-45, float("nan"),
           float("inf"), float("-inf"), 16777217.0]
    f16 = [0.0, -0.0, 1.0, 0.1, 65504.0, 5.960464477539063e-08, float("nan"), float("inf"),
           float("-inf"), 2049.0, -3.5]

    def fixed(vals, count):
        return _with_nulls(rng, [vals[i] if i < len(vals) else round(rng.uniform(-1000, 1000), 3)
                                 for i in range(count)])

    def dec(prec, scale):
        edge = [10 ** prec - 1, -(10 ** prec - 1), 0, -5, 5, 100]
        raw = [edge[i] if i < len(edge) else rng.randint(-(10 ** prec - 1), 10 ** prec - 1)
               for i in range(n)]
        return pa.array(_with_nulls(rng, [decimal.Decimal(v).scaleb(-scale, decimal.Context(prec=80)) for v in raw]),
                        pa.decimal128(prec, scale))

    def strings():
        return _with_nulls(rng, [TEXTS[i] if i < len(TEXTS) else
                                 "".join(rng.choice("abcdefgh ,\"é") for _ in range(rng.randint(0, 20)))
                                 for i in range(n)])

    def repeated_strings():  # few distinct values: dictionary pages
        return _with_nulls(rng, [rng.choice(TEXTS[:8]) for _ in range(n)])

    def binaries():
        return _with_nulls(rng, [bytes(rng.randrange(256) for _ in range(rng.randint(0, 12)))
                                 for _ in range(n)])

    def ts(lo, hi):
        edge = [0, -1, 1, lo, hi]
        return _with_nulls(rng, [edge[i] if i < len(edge) else rng.randint(lo, hi) for i in range(n)])

    day_ns = 86_400_000_000_000
    # NS_LO: below it eventtop crashes (test_extreme_ns_timestamps); kept out of the matrix
    # so the crash does not hide every other column.
    # timestamps from 1677-09-22 to 2262-04-11 in ns, wider for ms/us (years 0001..9999)
    ms_lo, ms_hi = -62135596800000, 253402300799999
    cols = {
        "b": pa.array(_with_nulls(rng, [rng.random() < 0.5 for _ in range(n)]), pa.bool_()),
        "b_req": pa.array([rng.random() < 0.3 for _ in range(n)], pa.bool_()),
        "i8": pa.array(ints(-128, 127), pa.int8()),
        "i16": pa.array(ints(-32768, 32767), pa.int16()),
        "i32": pa.array(ints(-2**31, 2**31 - 1), pa.int32()),
        "i64": pa.array(ints(-2**63, 2**63 - 1), pa.int64()),
        "i64_req": pa.array([rng.randint(-2**63, 2**63 - 1) for _ in range(n)], pa.int64()),
        "i32_small": pa.array(small_ints(-3, 3), pa.int32()),
        "u8": pa.array(ints(0, 255), pa.uint8()),
        "u16": pa.array(ints(0, 65535), pa.uint16()),
        "u32": pa.array(ints(0, 2**32 - 1), pa.uint32()),
        "u64": pa.array(ints(0, 2**64 - 1), pa.uint64()),
        "f16": pa.array(fixed(f16, n), pa.float32()).cast(pa.float16()),
        "f32": pa.array(fixed(f32, n), pa.float32()),
        "f64": pa.array(fl(), pa.float64()),
        "s": pa.array(strings(), pa.string()),
        "s_dict": pa.array(repeated_strings(), pa.string()),
        "bin": pa.array(binaries(), pa.binary()),
        "fsb": pa.array(_with_nulls(rng, [bytes(rng.randrange(256) for _ in range(5)) for _ in range(n)]),
                        pa.binary(5)),
        "d9_2": dec(9, 2),
        "d18_4": dec(18, 4),
        "d38_10": dec(38, 10),
        "date": pa.array(ts(-719162, 2932896), pa.int32()).cast(pa.date32()),
        "t_ms": pa.array(_with_nulls(rng, [rng.randint(0, 86_399_999) for _ in range(n)]), pa.int32())
                  .cast(pa.time32("ms")),
        "t_us": pa.array(_with_nulls(rng, [rng.randint(0, 86_399_999_999) for _ in range(n)]), pa.int64())
                  .cast(pa.time64("us")),
        "t_ns": pa.array(_with_nulls(rng, [rng.randint(0, day_ns - 1) for _ in range(n)]), pa.int64())
                  .cast(pa.time64("ns")),
        "ts_ms": pa.array(ts(ms_lo, ms_hi), pa.int64()).cast(pa.timestamp("ms")),
        "ts_us": pa.array(ts(ms_lo * 1000, ms_hi * 1000), pa.int64()).cast(pa.timestamp("us")),
        "ts_ns": pa.array(ts(NS_LO, 2**63 - 1), pa.int64()).cast(pa.timestamp("ns")),
        "ts_ms_tz": pa.array(ts(ms_lo, ms_hi), pa.int64()).cast(pa.timestamp("ms", tz="UTC")),
        "ts_us_tz": pa.array(ts(ms_lo * 1000, ms_hi * 1000), pa.int64()).cast(pa.timestamp("us", tz="UTC")),
        "ts_ns_tz": pa.array(ts(NS_LO, 2**63 - 1), pa.int64()).cast(pa.timestamp("ns", tz="Europe/Paris")),
    }
    if hasattr(pa, "uuid"):
        cols["uuid"] = pa.array(_with_nulls(rng, [bytes(rng.randrange(256) for _ in range(16))
                                                  for _ in range(n)]), pa.uuid())
    return pa.table(cols)


NS_LO = -9_223_372_036_000_000_000


@pytest.mark.parametrize("unit,value", [("ns", -2**63 + 1), ("ns", -2**63), ("ns", NS_LO - 1),
                                        ("us", -2**63), ("ms", -2**63)])
def test_extreme_timestamps(eventtop, tmp_path, unit, value):
    f = tmp_path / "t.parquet"
    pq.write_table(pa.table({"a": pa.array([value], pa.int64()).cast(pa.timestamp(unit))}), f)
    names, rows = pe.expect_file(f)
    check(eventtop, f, names, rows)


INT_COLS = ["i8", "i16", "i32", "i64", "i64_req", "i32_small", "u8", "u16", "u32", "u64"]
STR_COLS = ["s", "s_dict", "bin"]
FLOAT_COLS = ["f32", "f64"]


def _write(path, table, **kw):
    pq.write_table(table, path, row_group_size=250, data_page_size=2048,
                   write_batch_size=64, **kw)


CODECS = ["none", "snappy", "gzip", "brotli", "zstd", "lz4"]
PAGE_VERSIONS = ["1.0", "2.0"]

BASIC = [pytest.param(c, v, d, id=f"{c}-v{v}-{'dict' if d else 'plain'}")
         for c in CODECS for v in PAGE_VERSIONS for d in (True, False)]


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return pyarrow_table()


@pytest.mark.parametrize("codec,page_version,dictionary", BASIC)
def test_pyarrow_codec_page_dictionary(eventtop, tmp_path, table, codec, page_version, dictionary):
    f = tmp_path / "t.parquet"
    _write(f, table, compression=codec, data_page_version=page_version, use_dictionary=dictionary)
    names, rows = pe.expect_file(f)
    check(eventtop, f, names, rows, csv_too=True)


ENCODING_SETS = {
    "delta-dlba": {**{c: "DELTA_BINARY_PACKED" for c in INT_COLS},
                   **{c: "DELTA_LENGTH_BYTE_ARRAY" for c in STR_COLS},
                   **{c: "BYTE_STREAM_SPLIT" for c in FLOAT_COLS}},
    "delta-dba": {**{c: "DELTA_BINARY_PACKED" for c in INT_COLS},
                  **{c: "DELTA_BYTE_ARRAY" for c in STR_COLS + ["fsb"]},
                  **{c: "BYTE_STREAM_SPLIT" for c in FLOAT_COLS}},
    # BYTE_STREAM_SPLIT on every type that takes it: INT32, INT64, FLOAT, DOUBLE, FLBA
    "bss-all": {**{c: "BYTE_STREAM_SPLIT" for c in INT_COLS + FLOAT_COLS + ["f16", "fsb", "d9_2", "d18_4",
                                                                            "date", "ts_ns"]}},
}

ENCODED = [pytest.param(e, c, v, id=f"{e}-{c}-v{v}")
           for e in ENCODING_SETS for c in CODECS for v in PAGE_VERSIONS]


@pytest.mark.parametrize("encodings,codec,page_version", ENCODED)
def test_pyarrow_encodings(eventtop, tmp_path, table, encodings, codec, page_version):
    f = tmp_path / "t.parquet"
    _write(f, table, compression=codec, data_page_version=page_version, use_dictionary=False,
           column_encoding=ENCODING_SETS[encodings])
    names, rows = pe.expect_file(f)
    check(eventtop, f, names, rows)


@pytest.mark.parametrize("version", ["1.0", "2.4", "2.6"])
@pytest.mark.parametrize("stats", [True, False], ids=["stats", "nostats"])
def test_pyarrow_format_versions(eventtop, tmp_path, table, version, stats):
    f = tmp_path / "t.parquet"
    extra = {} if version == "2.6" else dict(coerce_timestamps="us", allow_truncated_timestamps=True)
    _write(f, table, version=version, write_statistics=stats, compression="snappy", **extra)
    names, rows = pe.expect_file(f)
    check(eventtop, f, names, rows)


def test_pyarrow_int96_timestamps(eventtop, tmp_path, table):
    f = tmp_path / "t.parquet"
    t = table.select(["ts_ms", "ts_us", "ts_ns", "ts_us_tz"])
    _write(f, t, use_deprecated_int96_timestamps=True)
    names, rows = pe.expect_file(f)
    check(eventtop, f, names, rows)


@pytest.mark.parametrize("kind", ["empty", "all-null", "one-row", "big-pages"])
def test_pyarrow_edge_tables(eventtop, tmp_path, table, kind):
    f = tmp_path / "t.parquet"
    if kind == "empty":
        t = table.slice(0, 0)
    elif kind == "all-null":
        t = pa.table({n: pa.nulls(50, table.schema.field(n).type) for n in table.column_names
                      if not n.endswith("_req")})
    elif kind == "one-row":
        t = table.slice(3, 1)
    else:
        t = table
    if kind == "big-pages":
        pq.write_table(t, f, row_group_size=10_000, data_page_size=1 << 20)
    else:
        _write(f, t)
    names, rows = pe.expect_file(f)
    check(eventtop, f, names, rows, csv_too=True)


# ------------------------------------------------------------------------------ DuckDB

DUCK_SELECT = """
SELECT
  i::INTEGER AS id,
  CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 2 = 0) END AS b,
  CASE WHEN i % 5 = 0 THEN NULL ELSE ((i * 37) % 256 - 128)::TINYINT END AS i8,
  CASE WHEN i % 6 = 0 THEN NULL ELSE ((i * 997) % 65536 - 32768)::SMALLINT END AS i16,
  CASE WHEN i % 4 = 0 THEN NULL ELSE ((i * 104729) % 4294967296 - 2147483648)::INTEGER END AS i32,
  CASE WHEN i % 3 = 0 THEN NULL
       WHEN i = 1 THEN -9223372036854775808 WHEN i = 2 THEN 9223372036854775807
       ELSE (hash(i) % 9223372036854775807)::BIGINT END AS i64,
  CASE WHEN i % 5 = 1 THEN NULL ELSE ((i * 7) % 256)::UTINYINT END AS u8,
  CASE WHEN i % 5 = 2 THEN NULL ELSE ((i * 7919) % 65536)::USMALLINT END AS u16,
  CASE WHEN i % 5 = 3 THEN NULL ELSE ((i * 2654435761) % 4294967296)::UINTEGER END AS u32,
  CASE WHEN i % 5 = 4 THEN NULL WHEN i = 1 THEN 18446744073709551615::UBIGINT ELSE hash(i) END AS u64,
  CASE WHEN i % 9 = 0 THEN NULL WHEN i = 1 THEN 'NaN'::FLOAT WHEN i = 2 THEN '-inf'::FLOAT
       ELSE (i / 7.0)::FLOAT END AS f32,
  CASE WHEN i % 9 = 1 THEN NULL WHEN i = 3 THEN 'inf'::DOUBLE WHEN i = 4 THEN -0.0::DOUBLE
       ELSE i / 3.0 END AS f64,
  CASE WHEN i % 8 = 0 THEN NULL ELSE ((i * 31) % 200000 - 100000)::DECIMAL(9,2) / 100 END AS d9_2,
  CASE WHEN i % 8 = 1 THEN NULL ELSE ((hash(i) % 100000000000000)::DECIMAL(18,4) / 10000 - 5000) END AS d18_4,
  CASE WHEN i % 8 = 2 THEN NULL ELSE (i::DECIMAL(38,10) * 12345678901.0123456789) END AS d38_10,
  CASE WHEN i % 10 = 0 THEN NULL ELSE 'row ' || i || CASE WHEN i % 3 = 0 THEN ',"q"' ELSE 'é' END END AS s,
  CASE WHEN i % 10 = 1 THEN NULL ELSE ['red','green','blue'][1 + i % 3] END AS s_dict,
  CASE WHEN i % 10 = 2 THEN NULL ELSE ('\\x' || lpad(to_hex(i % 256), 2, '0'))::BLOB END AS bin,
  CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '1900-01-01' + (i * 53)::INTEGER END AS date,
  CASE WHEN i % 11 = 1 THEN NULL ELSE TIME '00:00:00' + INTERVAL (i * 61001) MILLISECOND END AS t_us,
  CASE WHEN i % 11 = 2 THEN NULL ELSE TIMESTAMP '1960-01-01 00:00:00' + INTERVAL (i * 7777777777) MICROSECOND END AS ts_us,
  CASE WHEN i % 11 = 3 THEN NULL ELSE (TIMESTAMP '1969-12-31 23:59:59' + INTERVAL (i * 333) MILLISECOND)::TIMESTAMP_MS END AS ts_ms,
  CASE WHEN i % 11 = 4 THEN NULL ELSE (TIMESTAMP '2020-01-01' + INTERVAL (i * 1234567) MICROSECOND)::TIMESTAMP_NS END AS ts_ns,
  CASE WHEN i % 11 = 5 THEN NULL ELSE TIMESTAMPTZ '2001-02-03 04:05:06.789+00' + INTERVAL (i) HOUR END AS ts_tz,
  CASE WHEN i % 11 = 6 THEN NULL ELSE ('00000000-0000-4000-8000-' || lpad(to_hex(i * 48271), 12, '0'))::UUID END AS uuid
FROM range(0, 2500) t(i)
"""

DUCK_CODECS = ["uncompressed", "snappy", "gzip", "zstd", "brotli", "lz4"]
DUCK = [pytest.param(c, v, rg, id=f"{c}-{v}-rg{rg}")
        for c in DUCK_CODECS for v in ("v1", "v2") for rg in (1000, 100_000)]


@pytest.fixture(scope="module")
def duck():
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    return con


@pytest.mark.parametrize("codec,version,row_group", DUCK)
def test_duckdb_written(eventtop, tmp_path, duck, codec, version, row_group):
    f = tmp_path / "d.parquet"
    opts = f"FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE {row_group}"
    if version == "v2":
        opts += ", PARQUET_VERSION v2"
    duck.execute(f"COPY ({DUCK_SELECT}) TO '{f}' ({opts})")
    table = duck.sql(f"SELECT * FROM read_parquet('{f}')").to_arrow_table()
    names, rows = pe.expect_table(table, pe.parquet_leaves(f))
    check(eventtop, f, names, rows)


# ------------------------------------------------------------------------------ polars

POLARS_CODECS = ["uncompressed", "snappy", "gzip", "brotli", "zstd", "lz4"]
POLARS = [pytest.param(c, s, id=f"{c}-{'stats' if s else 'nostats'}")
          for c in POLARS_CODECS for s in (True, False)]


@pytest.mark.parametrize("codec,stats", POLARS)
def test_polars_written(eventtop, tmp_path, table, codec, stats):
    pl = pytest.importorskip("polars")
    keep = [c for c in table.column_names if c not in ("f16", "uuid", "ts_ns_tz", "d9_2", "d18_4")]
    df = pl.from_arrow(table.select(keep))
    df = df.with_columns(pl.col("s_dict").cast(pl.Categorical).alias("cat"))
    f = tmp_path / "p.parquet"
    df.write_parquet(f, compression=codec, statistics=stats, row_group_size=300, data_page_size=4096)
    got = pl.read_parquet(f).to_arrow()
    names, rows = pe.expect_table(got, pe.parquet_leaves(f))
    check(eventtop, f, names, rows)
