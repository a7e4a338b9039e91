#!/usr/bin/env python3
"""Independent reference for `eventtop live --headless --once` (see SEMANTICS.md).

Written from SEMANTICS.md only, without looking at the Swift code:
  * line classification with Python's own `json` module (strict mode, numbers kept as
    exact `Decimal`s, NaN/Infinity refused, last duplicate key wins);
  * timestamps parsed with a regular expression and integer arithmetic (nanoseconds are
    Python ints, epoch numbers are converted exactly, never through a float);
  * the stream-time / late simulation in plain Python;
  * the window aggregation itself in DuckDB SQL over a table of the kept events.

Library use:
    rows, counts = reference(path, window_s=60)
    rows  -> [(tenant_id, event_type, window_start_s, window_end_s, occurrences, last_ns)]
    counts-> {'accepted', 'rejected': {reason: n}, 'late', 'folded_tenants',
              'folded_events', 'folded_kept', 'blank', 'lines'}

CLI (prints what eventtop prints, so the two can be diffed):
    python reference.py FILE|- [--window 1m] [--mode rolling|hopping] [--hop 10s]
                        [--max-tenants N] [--max-line-bytes N] [--presets 10s,30s,...]
                        [--format csv|ndjson]
"""
from __future__ import annotations

import argparse
import calendar
import datetime
import io
import json
import math
import re
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction

REASONS = ("too_long", "invalid_utf8", "invalid_json", "missing_field", "bad_field", "bad_timestamp")
DEFAULT_PRESETS = (10, 30, 60, 300, 900, 3600)
NS = 10**9
# Accepted timestamps lie in [1970-01-01T00:00:00Z, 2262-01-01T00:00:00Z).
MAX_NS = calendar.timegm((2262, 1, 1, 0, 0, 0)) * NS
TS_ALIASES = ("ts", "timestamp", "event_ts")
FIELD_MAX_BYTES = 256
# SEMANTICS.md lists the field checks "in this order: tenant_id, event_type, timestamp,
# session_id". We read that field by field: a tenant_id that is not a string is bad_field
# even when event_type or the timestamp is missing. True selects the other reading: every
# missing_field check first, then bad_field / bad_timestamp.
MISSING_FIRST = False
JSON_WS = frozenset(b" \t\r")  # whitespace a line may consist of and still be "blank"
CSV_HEADER = ["tenant_id", "event_type", "window_start_ts", "window_end_ts", "occurrences", "last_event_ts"]


