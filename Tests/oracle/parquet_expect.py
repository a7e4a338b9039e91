"""What `eventtop parquet cat` should print for a Parquet file, per the value text rules.

The expected values come from another reader (pyarrow's `pq.read_table`, or DuckDB's or
polars' own reading for files they wrote); this module turns them into the texts eventtop
must print and compares eventtop's NDJSON / CSV output with them.

Value rules (`parquet cat --format ndjson`, one object a row, flat top-level columns in
schema order):
    null -> null; BOOLEAN -> true/false; integers exact (unsigned printed unsigned);
    FLOAT/DOUBLE/FLOAT16 -> JSON numbers that round-trip, NaN/inf/-inf as strings;
    DECIMAL -> number text with exactly `scale` digits after the point; DATE YYYY-MM-DD;
    TIME HH:MM:SS.fff (3/6/9 digits by unit); TIMESTAMP YYYY-MM-DDTHH:MM:SS.fff... (3/6/9
    digits) + Z only when isAdjustedToUTC; INT96 as a 9-digit timestamp without Z;
    STRING/ENUM/JSON as text; UUID 8-4-4-4-12 lowercase hex; other binary base64.

Expected cells are small tagged tuples:
    None                     null
    ("bool", b)              true / false
    ("num", text)            a JSON number whose text must match exactly (ints, decimals)
    ("float", x, kind)       a float compared numerically at the column's precision
                             (kind "f16" | "f32" | "f64"); NaN equals NaN; inf/-inf/NaN
                             must be the JSON strings "inf"/"-inf"/"NaN"
    ("str", text)            a JSON string that must match exactly
"""
from __future__ import annotations

import base64
import csv
import decimal
import io
import json
import math
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

# --------------------------------------------------------------------------- formatting

_DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9}
_PER_S = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def civil_from_days(z: int) -> tuple[int, int, int]:
    """Days since 1970-01-01 -> (year, month, day), proleptic Gregorian with astronomical
    years, by Python's datetime shifted by whole 400-year cycles (146097 days) into its range."""
    import datetime
    ordinal = 719163 + z  # date(1970, 1, 1).toordinal()
    cycles = 0
    while ordinal < 1:
        ordinal += 146097
        cycles -= 1
    while ordinal > 3652059:  # date(9999, 12, 31).toordinal()
        ordinal -= 146097
        cycles += 1
    d = datetime.date.fromordinal(ordinal)
    return (d.year + 400 * cycles, d.month, d.day)


def fmt_date(days: int) -> str:
    y, m, d = civil_from_days(days)
    return f"{y:04d}-{m:02d}-{d:02d}"


