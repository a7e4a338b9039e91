"""Outside oracles for the reader's strictness: `write OUT` writes a small file with pyarrow
(int32 `i32`, int64 `i64`, string `s`, double `d`; 5 rows); `read FILE…` reads each column of
each file with pyarrow and with DuckDB, and prints JSON {file: {reader: {column: "ok: v1|v2…" |
"error: message"}}}."""
import json
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq


def write(out):
    table = pa.table({
        "i32": pa.array([1, -2, 3, 40, 5], pa.int32()),
        "i64": pa.array([10, 20, -30, 40, 50], pa.int64()),
        "s": pa.array(["a", "b", "c", "dd", "e"], pa.string()),
        "d": pa.array([0.5, 1.5, 2.5, 3.5, 4.5], pa.float64()),
    })
    pq.write_table(table, out, compression="none", use_dictionary=False)


def text(values):
    return "ok: " + "|".join("null" if v is None else str(v) for v in values)


def read(files):
    out = {}
    for f in files:
        res = {"pyarrow": {}, "duckdb": {}}
        try:
            names = pq.ParquetFile(f).schema_arrow.names
        except Exception as e:  # the whole file refused
            names = ["i32", "i64", "s", "d"]
            for n in names:
                res["pyarrow"][n] = f"error: {e}"
        else:
            for n in names:
                try:
                    res["pyarrow"][n] = text(pq.read_table(f, columns=[n]).column(0).to_pylist())
                except Exception as e:
                    res["pyarrow"][n] = f"error: {e}"
        for n in ["i32", "i64", "s", "d"]:
            try:
                rows = duckdb.connect().execute(f"SELECT \"{n}\" FROM read_parquet('{f}')").fetchall()
                res["duckdb"][n] = text([r[0] for r in rows])
            except Exception as e:
                res["duckdb"][n] = f"error: {e}"
        out[f] = res
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        read(sys.argv[2:])