class Reject(Exception):
    """Raised while classifying a line; carries the reason name."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------
# JSON numbers: exact, and never raising for huge exponents.

_NUM_RE = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?\Z")


def _parse_number(text: str) -> Decimal:
    """parse_int / parse_float hook: the exact value as a Decimal.

    Decimal refuses exponents beyond its limits (e.g. 1e99999999999999999999); such a
    number is still valid JSON, so map it to a value that behaves the same for us:
    +-Infinity when huge (out of the timestamp range), a tiny +-1e-100 when tiny.
    """
    try:
        return Decimal(text)
    except InvalidOperation:
        m = _NUM_RE.match(text)
        assert m, text  # the json scanner only hands us well-formed numbers
        sign, digits = m.group(1), m.group(2) + (m.group(3) or "")
        if set(digits) == {"0"}:
            return Decimal(sign + "0")
        huge = int(m.group(4) or "0") > 0
        return Decimal(sign + ("Infinity" if huge else "1e-100"))


def _refuse_constant(name: str):
    # NaN, Infinity and -Infinity are not RFC 8259 JSON.
    raise ValueError(f"non-standard constant {name}")


class JsonNumber(Decimal):
    """A JSON number as an exact Decimal that remembers how the line spelled it, and whether
    it was an integer literal (DESIGN §8: an integer name is used as its decimal text)."""
    text: str
    is_int: bool


def _number_hook(is_int: bool):
    def hook(text: str) -> JsonNumber:
        n = JsonNumber(_parse_number(text))
        n.text, n.is_int = text, is_int
        return n
    return hook


_DECODER = json.JSONDecoder(parse_float=_number_hook(False), parse_int=_number_hook(True),
                            parse_constant=_refuse_constant, strict=True)


# ---------------------------------------------------------------------------------------
# Timestamps

_TS_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]{1,9}))?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))?"  # no zone: UTC (DESIGN §8)
)
# An epoch number inside a string (DESIGN §8: "epoch numbers or numeric strings").
_EPOCH_TEXT_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
# Exponent e of each unit: ns = value * 10^e.
UNIT_EXP = {"s": 9, "ms": 6, "us": 3, "ns": 0}
UNITS = ("s", "ms", "us", "ns")
TS_STRING_MAX_BYTES = 512


def parse_ts_string(text: str) -> int | None:
    """RFC 3339 subset of SEMANTICS.md -> ns since the epoch (UTC), or None when it does
    not parse. The range check is done by the caller."""
    m = _TS_RE.fullmatch(text)  # [0-9] (not \\d) so only ASCII digits match
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.group(1, 2, 3, 4, 5, 6))
    if not (1 <= month <= 12) or year < 1:
        # year 0000 cannot reach 1970 with any offset; calendar needs year >= 1
        return None
    if not (1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    offset_s = 0
    if m.group(9):
        oh, om = int(m.group(10)), int(m.group(11))
        if oh > 23 or om > 59:
            return None
        offset_s = (oh * 3600 + om * 60) * (1 if m.group(9) == "+" else -1)
    frac = m.group(7) or ""
    frac_ns = int(frac.ljust(9, "0")) if frac else 0
    # local time minus its offset gives UTC
    utc_s = calendar.timegm((year, month, day, hour, minute, second)) - offset_s
    return utc_s * NS + frac_ns


def decimal_to_ns(d: Decimal, unit: str = "s") -> int | None:
    """floor(d * 10^e) exactly for the unit's e; None for non-finite values."""
    if not d.is_finite():
        return None
    if d.is_zero():
        return 0
    if d.adjusted() > 30:  # far outside the range in any unit: skip the big arithmetic
        return MAX_NS
    if d.adjusted() < -40:  # floor(d * 10^e) is 0 or -1
        return 0 if d > 0 else -1
    return math.floor(Fraction(d) * 10 ** UNIT_EXP[unit])


def epoch_unit(d: Decimal, choice: str) -> str:
    """The unit of an epoch number: `choice`, or by magnitude for auto (DESIGN §8)."""
    if choice != "auto":
        return choice
    if d.is_zero() or d < Decimal(10) ** 11:
        return "s"
    if d < Decimal(10) ** 14:
        return "ms"
    if d < Decimal(10) ** 17:
        return "us"
    return "ns"


def timestamp_ns(value, unit: str = "auto") -> tuple[int, str | None]:
    """The `ts` field value -> (ns, the epoch unit taken or None for a date string), or raise
    Reject('bad_timestamp')."""
    taken = None
    if isinstance(value, str):
        if len(value.encode("utf-8", "surrogatepass")) > TS_STRING_MAX_BYTES:
            ns = None
        elif _EPOCH_TEXT_RE.fullmatch(value):
            d = Decimal(value) if len(value) < 1000 else _parse_number(value)
            taken = epoch_unit(d, unit) if d.is_finite() else "s"
            ns = decimal_to_ns(d, taken)
        else:
            ns = parse_ts_string(value)
    elif isinstance(value, Decimal):  # every JSON number is a Decimal (bool is not)
        taken = epoch_unit(value, unit) if value.is_finite() else "s"
        ns = decimal_to_ns(value, taken)
    else:  # null, true/false, object, array
        ns = None
    if ns is None or not (0 <= ns < MAX_NS):
        raise Reject("bad_timestamp")
    return ns, taken


# ---------------------------------------------------------------------------------------
# Lines

def _utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