def fmt_time(value: int, unit: str) -> str:
    per = _PER_S[unit]
    secs, frac = divmod(value, per)
    h, rem = divmod(secs, 3600)
    mi, s = divmod(rem, 60)
    digits = _DIGITS[unit] or 3
    frac_text = str(frac * (10 ** digits) // per).rjust(digits, "0")
    return f"{h:02d}:{mi:02d}:{s:02d}.{frac_text}"


def fmt_timestamp(value: int, unit: str, utc: bool) -> str:
    per = _PER_S[unit]
    secs, frac = divmod(value, per)          # floor: negative values count back from the second
    days, sod = divmod(secs, 86400)
    h, rem = divmod(sod, 3600)
    mi, s = divmod(rem, 60)
    digits = _DIGITS[unit] or 3
    frac_text = str(frac * (10 ** digits) // per).rjust(digits, "0")
    return f"{fmt_date(days)}T{h:02d}:{mi:02d}:{s:02d}.{frac_text}" + ("Z" if utc else "")


def fmt_decimal(d: decimal.Decimal, scale: int) -> str:
    ctx = decimal.Context(prec=100)
    q = d.quantize(decimal.Decimal(1).scaleb(-scale, ctx), context=ctx)
    text = format(q, "f")
    if scale > 0:
        whole, _, frac = text.partition(".")
        text = whole + "." + frac.ljust(scale, "0")
    return text


def fmt_uuid(b: bytes) -> str:
    h = b.hex()
    return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def float_cell(x, kind: str):
    return None if x is None else ("float", float(x), kind)


# --------------------------------------------------------------------------- columns

def _annotation(col) -> str:
    """The Parquet logical / converted annotation of a leaf column, as a short word."""
    lt = col.logical_type
    name = getattr(lt, "type", None) or str(lt).split("(")[0]
    name = str(name).upper()
    return name


def parquet_leaves(path) -> dict[str, object]:
    """Top-level, non-repeated leaf columns of the file's Parquet schema, by name."""
    schema = pq.ParquetFile(path).schema
    out = {}
    for i in range(len(schema)):
        c = schema.column(i)
        if c.max_repetition_level == 0 and "." not in c.path:
            out[c.path] = c
    return out


def is_nested(t: pa.DataType) -> bool:
    if isinstance(t, pa.ExtensionType):
        t = t.storage_type
    if pa.types.is_dictionary(t):
        return False
    return pa.types.is_nested(t)


_UNIT = {"milliseconds": "ms", "microseconds": "us", "nanoseconds": "ns"}


def _logical_json(pcol) -> dict:
    if pcol is None or pcol.logical_type is None:
        return {}
    try:
        return json.loads(pcol.logical_type.to_json())
    except Exception:  # noqa: BLE001
        return {}


def _rescale(v: int, src: str, dst: str) -> int:
    a, b = _PER_S[src], _PER_S[dst]
    if a == b:
        return v
    if b > a:
        return v * (b // a)
    q, r = divmod(v, a // b)
    assert r == 0, f"value {v} {src} does not fit {dst}"
    return q


def column_cells(arr: pa.Array, pcol=None) -> list:
    """Expected cells for one column. `pcol` is the Parquet leaf (for annotations)."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks else pa.array([], type=arr.type)
    t = arr.type
    ann = _annotation(pcol) if pcol is not None else ""
    phys = pcol.physical_type if pcol is not None else ""
    if isinstance(arr, pa.ExtensionArray):
        arr = arr.storage
        t = arr.type
    if pa.types.is_dictionary(t):
        arr = arr.dictionary_decode()
        t = arr.type
    n = len(arr)
    valid = [v for v in arr.is_valid().to_pylist()] if n else []

    def with_nulls(vals):
        return [v if ok else None for v, ok in zip(vals, valid)]

    if pa.types.is_boolean(t):
        return [None if v is None else ("bool", bool(v)) for v in arr.to_pylist()]
    if pa.types.is_integer(t):
        return [None if v is None else ("num", str(v)) for v in arr.to_pylist()]
    if pa.types.is_float16(t):
        vals = arr.cast(pa.float32()).to_pylist()
        return [float_cell(v, "f16") for v in vals]
    if pa.types.is_float32(t):
        return [float_cell(v, "f32") for v in arr.to_pylist()]
    if pa.types.is_float64(t):
        return [float_cell(v, "f64") for v in arr.to_pylist()]
    if pa.types.is_decimal(t):
        return [None if v is None else ("num", fmt_decimal(v, t.scale)) for v in arr.to_pylist()]
    if pa.types.is_date32(t) or pa.types.is_date64(t):
        days = arr.cast(pa.date32()).cast(pa.int32()).to_pylist()
        return [None if v is None else ("str", fmt_date(v)) for v in days]
    # TIME / TIMESTAMP: digits follow the unit in the *file* (the Parquet logical type), which
    # can differ from the reader's Arrow unit (DuckDB reads TIMESTAMP_MS as microseconds).
    plog = _logical_json(pcol)
    if pa.types.is_time(t):
        ints = arr.cast(pa.int64() if t.bit_width == 64 else pa.int32()).to_pylist()
        unit = _UNIT.get(plog.get("timeUnit"), t.unit) if plog.get("Type") == "Time" else t.unit
        return [None if v is None else ("str", fmt_time(_rescale(v, t.unit, unit), unit)) for v in ints]
    if pa.types.is_timestamp(t):
        ints = arr.cast(pa.int64()).to_pylist()
        unit, utc = t.unit, t.tz is not None
        if plog.get("Type") == "Timestamp":
            unit = _UNIT.get(plog.get("timeUnit"), t.unit)
            utc = bool(plog.get("isAdjustedToUTC"))
        return [None if v is None else ("str", fmt_timestamp(_rescale(v, t.unit, unit), unit, utc))
                for v in ints]
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return [None if v is None else ("str", v) for v in arr.to_pylist()]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t) \
            or pa.types.is_fixed_size_binary(t):
        vals = arr.to_pylist()
        if ann in ("STRING", "ENUM", "JSON"):
            return [None if v is None else ("str", v.decode("utf-8", "replace")) for v in vals]
        if ann == "UUID" or (pa.types.is_fixed_size_binary(t) and t.byte_width == 16 and ann == "UUID"):
            return [None if v is None else ("str", fmt_uuid(v)) for v in vals]
        return [None if v is None else ("str", b64(v)) for v in vals]
    raise TypeError(f"no expectation rule for arrow type {t}")


def expect_table(table: pa.Table, leaves: dict | None = None) -> tuple[list[str], list[list]]:
    """(flat column names, rows of cells) for an Arrow table; nested columns left out."""
    names, cols = [], []
    for i, field in enumerate(table.schema):
        if is_nested(field.type):
            continue
        names.append(field.name)
        cols.append(column_cells(table.column(i), (leaves or {}).get(field.name)))
    rows = [list(r) for r in zip(*cols)] if cols else []
    return names, rows


def expect_file(path) -> tuple[list[str], list[list]]:
    """pyarrow's reading of a file, flat top-level columns only."""
    table = pq.read_table(path)
    leaves = parquet_leaves(path)
    int96 = [n for n, c in leaves.items() if c.physical_type == "INT96" and n in table.column_names]
    if int96:
        table = _exact_int96(path, table, int96)
    return expect_table(table, leaves)


def _exact_int96(path, table: pa.Table, names: list[str]) -> pa.Table:
    """pyarrow converts INT96 to int64 nanoseconds and silently wraps values outside
    1677..2262 (int96_from_spark.parquet). Recover the exact instant: the seconds (read with
    coerce_int96_timestamp_unit="s", which does not wrap) fix a 2-s window, and the wrapped
    nanoseconds are the true value modulo 2**64. The result is a Python int column kept as
    pre-formatted text cells. (The last value of int96_from_spark.parquet comes out as
    year 11465252, as pyarrow's "s" and "ms" readings and eventtop also say; the file's .md
    describes it as 290000-12-31. Not settled by decoding the page by hand.)"""
    secs = pq.read_table(path, columns=names, coerce_int96_timestamp_unit="s")
    for name in names:
        s_vals = secs.column(name).cast(pa.int64()).to_pylist()
        ns_vals = table.column(name).cast(pa.int64()).to_pylist()
        texts = []
        for s, w in zip(s_vals, ns_vals):
            if s is None:
                texts.append(None)
                continue
            lo = s * 1_000_000_000 - 1_000_000_000
            true_ns = lo + ((w - lo) % (1 << 64))
            texts.append(fmt_timestamp(true_ns, "ns", False))
        i = table.column_names.index(name)
        table = table.set_column(i, pa.field(name, pa.string(), metadata={b"int96": b"1"}),
                                 pa.array(texts, pa.string()))
    return table


def nested_names(path) -> list[str]:
    t = pq.ParquetFile(path).schema_arrow
    return [f.name for f in t if is_nested(f.type)]


# --------------------------------------------------------------------------- parsing output

class _Num(str):
    pass


def parse_ndjson(text: str) -> list[list[tuple[str, object]]]:
    """Each line -> list of (key, cell) in the order printed; numbers keep their text."""
    rows = []
    for line in text.splitlines():
        obj = json.loads(line, object_pairs_hook=list, parse_int=_Num, parse_float=_Num,
                         parse_constant=lambda c: ("bad-constant", c))
        rows.append([(k, _got_cell(v)) for k, v in obj])
    return rows


def _got_cell(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, _Num):
        return ("num", str(v))
    if isinstance(v, str):
        return ("str", v)
    return ("other", v)


# --------------------------------------------------------------------------- comparing

_SPECIAL = {"NaN": math.nan, "inf": math.inf, "-inf": -math.inf}


def _round(x: float, kind: str) -> float:
    if kind == "f32":
        return struct.unpack("<f", struct.pack("<f", x))[0] if math.isfinite(x) else x
    if kind == "f16":
        try:
            return struct.unpack("<e", struct.pack("<e", x))[0] if math.isfinite(x) else x
        except OverflowError:
            return math.copysign(math.inf, x)
    return x


def cell_matches(exp, got) -> bool:
    if exp is None or got is None:
        return exp is got
    if exp[0] != "float":
        return exp == got
    x, kind = exp[1], exp[2]
    if not math.isfinite(x):
        want = "NaN" if math.isnan(x) else ("inf" if x > 0 else "-inf")
        return got == ("str", want)
    if got[0] != "num":
        return False
    try:
        g = float(got[1])
    except ValueError:
        return False
    # Compare at the column's precision; the sign of zero counts.
    return _round(g, kind) == _round(x, kind) and math.copysign(1, g) == math.copysign(1, x)


def show(cell) -> str:
    if cell is None:
        return "null"
    if cell[0] == "float":
        return repr(cell[1])
    if cell[0] == "str":
        return json.dumps(cell[1])
    return str(cell[1]).lower() if cell[0] == "bool" else str(cell[1])


def compare_rows(names: list[str], expected: list[list], got_text: str, limit: int = 5) -> list[str]:
    """Differences between expected cells and eventtop's NDJSON, as readable lines."""
    problems: list[str] = []
    got = parse_ndjson(got_text)
    if len(got) != len(expected):
        problems.append(f"row count: expected {len(expected)}, got {len(got)}")
    for i, (erow, grow) in enumerate(zip(expected, got)):
        keys = [k for k, _ in grow]
        if keys != names:
            problems.append(f"row {i}: keys {keys} != expected {names}")
            if len(problems) >= limit:
                break
            continue
        for name, e, (_, g) in zip(names, erow, grow):
            if not cell_matches(e, g):
                problems.append(f"row {i} column {name}: expected {show(e)}, got {show(g)}")
                if len(problems) >= limit:
                    return problems
    return problems


def first_diff_by_column(names, expected, got_text) -> dict[str, str]:
    """For reports: per column, the first differing row."""
    out: dict[str, str] = {}
    got = parse_ndjson(got_text)
    for i, (erow, grow) in enumerate(zip(expected, got)):
        gmap = dict(grow)
        for name, e in zip(names, erow):
            if name in out:
                continue
            g = gmap.get(name, ("missing",))
            if not cell_matches(e, g):
                out[name] = f"row {i}: expected {show(e)}, got {show(g)}"
    return out


# CSV: the same texts, null = empty field.

def csv_text(cell) -> str:
    if cell is None:
        return ""
    if cell[0] == "bool":
        return "true" if cell[1] else "false"
    if cell[0] == "float":
        x = cell[1]
        return "NaN" if math.isnan(x) else ("inf" if x == math.inf else "-inf" if x == -math.inf else repr(x))
    return cell[1]


def csv_cell_matches(exp, got_text: str) -> bool:
    if exp is None:
        return got_text == ""
    if exp[0] == "float" and math.isfinite(exp[1]):
        try:
            g = float(got_text)
        except ValueError:
            return False
        return cell_matches(exp, ("num", got_text))
    return csv_text(exp) == got_text


def compare_csv(names, expected, got_text: str, limit: int = 5) -> list[str]:
    problems = []
    rows = list(csv.reader(io.StringIO(got_text, newline="")))
    if not rows:
        return ["no header line"]
    if rows[0] != names:
        problems.append(f"header {rows[0]} != {names}")
    body = rows[1:]
    if len(body) != len(expected):
        problems.append(f"row count: expected {len(expected)}, got {len(body)}")
    for i, (erow, grow) in enumerate(zip(expected, body)):
        if grow == [] and len(erow) == 1:
            grow = [""]            # a one-column row holding null (or "") is an empty line
        if len(grow) != len(erow):
            problems.append(f"row {i}: {len(grow)} fields, expected {len(erow)}")
            continue
        for name, e, g in zip(names, erow, grow):
            if not csv_cell_matches(e, g):
                problems.append(f"row {i} column {name}: expected {csv_text(e)!r}, got {g!r}")
                if len(problems) >= limit:
                    return problems
    return problems
