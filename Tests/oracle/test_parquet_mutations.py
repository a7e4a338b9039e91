"""Truncated and corrupted Parquet files into `eventtop parquet cat`: no crash, no hang, no
memory blow-up, and a clear one-line error when the file cannot be read.

From 10 small valid files (pyarrow-written with several codecs/encodings and a few
parquet-testing files), ~3000 seeded mutants (truncations, bit flips, byte replacements,
biased towards the footer where the metadata lives) are written to tmp and run one process
each (a pool of 2, in the small helper process mutant_runner.py). Each must exit 0 or 1 (never a signal, never 2) within 1 s wall time with
max RSS under 512 MB; exit 1 must come with exactly one error line starting "eventtop: "
(the nested-columns note, which also starts so, is not counted).

Run from the repository root:
    EVENTTOP_BIN=.build/debug/eventtop .venv/bin/python -m pytest -q -s Tests/oracle/test_parquet_mutations.py
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import parquet_testing as pt  # noqa: E402

SEED = 20260611
MUTANTS_PER_SOURCE = 300
WALL_LIMIT_S = 1.0
RSS_LIMIT_KB = 512 * 1024
NOTE = "skipping nested columns"


def _table(n=200, seed=7) -> pa.Table:
    rng = random.Random(seed)
    return pa.table({
        "i32": pa.array([None if i % 9 == 0 else rng.randint(-2**31, 2**31 - 1) for i in range(n)], pa.int32()),
        "i64": pa.array([rng.randint(-1000, 1000) for _ in range(n)], pa.int64()),
        "u64": pa.array([rng.randint(0, 2**64 - 1) for _ in range(n)], pa.uint64()),
        "f64": pa.array([None if i % 7 == 0 else rng.uniform(-1e9, 1e9) for i in range(n)], pa.float64()),
        "f32": pa.array([rng.uniform(-10, 10) for _ in range(n)], pa.float32()),
        "s": pa.array([None if i % 5 == 0 else rng.choice(["a", "bb", "ccc", "é,\"", ""]) * rng.randint(0, 4)
                       for i in range(n)], pa.string()),
        "d": pa.array([rng.randint(-10**8, 10**8) for _ in range(n)], pa.int64()).cast(pa.decimal128(18, 2))
        if False else pa.array([None] * n, pa.decimal128(9, 2)),
        "ts": pa.array([rng.randint(0, 2**50) for _ in range(n)], pa.int64()).cast(pa.timestamp("us", tz="UTC")),
        "b": pa.array([rng.random() < 0.5 for _ in range(n)], pa.bool_()),
    })


PYARROW_SOURCES = {
    "snappy-v1-dict.parquet": dict(compression="snappy", data_page_version="1.0", use_dictionary=True),
    "zstd-v2-plain.parquet": dict(compression="zstd", data_page_version="2.0", use_dictionary=False),
    "gzip-delta.parquet": dict(compression="gzip", use_dictionary=False,
                               column_encoding={"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED",
                                                "u64": "DELTA_BINARY_PACKED", "s": "DELTA_BYTE_ARRAY"}),
    "lz4-bss-v2.parquet": dict(compression="lz4", data_page_version="2.0", use_dictionary=False,
                               column_encoding={"f64": "BYTE_STREAM_SPLIT", "f32": "BYTE_STREAM_SPLIT",
                                                "s": "DELTA_LENGTH_BYTE_ARRAY"}),
    "none-v2-dict-crc.parquet": dict(compression="none", data_page_version="2.0", use_dictionary=True,
                                     write_page_checksum=True),
    "brotli-v1-plain.parquet": dict(compression="brotli", data_page_version="1.0", use_dictionary=False),
}
TESTING_SOURCES = ["alltypes_plain.parquet", "datapage_v1-snappy-compressed-checksum.parquet",
                   "byte_stream_split.zstd.parquet", "int32_with_null_pages.parquet"]


def _sources(tmp: Path) -> dict[str, bytes]:
    out = {}
    t = _table()
    for name, kw in PYARROW_SOURCES.items():
        f = tmp / name
        pq.write_table(t, f, row_group_size=80, data_page_size=512, **kw)
        out[name] = f.read_bytes()
    data = pt.DIR / "data"
    for name in TESTING_SOURCES:
        p = data / name
        if not p.exists():
            pytest.fail(f"{p} missing (parquet-testing from $PARQUET_TESTING, ../shared or .cache)")
        out[name] = p.read_bytes()
    return out


def mutate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    n = len(data)
    kind = rng.choice(["truncate", "flip", "flip", "replace", "replace-footer", "flip-footer", "zero-run"])
    footer_start = max(0, n - min(n, 600))
    b = bytearray(data)
    if kind == "truncate":
        cut = rng.choice([rng.randrange(n), rng.randrange(footer_start, n), n - rng.randrange(1, 9)])
        return f"truncate@{cut}", bytes(b[:cut])
    if kind in ("flip", "flip-footer"):
        lo = footer_start if kind == "flip-footer" else 0
        spots = []
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(lo, n)
            bit = rng.randrange(8)
            b[i] ^= 1 << bit
            spots.append(f"{i}.{bit}")
        return f"{kind}@{','.join(spots)}", bytes(b)
    if kind == "zero-run":
        i = rng.randrange(n)
        k = rng.randint(1, 64)
        b[i:i + k] = bytes(len(b[i:i + k]))
        return f"zero@{i}+{k}", bytes(b)
    lo = footer_start if kind == "replace-footer" else 0
    spots = []
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(lo, n)
        v = rng.choice([0x00, 0xFF, 0x7F, 0x80, rng.randrange(256)])
        b[i] = v
        spots.append(f"{i}={v:02x}")
    return f"{kind}@{','.join(spots)}", bytes(b)


@pytest.mark.parquet_testing  # some of the sources are parquet-testing files
def test_mutated_files_fail_cleanly(eventtop, tmp_path):
    sources = _sources(tmp_path)
    rng = random.Random(SEED)
    jobs = []
    for name, data in sources.items():
        for k in range(MUTANTS_PER_SOURCE):
            what, mutant = mutate(rng, data)
            f = tmp_path / f"{Path(name).stem}-{k:04d}.parquet"
            f.write_bytes(mutant)
            jobs.append((name, what, f))

    # Spawn from a small separate process: see mutant_runner.py (ru_maxrss would otherwise
    # include this pytest process's own high-water mark).
    jobs_file, results_file = tmp_path / "jobs.json", tmp_path / "results.json"
    jobs_file.write_text(json.dumps([str(f) for _, _, f in jobs]))
    subprocess.run([sys.executable, "-S", "-I", str(HERE / "mutant_runner.py"), str(eventtop),
                    str(jobs_file), str(results_file)], check=True, timeout=1800)
    by_path = {str(f): (name, what, f) for name, what, f in jobs}
    results = []
    for path, code, wall, rss, stderr in json.loads(results_file.read_text()):
        name, what, f = by_path[path]
        results.append((name, what, f.name, code, wall, rss, stderr))

    problems = []
    exits = {0: 0, 1: 0}
    for name, what, fname, code, wall, rss, stderr in results:
        where = f"{fname} ({name} {what})"
        if code < 0:
            problems.append(f"{where}: killed by signal {-code}: {stderr.strip().splitlines()[-3:] if stderr else ''}")
            continue
        if code not in (0, 1):
            problems.append(f"{where}: exit {code}: {stderr.strip()[:200]}")
            continue
        exits[code] += 1
        if wall > WALL_LIMIT_S:
            problems.append(f"{where}: took {wall:.2f} s")
        if rss > RSS_LIMIT_KB:
            problems.append(f"{where}: max RSS {rss / 1024:.0f} MB")
        if code == 1:
            lines = [ln for ln in stderr.splitlines() if ln.strip() and NOTE not in ln]
            if len(lines) != 1 or not lines[0].startswith("eventtop: "):
                problems.append(f"{where}: exit 1 with stderr {stderr[:300]!r}")

    slowest = max(results, key=lambda r: r[4])
    biggest = max(results, key=lambda r: r[5])
    print(f"\nmutants: {len(results)}, exit 0: {exits[0]}, exit 1: {exits[1]}, problems: {len(problems)}")
    print(f"slowest: {slowest[2]} ({slowest[0]} {slowest[1]}) {slowest[4]:.3f} s exit {slowest[3]}")
    print(f"max RSS: {biggest[5] / 1024:.1f} MB in {biggest[2]} ({biggest[0]} {biggest[1]})")
    for p in problems[:40]:
        print("  " + p)
    assert not problems, f"{len(problems)} problems, first: " + "\n".join(problems[:15])