def _has_lone_surrogate(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


# ---------------------------------------------------------------------------------------
# The mapping (DESIGN §8): field paths, error rules, the epoch unit

FIELDS = ("tenant_id", "event_type", "ts", "session_id")
_STRICT_NUMBER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def parse_path(text: str) -> list:
    """`a.b[2].c\\.d` -> ['a', 'b', 2, 'c.d'] (a str is a key, an int an index)."""
    steps, key, i = [], "", 0
    after_index = False
    while i < len(text):
        c = text[i]
        if c == "\\":
            key += text[i + 1]
            i += 2
            continue
        if c == ".":
            if not after_index:
                steps.append(key)
            key, after_index = "", False
        elif c == "[":
            if not after_index:
                steps.append(key)
            j = text.index("]", i)
            steps.append(int(text[i + 1:j]))
            key, after_index, i = "", True, j
        else:
            key += c
        i += 1
    if not after_index:
        steps.append(key)
    return steps


_ABSENT = object()


def resolve(obj, steps):
    """The value at a path, or _ABSENT."""
    for step in steps:
        if isinstance(step, int):
            if not isinstance(obj, list) or step >= len(obj):
                return _ABSENT
        elif not isinstance(obj, dict) or step not in obj:
            return _ABSENT
        obj = obj[step]
    return obj


class Rule:
    """One --error rule: PATH=V1|V2, PATH!=V1|V2, PATH>=N, PATH>N, PATH<=N, PATH<N."""

    def __init__(self, text: str):
        m = re.match(r"((?:[^=!<>\\]|\\.)+)(!=|>=|<=|=|>|<)(.*)\Z", text, re.S)
        assert m, text
        path, self.op, value = m.groups()
        self.field = path if path in FIELDS else None
        self.steps = None if self.field else parse_path(path)
        if self.op in ("=", "!="):
            self.texts = value.split("|")
            self.numbers = [_as_number(t) for t in self.texts]
        else:
            self.bound = _as_number(value)
            assert self.bound is not None, text

    def holds(self, value) -> bool:
        if value is _ABSENT or isinstance(value, (dict, list)):
            return False
        if isinstance(value, str) and _has_lone_surrogate(value):
            return False  # a string that cannot be decoded matches no rule
        if value is None:
            text = "null"
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, JsonNumber):
            text = value.text
        else:
            text = value
        number = None if isinstance(value, bool) or value is None else _as_number(text)
        if self.op in ("=", "!="):
            equal = text in self.texts or (number is not None and number in [n for n in self.numbers if n is not None])
            return equal if self.op == "=" else not equal
        if number is None:
            return False
        return {">=": number >= self.bound, ">": number > self.bound,
                "<=": number <= self.bound, "<": number < self.bound}[self.op]


def _as_number(text: str):
    """A JSON-spelled number of at most 64 bytes as a float (finite), else None."""
    if len(text.encode("utf-8", "surrogatepass")) > 64 or not _STRICT_NUMBER_RE.fullmatch(text):
        return None
    x = float(text)
    return x if math.isfinite(x) else None


class Mapping:
    """--field NAME=PATH (repeatable), --error RULE (repeatable; default event_type=error),
    --ts-unit s|ms|us|ns|auto."""

    def __init__(self, fields: dict | None = None, errors: list | None = None, ts_unit: str = "auto"):
        self.paths = {name: [parse_path(path)] for name, path in (fields or {}).items()}
        for name in FIELDS:
            if name not in self.paths:
                self.paths[name] = [[a] for a in TS_ALIASES] if name == "ts" else [[name]]
        self.rules = [Rule(r) for r in (errors or ["event_type=error"])]
        self.ts_unit = ts_unit

    def value(self, obj, field: str):
        """The field's value: its first path present, or _ABSENT."""
        for steps in self.paths[field]:
            v = resolve(obj, steps)
            if v is not _ABSENT:
                return v
        return _ABSENT


STANDARD = Mapping()


def _name_text(v):
    """A tenant, type or session value as its text: a string, or an integer's decimal text."""
    if isinstance(v, str):
        return v
    if isinstance(v, JsonNumber) and v.is_int:
        return v.text
    return None


def classify_line(line: bytes, max_line_bytes: int = 1048576, mapping: Mapping = STANDARD):
    """One line (without its '\\n') -> None for a blank line, or (tenant, type, session,
    ts_ns) for an event; raises Reject(reason) for a bad line."""
    ev = classify_event(line, max_line_bytes, mapping)
    return None if ev is None else ev[:4]


