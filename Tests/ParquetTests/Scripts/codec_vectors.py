#!/usr/bin/env python3
"""Compression vectors for CompressionOracleTests.swift, from implementations other than ours.

  codec_vectors.py write DIR  writes NAME.raw and, compressed by pyarrow: NAME.snappy,
                              NAME.gzip, NAME.brotli, NAME.zstd, NAME.lz4_raw, NAME.lz4frame
                              (pyarrow's "lz4" is the LZ4 frame format); by Python's gzip module:
                              NAME.gzip2 (two concatenated members); and NAME.hadoop (Hadoop LZ4
                              framing around pyarrow lz4_raw blocks)
  codec_vectors.py check DIR  decompresses every NAME.CODEC next to a NAME.raw with pyarrow (and
                              gzip also with Python's gzip module), compares it with NAME.raw and
                              prints "ok NAME.CODEC"; exits 1 on the first mismatch
"""
import gzip
import random
import struct
import sys
from pathlib import Path

import pyarrow as pa

ARROW_CODECS = ["snappy", "gzip", "brotli", "zstd", "lz4_raw"]


def inputs():
    rng = random.Random(20261126)
    text = "".join(
        f'{{"tenant":"t{i % 17}","event":"page_view","ms":{1764000000000 + i * 37}}}\n'
        for i in range(6000)
    ).encode()
    return {
        "empty": b"",
        "small": b"eventtop parquet page\n",
        "text": text,
        "random": rng.randbytes(70_000),
        "zeros": bytes(300_000),
    }


def hadoop_lz4(raw, chunk):
    out = bytearray()
    for start in range(0, len(raw), chunk):
        block = pa.compress(raw[start:start + chunk], codec="lz4_raw", asbytes=True)
        out += struct.pack(">II", len(raw[start:start + chunk]), len(block)) + block
    return bytes(out)


def write(directory):
    for name, raw in inputs().items():
        (directory / f"{name}.raw").write_bytes(raw)
        for codec in ARROW_CODECS:
            (directory / f"{name}.{codec}").write_bytes(pa.compress(raw, codec=codec, asbytes=True))
        (directory / f"{name}.lz4frame").write_bytes(pa.compress(raw, codec="lz4", asbytes=True))
        half = len(raw) // 2
        (directory / f"{name}.gzip2").write_bytes(gzip.compress(raw[:half]) + gzip.compress(raw[half:]))
        if raw:
            (directory / f"{name}.hadoop").write_bytes(hadoop_lz4(raw, max(1, len(raw) // 3)))


def check(directory):
    for path in sorted(directory.iterdir()):
        name, _, codec = path.name.partition(".")
        if codec in ("raw", "hadoop"):
            continue
        raw = (directory / f"{name}.raw").read_bytes()
        data = path.read_bytes()
        arrow_codec = {"gzip2": "gzip", "lz4frame": "lz4"}.get(codec, codec)
        got = pa.decompress(data, decompressed_size=len(raw), codec=arrow_codec, asbytes=True)
        if arrow_codec == "gzip" and gzip.decompress(data) != raw:
            got = None
        if got != raw:
            print(f"MISMATCH {path.name}")
            sys.exit(1)
        print(f"ok {path.name}")


if __name__ == "__main__":
    mode, directory = sys.argv[1], Path(sys.argv[2])
    {"write": write, "check": check}[mode](directory)
