"""Reads Parquet files with pyarrow and with DuckDB and prints, per file, the column types
each reader sees and every value in a canonical text form, as JSON:
  {file: {"pyarrow": {"types": {col: type}, "rows": [[text|null, ...], ...]},
          "duckdb":  {"types": {...}, "rows": [...]}}}
Canonical text: integers and booleans as Python prints them, floats as repr() of the double,
dates as days since 1970-01-01, timestamps as nanoseconds since the epoch, strings as is."""
import json
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq


def pyarrow_read(path):
    table = pq.read_table(path)
    types, columns = {}, []
    for field, column in zip(table.schema, table.columns):
        types[field.name] = str(field.type)
        t = field.type
        if pa.types.is_timestamp(t):
            scale = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}[t.unit]
            values = [None if v is None else str(v * scale) for v in column.cast(pa.int64()).to_pylist()]
        elif pa.types.is_date32(t):
            values = [None if v is None else str(v) for v in column.cast(pa.int32()).to_pylist()]
        elif pa.types.is_floating(t):
            values = [None if v is None else repr(float(v)) for v in column.to_pylist()]
        elif pa.types.is_boolean(t):
            values = [None if v is None else ("true" if v else "false") for v in column.to_pylist()]
        else:
            values = [None if v is None else str(v) for v in column.to_pylist()]
        columns.append(values)
    return {"types": types, "rows": [list(r) for r in zip(*columns)]}


def duckdb_read(path):
    con = duckdb.connect()
    described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
    types = {name: kind for name, kind, *_ in described}
    exprs = []
    for name, kind in types.items():
        q = '"' + name.replace('"', '""') + '"'
        if kind.startswith("TIMESTAMP"):
            exprs.append(f"epoch_ns({q})::VARCHAR")
        elif kind == "DATE":
            exprs.append(f"date_diff('day', DATE '1970-01-01', {q})::VARCHAR")
        elif kind in ("FLOAT", "DOUBLE"):
            exprs.append(f"{q}::DOUBLE")
        elif kind == "BOOLEAN":
            exprs.append(f"CASE WHEN {q} THEN 'true' WHEN NOT {q} THEN 'false' END")
        else:
            exprs.append(f"{q}::VARCHAR")
    rows = con.execute(f"SELECT {', '.join(exprs)} FROM read_parquet(?)", [path]).fetchall()
    out = []
    for row in rows:
        out.append([None if v is None else (repr(v) if isinstance(v, float) else v) for v in row])
    return {"types": types, "rows": out}


result = {}
for path in sys.argv[1:]:
    entry = {}
    for name, reader in (("pyarrow", pyarrow_read), ("duckdb", duckdb_read)):
        try:
            entry[name] = reader(path)
        except Exception as e:  # a reader that refuses the file is a test failure, reported
            entry[name] = {"error": f"{type(e).__name__}: {e}"}
    result[path] = entry
json.dump(result, sys.stdout)