def classify_event(line: bytes, max_line_bytes: int = 1048576, mapping: Mapping = STANDARD):
    """One line -> None for a blank line, or (tenant, type, session, ts_ns, is_error,
    epoch unit taken or None); raises Reject(reason) for a bad line."""
    # 1. too_long: counted on the raw bytes before '\n' (a CR of CRLF included)
    if len(line) > max_line_bytes:
        raise Reject("too_long")
    # blank: only space, tab, CR (or nothing)
    if all(b in JSON_WS for b in line):
        return None
    # 2. invalid_utf8: Python's strict codec refuses overlongs, encoded surrogates,
    #    code points above U+10FFFF and truncated sequences
    try:
        text = line.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Reject("invalid_utf8") from None
    # 3. invalid_json: exactly one object plus JSON whitespace around it
    try:
        obj = _DECODER.decode(text)  # decode() refuses trailing non-whitespace
    except (ValueError, RecursionError):
        raise Reject("invalid_json") from None
    if not isinstance(obj, dict):
        raise Reject("invalid_json")
    values = {name: mapping.value(obj, name) for name in FIELDS}
    # A lone surrogate (from a \\u escape) in a field we use is invalid_json as well.
    for v in values.values():
        if _has_lone_surrogate(v):
            raise Reject("invalid_json")
    # 4. field checks, field by field: tenant_id, event_type, timestamp, session_id
    if MISSING_FIRST and any(values[k] is _ABSENT for k in ("tenant_id", "event_type", "ts")):
        raise Reject("missing_field")
    names = []
    for key in ("tenant_id", "event_type"):
        if values[key] is _ABSENT:
            raise Reject("missing_field")
        v = _name_text(values[key])
        if v is None or not (1 <= _utf8_len(v) <= FIELD_MAX_BYTES):
            raise Reject("bad_field")
        names.append(v)
    if values["ts"] is _ABSENT:
        raise Reject("missing_field")
    ns, unit = timestamp_ns(values["ts"], mapping.ts_unit)
    session = values["session_id"]
    if session is _ABSENT or session is None:
        session = None
    else:
        session = _name_text(session)
        if session is None or _utf8_len(session) > FIELD_MAX_BYTES:
            raise Reject("bad_field")
    if session == "":
        session = None
    is_error = False
    for rule in mapping.rules:
        if rule.holds(values[rule.field] if rule.field else resolve(obj, rule.steps)):
            is_error = True
            break
    return names[0], names[1], session, ns, is_error, unit


def iter_lines(data: bytes):
    """Split on '\\n'; a final line without '\\n' is still a line."""
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()  # the empty remainder after a final '\n' is not a line
    return parts


# ---------------------------------------------------------------------------------------
# Windows

def window_bounds(E: int, window_s: int, mode: str, hop_s: int | None) -> tuple[int, int]:
    if mode == "rolling":
        return E - window_s, E
    if mode == "hopping":
        k = (E - window_s) // hop_s  # floor division, also for negatives
        return k * hop_s, k * hop_s + window_s
    raise ValueError(f"unknown mode {mode!r}")


JUMP_CONFIRMATIONS = 3


