"""Encoded value vectors from an outside writer (pyarrow), for the Swift encoding tests.

Writes small single-column parquet files (REQUIRED column, v1 data pages, no compression),
walks the Thrift compact page headers of the column chunk, and prints JSON: one case per
column encoding with the raw payload of the first data page (a v1 page of a required column
holds only the values), of the dictionary page if any, and the values as strings (integers in
decimal, floats as hex bit patterns, byte arrays as hex).
"""
import io
import json
import random
import struct
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def read_varint(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def zigzag(n):
    return (n >> 1) ^ -(n & 1)


def skip_value(buf, pos, ctype):
    """Skips one Thrift compact value of type `ctype`; returns (value or None, new pos)."""
    if ctype in (1, 2):  # bool true / false (in a field header)
        return ctype == 1, pos
    if ctype == 3:
        return buf[pos], pos + 1
    if ctype in (4, 5, 6):
        v, pos = read_varint(buf, pos)
        return zigzag(v), pos
    if ctype == 7:
        return None, pos + 8
    if ctype == 8:
        n, pos = read_varint(buf, pos)
        return None, pos + n
    if ctype in (9, 10):
        head = buf[pos]
        pos += 1
        size, etype = head >> 4, head & 0x0F
        if size == 15:
            size, pos = read_varint(buf, pos)
        for _ in range(size):
            if etype in (1, 2):
                pos += 1
            else:
                _, pos = skip_value(buf, pos, etype)
        return None, pos
    if ctype == 11:
        size, pos = read_varint(buf, pos)
        if size:
            kv = buf[pos]
            pos += 1
            for _ in range(size):
                _, pos = skip_value(buf, pos, kv >> 4)
                _, pos = skip_value(buf, pos, kv & 0x0F)
        return None, pos
    if ctype == 12:
        return read_struct(buf, pos)
    raise ValueError(f"thrift type {ctype}")


def read_struct(buf, pos):
    """A struct as {field id: value} (nested structs as dicts); returns (dict, new pos)."""
    fields = {}
    last = 0
    while True:
        head = buf[pos]
        pos += 1
        if head == 0:
            return fields, pos
        delta, ctype = head >> 4, head & 0x0F
        if delta:
            fid = last + delta
        else:
            v, pos = read_varint(buf, pos)
            fid = zigzag(v)
        value, pos = skip_value(buf, pos, ctype)
        fields[fid] = value
        last = fid


def pages(data, start, end):
    """(page type, num values, payload bytes) of each page in data[start:end]."""
    pos = start
    while pos < end:
        header, body = read_struct(data, pos)
        ptype, size = header[1], header[3]
        sub = header.get(5) or header.get(7) or header.get(8) or {}
        yield ptype, sub.get(1), data[body:body + size]
        pos = body + size


def values_as_strings(values, kind):
    if kind == "float":
        return [format(struct.unpack("<I", struct.pack("<f", v))[0], "08x") for v in values]
    if kind == "double":
        return [format(struct.unpack("<Q", struct.pack("<d", v))[0], "016x") for v in values]
    if kind == "bytes":
        return [(v.encode() if isinstance(v, str) else bytes(v)).hex() for v in values]
    if kind == "bool":
        return ["1" if v else "0" for v in values]
    return [str(v) for v in values]


def case(name, arrow_type, values, kind, encoding, **options):
    table = pa.table({"c": pa.array(values, type=arrow_type)},
                     schema=pa.schema([pa.field("c", arrow_type, nullable=False)]))
    sink = io.BytesIO()
    if encoding == "RLE_DICTIONARY":
        pq.write_table(table, sink, use_dictionary=True, data_page_version="1.0",
                       compression="NONE", write_statistics=False, **options)
    else:
        pq.write_table(table, sink, use_dictionary=False, column_encoding={"c": encoding},
                       data_page_version="1.0", compression="NONE", write_statistics=False,
                       **options)
    data = sink.getvalue()
    meta = pq.ParquetFile(io.BytesIO(data)).metadata
    column = meta.row_group(0).column(0)
    start = column.dictionary_page_offset if column.has_dictionary_page else column.data_page_offset
    end = start + column.total_compressed_size
    result = {"name": name, "encoding": encoding, "kind": kind,
              "physical": column.physical_type, "values": values_as_strings(values, kind)}
    for ptype, count, payload in pages(data, start, end):
        if ptype == 2 and "dictionary" not in result:  # DICTIONARY_PAGE
            result["dictionary"] = payload.hex()
            result["dictionaryCount"] = count
        elif ptype == 0:  # DATA_PAGE (v1)
            result["payload"] = payload.hex()
            result["count"] = count
            break
    assert result["count"] == len(values), (name, result["count"], len(values))
    return result


def main():
    rng = random.Random(20261126)
    i32 = [rng.randint(-2**31, 2**31 - 1) for _ in range(300)]
    i32_extreme = [0, -2**31, 2**31 - 1, -1, 1, 2**31 - 1, -2**31] * 30 + list(range(-50, 50))
    i32_small = [rng.randint(-1000, 1000) for _ in range(1000)]
    i64 = [rng.randint(-2**63, 2**63 - 1) for _ in range(300)]
    i64_extreme = [0, -2**63, 2**63 - 1, -1, 1, 2**63 - 1, -2**63] * 30 + [7, 5, 3, 1, 2, 3, 4, 5]
    i64_mono = [1_700_000_000_000 + i * rng.randint(0, 1000) for i in range(777)]
    floats = [struct.unpack("<f", struct.pack("<f", rng.uniform(-1e6, 1e6)))[0] for _ in range(200)]
    floats += [0.0, -0.0, float("inf"), float("-inf"), 1.5e-45]
    doubles = [rng.uniform(-1e300, 1e300) for _ in range(200)] + [0.0, -0.0, float("inf"), 5e-324]
    words = ["", "a", "axis", "axle", "babble", "babyhood", "baby", "é☃", "x" * 300]
    strings = [rng.choice(words) + str(rng.randint(0, 50)) for _ in range(400)] + words
    sorted_strings = sorted(strings)
    blobs = [bytes(rng.randrange(256) for _ in range(rng.randint(0, 20))) for _ in range(100)]
    fixed = [bytes(rng.randrange(256) for _ in range(5)) for _ in range(120)]
    bools = [rng.random() < 0.3 for _ in range(1001)]
    dict_values = [rng.choice(["red", "green", "blue", "cyan", "magenta"]) for _ in range(600)]
    dict_values += ["red"] * 100
    dict_ints = [rng.randint(0, 40) * 1000 for _ in range(500)]

    cases = [
        case("delta_int32", pa.int32(), i32, "int", "DELTA_BINARY_PACKED"),
        case("delta_int32_extreme", pa.int32(), i32_extreme, "int", "DELTA_BINARY_PACKED"),
        case("delta_int32_small", pa.int32(), i32_small, "int", "DELTA_BINARY_PACKED"),
        case("delta_int32_one", pa.int32(), [42], "int", "DELTA_BINARY_PACKED"),
        case("delta_int64", pa.int64(), i64, "int", "DELTA_BINARY_PACKED"),
        case("delta_int64_extreme", pa.int64(), i64_extreme, "int", "DELTA_BINARY_PACKED"),
        case("delta_int64_monotonic", pa.int64(), i64_mono, "int", "DELTA_BINARY_PACKED"),
        case("delta_length_strings", pa.string(), strings, "bytes", "DELTA_LENGTH_BYTE_ARRAY"),
        case("delta_length_binary", pa.binary(), blobs, "bytes", "DELTA_LENGTH_BYTE_ARRAY"),
        case("delta_strings", pa.string(), strings, "bytes", "DELTA_BYTE_ARRAY"),
        case("delta_strings_sorted", pa.string(), sorted_strings, "bytes", "DELTA_BYTE_ARRAY"),
        case("delta_fixed", pa.binary(5), fixed, "bytes", "DELTA_BYTE_ARRAY"),
        case("split_float", pa.float32(), floats, "float", "BYTE_STREAM_SPLIT"),
        case("split_double", pa.float64(), doubles, "double", "BYTE_STREAM_SPLIT"),
        case("split_int32", pa.int32(), i32, "int", "BYTE_STREAM_SPLIT"),
        case("split_int64", pa.int64(), i64, "int", "BYTE_STREAM_SPLIT"),
        case("split_fixed", pa.binary(5), fixed, "bytes", "BYTE_STREAM_SPLIT"),
        case("plain_bool", pa.bool_(), bools, "bool", "PLAIN"),
        case("plain_int32", pa.int32(), i32_extreme, "int", "PLAIN"),
        case("plain_int64", pa.int64(), i64_extreme, "int", "PLAIN"),
        case("plain_float", pa.float32(), floats, "float", "PLAIN"),
        case("plain_double", pa.float64(), doubles, "double", "PLAIN"),
        case("plain_strings", pa.string(), strings, "bytes", "PLAIN"),
        case("plain_fixed", pa.binary(5), fixed, "bytes", "PLAIN"),
        case("rle_bool", pa.bool_(), bools, "bool", "RLE"),
        case("dict_strings", pa.string(), dict_values, "bytes", "RLE_DICTIONARY"),
        case("dict_int64", pa.int64(), dict_ints, "int", "RLE_DICTIONARY"),
    ]
    # INT96: timestamps written with the deprecated int96 layout (nanoseconds of day, Julian day).
    stamps = [rng.randint(0, 2**62) for _ in range(50)]
    int96 = case("plain_int96", pa.timestamp("ns"), stamps, "int", "PLAIN",
                 use_deprecated_int96_timestamps=True)
    int96["values"] = [f"{(s % 86_400_000_000_000)} {s // 86_400_000_000_000 + 2_440_588}" for s in stamps]
    cases.append(int96)
    json.dump(cases, sys.stdout)


if __name__ == "__main__":
    main()