def guard_jumps(events, max_jump: int):
    """The jump guard (SEMANTICS.md): with the event clock, an event at least `max_jump`
    seconds ahead of stream time E is held; JUMP_CONFIRMATIONS of them in a row confirm the
    jump (they are then taken, in order); any other event breaks the run and the held ones
    are outliers (counted as future), as is a run still held at the end of the input.
    Returns (events taken, in order, future)."""
    E = None
    held, taken, future = [], [], 0
    for ev in events:
        s = ev[3] // NS
        if E is not None and s >= E + max_jump:
            held.append(ev)
            if len(held) == JUMP_CONFIRMATIONS:
                for h in held:
                    taken.append(h)
                    E = max(E, h[3] // NS + 1)
                held = []
            continue
        future += len(held)
        held = []
        taken.append(ev)
        E = s + 1 if E is None else max(E, s + 1)
    return taken, future + len(held)


def simulate(events, window_s: int, presets=DEFAULT_PRESETS, max_tenants: int = 10000, max_types: int = 1000):
    """Stream time, lateness and folding. `events` are accepted events in file order, past the
    jump guard. Returns (E or None, kept list of (tenant, type, sec, ns), counts dict)."""
    L = max(tuple(presets) + (window_s,))
    E = None
    tenant_rank: dict[str, int] = {}  # order of first kept (not late) event
    type_rank: dict[str, int] = {}
    kept = []
    late = folded_events = folded_kept = folded_type_events = 0
    for tenant, etype, _session, ns in events:
        s = ns // NS
        if E is None:
            E = s + 1
        if s < E - L:
            late += 1
            continue
        E = max(E, s + 1)
        if tenant not in tenant_rank:
            tenant_rank[tenant] = len(tenant_rank)
        folded = tenant_rank[tenant] >= max_tenants
        name = "(other)" if folded else tenant
        folded_events += folded
        folded_kept += folded
        if etype not in type_rank:
            type_rank[etype] = len(type_rank)
        type_folded = type_rank[etype] >= max_types
        folded_type_events += type_folded
        kept.append((name, "(other)" if type_folded else etype, s, ns))
    counts = {"late": late, "folded_tenants": max(0, len(tenant_rank) - max_tenants),
              "folded_events": folded_events, "folded_kept": folded_kept,
              "folded_types": max(0, len(type_rank) - max_types), "folded_type_events": folded_type_events}
    return E, kept, counts


def aggregate_duckdb(kept, lo: int, hi: int):
    """GROUP BY over the kept events with lo <= sec < hi, in DuckDB."""
    import duckdb
    import pyarrow as pa

    table = pa.table({
        "tenant_id": pa.array([k[0] for k in kept], pa.string()),
        "event_type": pa.array([k[1] for k in kept], pa.string()),
        "sec": pa.array([k[2] for k in kept], pa.int64()),
        "ts_ns": pa.array([k[3] for k in kept], pa.int64()),
    })
    con = duckdb.connect()
    try:
        con.register("kept", table)
        result = con.execute(
            """
            SELECT tenant_id, event_type, count(*) AS occurrences, max(ts_ns) AS last_ns
            FROM kept
            WHERE sec >= ? AND sec < ?
            GROUP BY tenant_id, event_type
            """,
            [lo, hi],
        ).fetchall()
    finally:
        con.close()
    return result


def reference(path, window_s, mode="rolling", hop_s=None, presets=DEFAULT_PRESETS,
              max_tenants=10000, max_line_bytes=1048576, max_types=1000, max_jump=3600, mapping: Mapping = STANDARD):
    """The rows and counts eventtop must produce for this input (see module doc).
    `path` may be a path, '-' for stdin, or bytes."""
    if isinstance(path, (bytes, bytearray)):
        data = bytes(path)
    elif str(path) == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    if mode == "hopping" and not hop_s:
        raise ValueError("hopping needs hop_s")

    rejected = {r: 0 for r in REASONS}
    events = []
    blank = 0
    auto_units = {u: 0 for u in UNITS}
    lines = iter_lines(data)
    for line in lines:
        try:
            ev = classify_event(line, max_line_bytes, mapping)
        except Reject as r:
            rejected[r.reason] += 1
            continue
        if ev is None:
            blank += 1
        else:
            events.append(ev[:4])
            if ev[5] is not None and mapping.ts_unit == "auto":
                auto_units[ev[5]] += 1

    taken, future = guard_jumps(events, max_jump)
    E, kept, sim = simulate(taken, window_s, presets, max_tenants, max_types)
    counts = {"accepted": len(taken), "future": future, "rejected": rejected, "blank": blank,
              "lines": len(lines), **sim, "E": E, "auto_units": auto_units}
    if E is None:
        return [], counts
    lo, hi = window_bounds(E, window_s, mode, hop_s)
    counts["window"] = (lo, hi)
    rows = [(t, e, lo, hi, n, last) for t, e, n, last in aggregate_duckdb(kept, lo, hi)]
    # byte order of UTF-8, exactly (not Python's code point order, not DuckDB's collation)
    rows.sort(key=lambda r: (r[0].encode("utf-8"), r[1].encode("utf-8")))
    return rows, counts


# ---------------------------------------------------------------------------------------
# Output formatting (what eventtop prints)

def format_ts(ns: int) -> str:
    """RFC 3339 UTC with Z; no fraction when whole, else 3, 6 or 9 digits, the fewest exact."""
    s, frac = divmod(ns, NS)
    days, rem = divmod(s, 86400)
    d = datetime.date(1970, 1, 1) + datetime.timedelta(days=days)
    base = f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{rem // 3600:02d}:{rem // 60 % 60:02d}:{rem % 60:02d}"
    if frac == 0:
        return base + "Z"
    if frac % 10**6 == 0:
        return f"{base}.{frac // 10**6:03d}Z"
    if frac % 10**3 == 0:
        return f"{base}.{frac // 10**3:06d}Z"
    return f"{base}.{frac:09d}Z"


def summary_line(counts) -> str:
    rej = counts["rejected"]
    total = sum(rej.values())
    parts = ", ".join(f"{r} {rej[r]}" for r in REASONS if rej[r])
    line = f"eventtop: {counts['accepted']} events accepted, {total} lines rejected"
    if parts:
        line += f" ({parts})"
    line += f"; {counts['late']} late, {counts['future']} future"
    if counts["folded_tenants"]:
        line += f", {counts['folded_kept']} events of {counts['folded_tenants']} tenants folded into (other)"
    if counts["folded_types"]:
        line += f", {counts['folded_type_events']} events of {counts['folded_types']} event types folded into (other)"
    return line + auto_units_clause(counts.get("auto_units", {}))


def auto_units_clause(units: dict) -> str:
    """`; epoch timestamps read as ms (--ts-unit auto)`; counts when more than one unit."""
    used = [u for u in UNITS if units.get(u)]
    if not used:
        return ""
    text = used[0] if len(used) == 1 else ", ".join(f"{u} ({units[u]})" for u in used)
    return f"; epoch timestamps read as {text} (--ts-unit auto)"


def row_strings(row) -> list[str]:
    t, e, lo, hi, n, last = row
    return [t, e, format_ts(lo * NS), format_ts(hi * NS), str(n), format_ts(last)]


def csv_line(fields) -> str:
    """RFC 4180: quote a field holding , \" CR or LF (Python's csv module would not quote a
    lone CR when the line terminator is \\n), lines end with \\n."""
    def q(f: str) -> str:
        return '"' + f.replace('"', '""') + '"' if any(c in f for c in ',"\r\n') else f
    return ",".join(q(f) for f in fields) + "\n"


def parse_duration(text: str) -> int:
    m = re.fullmatch(r"([0-9]+)([smhd]?)", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"bad duration {text!r}")
    return int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="NDJSON file, or - for stdin")
    ap.add_argument("--window", type=parse_duration, default=60)
    ap.add_argument("--mode", choices=("rolling", "hopping"), default="rolling")
    ap.add_argument("--hop", type=parse_duration, default=None)
    ap.add_argument("--max-tenants", type=int, default=10000)
    ap.add_argument("--max-line-bytes", type=int, default=1048576)
    ap.add_argument("--presets", default=None, help="comma-separated durations")
    ap.add_argument("--format", choices=("csv", "ndjson"), default="csv")
    ap.add_argument("--counts", action="store_true", help="also print the counts dict to stderr")
    ap.add_argument("--field", action="append", default=[], help="NAME=PATH")
    ap.add_argument("--error", action="append", default=[], help="error rule")
    ap.add_argument("--ts-unit", default="auto")
    a = ap.parse_args(argv)
    if a.mode == "hopping" and a.hop is None:
        ap.error("--mode hopping needs --hop")
    presets = tuple(parse_duration(p) for p in a.presets.split(",")) if a.presets else DEFAULT_PRESETS
    mapping = Mapping(dict(f.split("=", 1) for f in a.field), a.error or None, a.ts_unit)
    rows, counts = reference(a.input, a.window, a.mode, a.hop, presets, a.max_tenants, a.max_line_bytes,
                             mapping=mapping)
    out = io.StringIO(newline="")
    if a.format == "csv":
        out.write(csv_line(CSV_HEADER))
        for r in rows:
            out.write(csv_line(row_strings(r)))
    else:
        for r in rows:
            d = dict(zip(CSV_HEADER, row_strings(r)))
            d["occurrences"] = r[4]
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    sys.stdout.buffer.write(out.getvalue().encode("utf-8"))
    print(summary_line(counts), file=sys.stderr)
    if a.counts:
        print(counts, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
