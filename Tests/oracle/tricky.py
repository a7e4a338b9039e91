#!/usr/bin/env python3
"""Write a deterministic "tricky" NDJSON file for the eventtop oracle tests.

    python tricky.py OUT.ndjson [--seed N] [--verify]

What is in it (see SEMANTICS.md for what each line must count as):
  * ~5 h of events from ~30 tenants of very different volumes (Zipf-like), then a dense
    last 5 minutes (many tenants x types, about 50 events/s) and a last line without '\\n';
  * out-of-order events: a few seconds back, minutes back, and more than an hour back
    (late), plus events exactly on the lateness boundary (s = E-3600 kept, E-3601 late);
  * every timestamp form: RFC 3339 with Z/z, T/t/space, +-hh:mm offsets, 0-9 fraction
    digits; epoch numbers as ints, fractions, exponents (1.7e9, 17000000005E-1, e+09),
    more than 9 fraction digits; all three aliases, lines with several of them;
  * shuffled field order, random JSON whitespace, duplicate keys, unknown fields of every
    kind (deep nesting, every escape, surrogate pairs and lone surrogates, exponents),
    escaped and raw non-ASCII names, CRLF endings, blank and whitespace-only lines;
  * bad lines of every reason (too_long incl. lines > 1 MiB and valid lines exactly at the
    limit, invalid_utf8, invalid_json, missing_field, bad_field, bad_timestamp).

Special lines never move stream time E forward (their timestamps are <= E-1), so one
disagreement about a single line stays local instead of shifting every window.

--verify re-reads the file with reference.py and checks that every line was classified
as intended (a self-test of this generator).
"""
from __future__ import annotations

import argparse
import calendar
import datetime
import random
import re
import sys

NS = 10**9
LIMIT = 1048576  # default --max-line-bytes
L = 3600  # longest default preset: lateness horizon
T0 = calendar.timegm((2026, 11, 26, 8, 0, 0))  # start of the stream
MAIN_SECONDS = 5 * 3600
MAIN_STEPS = 25000
TAIL_SECONDS = 300
TAIL_STEPS = 15000

# ~30 tenants; volumes follow the rank (rank 0 largest).
MAIN_TENANTS = [
    "acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell",
    "cyberdyne", "soylent", "aperture", "blackmesa", "vandelay", "dundermifflin",
    "piedpiper", "t\u00e9nant", "\u65e5\u672c\u8a9e\u30c6\u30ca\u30f3\u30c8", "\U0001F600corp",
    'a"b', "a,b", "Zeta", "ZETA", "zeta", "tenant with spaces", "line\nbreak", "4242", "-7",
    "m\u00fcller-gmbh", "\u03a9mega", "x", "quote'single",
]
# Extra tenants that show up in the dense tail and in special lines only.
EXTRA_TENANTS = [
    "tab\there", "CR\rhere", "esc\u001b[31mred", "te\u0301nant", "/slash", "(paren",
    "sep\u2028line", "zero\u200bwidth", "del\x7fchar", "stra\u00dfe", "\uff26\uff35\uff2c\uff2c",
    "\u05e2\u05d1\u05e8\u05d9\u05ea-rtl", "fam\U0001F469\u200d\U0001F469\u200d\U0001F467", " ",
    "A" * 256, "\u00e9" * 128, "\U0001F600" * 64,
]
EVENT_TYPES = [("click", 50), ("view", 30), ("error", 8), ("purchase", 5), ("signup", 3),
               ("page view", 2), ("a,b", 1), ('q"t', 1), ("\u00e9v\u00e9nement", 1),
               ("\U0001F525", 1), ("multi\nline", 1)]
SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def civil(s: int) -> str:
    """Whole epoch second -> 'YYYY-MM-DD', 'HH:MM:SS' pieces joined later."""
    days, rem = divmod(s, 86400)
    d = datetime.date(1970, 1, 1) + datetime.timedelta(days=days)
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", f"{rem // 3600:02d}:{rem // 60 % 60:02d}:{rem % 60:02d}"


def bad_bytes(b: bytes) -> str:
    """Raw (invalid UTF-8) bytes carried inside a str; written back with surrogateescape."""
    return b.decode("utf-8", "surrogateescape")


class Tricky:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.records: list[tuple[str | bytes, str]] = []  # (line, intended outcome)
        self.E: int | None = None  # stream time as eventtop must see it
        self.cur_ns = T0 * NS + 123456789
        self.sessions = {}  # tenant -> current session number
        r = self.rng
        # volumes: weight 1/(rank+1)^1.4 over a shuffled tenant order -> ratio ~100x
        order = MAIN_TENANTS[:]
        r.shuffle(order)
        self.main_weights = [(t, 1.0 / (i + 1) ** 1.4) for i, t in enumerate(order)]

    # ---------------------------------------------------------------- JSON text pieces
    def uesc(self, o: int) -> str:
        return "\\u" + (f"{o:04x}" if self.rng.random() < 0.5 else f"{o:04X}")

    def jstr(self, s: str, esc: float | None = None) -> str:
        """A JSON string literal for s. Lone surrogates in s become \\uXXXX escapes;
        with probability esc any other character is escaped too (\\u, pairs, \\/)."""
        r = self.rng
        if esc is None:
            esc = r.choices([0.0, 0.3, 1.0], [80, 14, 6])[0]
        out = []
        for ch in s:
            o = ord(ch)
            if ch in SHORT_ESCAPES and (ch not in "\b\f\n\r\t" or r.random() < 0.7):
                out.append(SHORT_ESCAPES[ch])
            elif o < 0x20 or 0xD800 <= o <= 0xDFFF:
                out.append(self.uesc(o))
            elif esc and r.random() < esc:
                if ch == "/" and r.random() < 0.5:
                    out.append("\\/")
                elif o > 0xFFFF:
                    v = o - 0x10000
                    out.append(self.uesc(0xD800 + (v >> 10)) + self.uesc(0xDC00 + (v & 0x3FF)))
                else:
                    out.append(self.uesc(o))
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'

    def key(self, k: str) -> str:
        # Known keys are written plainly in ordinary events; escaped known keys (the same
        # key in JSON) appear only in a few special lines, so a scanner that compares raw
        # key bytes fails on those lines alone.
        return self.jstr(k, 0.0)

    def ws(self) -> str:
        r = self.rng.random()
        if r < 0.93:
            return ""
        if r < 0.985:
            return " "
        return self.rng.choice(["  ", "\t", " \t ", "\r", " \r\t"])

    def render(self, fields: list[tuple[str, str]]) -> str:
        """fields: (key literal, value text) -> one JSON object text."""
        w = self.ws
        body = ",".join(f"{w()}{k}{w()}:{w()}{v}{w()}" for k, v in fields)
        return f"{w()}{{{body}}}{w()}"

    def rand_string(self) -> str:
        r = self.rng
        pieces = ["plain", "caf\u00e9", "\u65e5\u672c", "\U0001F600", "\x7f", "}{][,:", "a\"b",
                  "back\\slash", "tab\t", "nl\n", "cr\r", "\b\f", "\u0000", "\u2028",
                  '{"tenant_id":"fake","ts":1}', '"event_type":', "\ud800", "\udfff",
                  "\ude00\ud83d", "\ud83dx", "\\u0041", "/", ""]
        return "".join(r.choice(pieces) for _ in range(r.randint(0, 4)))

    def rand_number(self) -> str:
        return self.rng.choice([
            "0", "-0", "7", "-12", "3.25", "-0.0", "1e3", "1E+3", "2.5e-3", "-4.2E-07",
            "1e400", "1E-400", "-1e400", "12345678901234567890123456789", "0.000001",
            "1e99999999999999999999", "6.02214076e23", "-0.0E-0", "100000000000000000000000.5",
        ])

    def rand_value(self, depth: int) -> str:
        r = self.rng
        kind = r.choices(["str", "num", "lit", "empty", "obj", "arr"],
                         [30, 25, 10, 8, 14 if depth else 0, 13 if depth else 0])[0]
        if kind == "str":
            return self.jstr(self.rand_string(), r.choice([0.0, 0.2, 1.0]))
        if kind == "num":
            return self.rand_number()
        if kind == "lit":
            return r.choice(["true", "false", "null"])
        if kind == "empty":
            return r.choice(["{}", "[]", "{ }", "[ ]", '""'])
        if kind == "obj":
            items = [(self.jstr(r.choice(["a", "b", "tenant_id", "ts", "event_type", "", "k\u00e9y",
                                          "session_id", "x\ud800"])), self.rand_value(depth - 1))
                     for _ in range(r.randint(1, 4))]
            return self.render(items)
        items = [self.rand_value(depth - 1) for _ in range(r.randint(0, 5))]
        return "[" + ",".join(f"{self.ws()}{v}{self.ws()}" for v in items) + "]"

    def unknown_fields(self, n: int | None = None) -> list[tuple[str, str]]:
        r = self.rng
        names = ["props", "meta", "user", "x_tenant_id", "tenant_idx", "TS", "Ts", "ts_", "timestamp2",
                 "event", "payload", "", 'we"ird', "\u00fcber", "x\ud800", "Tenant_id", "event_type_",
                 "session", "eventTs", "tags"]
        if n is None:
            n = r.choices([0, 1, 2, 3, 5], [20, 35, 25, 15, 5])[0]
        return [(self.jstr(r.choice(names), 0.1), self.rand_value(r.randint(0, 4))) for _ in range(n)]

    # ---------------------------------------------------------------- timestamps
    def ts_text(self, ns: int) -> str:
        """A JSON value whose timestamp is ns or ns truncated (same whole second)."""
        r = self.rng
        s, frac = divmod(ns, NS)
        form = r.choices(["rfc", "int", "frac", "exp", "longfrac", "ms", "us", "ns", "numstr"],
                         [56, 8, 10, 10, 4, 4, 3, 3, 2])[0]
        # Epoch numbers in other units, auto-detected by magnitude, and numeric strings (DESIGN §8).
        if form == "ms":
            return str(s * 1000 + frac // 10**6)
        if form == "us":
            return str(s * 10**6 + frac // 1000)
        if form == "ns":
            return str(ns)
        if form == "numstr":
            return r.choice([f'"{s}"', f'"{s}.{frac:09d}"', f'"{s * 1000 + frac // 10**6}"', f'"{ns}"'])
        if form == "rfc":
            digits = r.randint(0, 9)
            sep = r.choices(["T", "t", " "], [85, 8, 7])[0]
            zone_kind = r.choices(["Z", "z", "off", "none"], [52, 8, 34, 6])[0]  # none: UTC
            off = 0
            if zone_kind == "off":
                off = r.choice([0, 0, r.randint(-23 * 60 - 59, 23 * 60 + 59), 23 * 60 + 59, -(23 * 60 + 59),
                                330, -570, 845])
                sign = "-" if off < 0 or (off == 0 and r.random() < 0.5) else "+"
                zone = f"{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
            else:
                zone = "" if zone_kind == "none" else zone_kind
            date, time = civil(s + off * 60)  # local wall time = UTC + offset
            fraction = "." + f"{frac:09d}"[:digits] if digits else ""
            return f'"{date}{sep}{time}{fraction}{zone}"'
        if form == "int":
            return str(s)
        if form == "frac":
            f = f"{frac:09d}"[: r.randint(1, 9)]
            return f"{s}.{f}"
        if form == "longfrac":  # more than 9 fraction digits: floor to ns
            return f"{s}.{frac:09d}{r.randint(0, 10**r.randint(1, 12) - 1)}"
        # exponent forms, built from the digits so no float rounding is involved
        D = str(ns)
        e_char = r.choice("eE")
        style = r.choice(["point", "int", "zero", "trunc"])
        if style == "int":  # e.g. 17641440001234567E-8 (integer mantissa, negative exp)
            Dt = D.rstrip("0") or "0"
            exp = len(D) - len(Dt) - 9
            return f"{Dt}{e_char}{exp:+d}" if r.random() < 0.5 else f"{Dt}{e_char}{exp}"
        if style == "zero":  # 0.1764...E10
            return f"0.{D}{e_char}{len(D) - 9}"
        p = r.randint(1, 10)  # digits before the point
        mant_frac = D[p:]
        if style == "trunc":  # drop some trailing digits (keeps the whole second)
            mant_frac = mant_frac[: max(10 - p, r.randint(0, len(mant_frac)))]
        exp = len(D) - p - 9
        exp_txt = r.choice([f"{exp}", f"{exp:+d}", f"{exp:+03d}" if exp >= 0 else f"{exp}"])
        return f"{D[:p]}{'.' + mant_frac if mant_frac else ''}{e_char}{exp_txt}"

    # ---------------------------------------------------------------- events
    def pick_type(self, uniform: bool = False) -> str:
        names = [t for t, _ in EVENT_TYPES]
        if uniform:
            return self.rng.choice(names)
        return self.rng.choices(names, [w for _, w in EVENT_TYPES])[0]

    def pick_tenant(self, tail: bool) -> str:
        r = self.rng
        if tail and r.random() < 0.5:
            return r.choice(MAIN_TENANTS + EXTRA_TENANTS)
        return r.choices([t for t, _ in self.main_weights], [w for _, w in self.main_weights])[0]

    def session_value(self, tenant: str) -> str | None:
        """The session_id value text, or None for no session_id key."""
        r = self.rng
        x = r.random()
        if x < 0.30:
            return None
        if x < 0.35:
            return "null"
        if x < 0.40:
            return '""'
        n = self.sessions.get(tenant, 0)
        if r.random() < 0.1:
            n += 1
            self.sessions[tenant] = n
        return self.jstr(f"sess-{n}")  # ids repeat across tenants: a session is per tenant

    def event_fields(self, tenant: str, etype: str, ns: int, alias: str | None = None,
                     extras: bool = True) -> list[tuple[str, str]]:
        r = self.rng
        if alias is None:
            alias = r.choices(["ts", "timestamp", "event_ts"], [70, 15, 15])[0]
        # An integer tenant is the same tenant as its decimal text (DESIGN §8).
        tenant_json = tenant if re.fullmatch(r"-?(0|[1-9][0-9]*)", tenant) and r.random() < 0.5 else self.jstr(tenant)
        fields = [(self.key("tenant_id"), tenant_json), (self.key("event_type"), self.jstr(etype)),
                  (self.key(alias), self.ts_text(ns))]
        sess = self.session_value(tenant)
        if sess is not None:
            fields.append((self.key("session_id"), sess))
        if extras:
            # lower-priority aliases with junk are ignored
            lower = {"ts": ["timestamp", "event_ts"], "timestamp": ["event_ts"], "event_ts": []}[alias]
            for a in lower:
                if r.random() < 0.05:
                    fields.append((self.jstr(a), r.choice(['"garbage"', "null", "{}", "-1", '"\\ud800"'])))
            fields += self.unknown_fields()
        r.shuffle(fields)
        if extras and r.random() < 0.03:
            # a duplicate of a known key with junk BEFORE the real one: the last one wins
            k = r.choice(["tenant_id", "event_type", alias, "session_id"])
            idx = next((i for i, (kk, _) in enumerate(fields) if kk == self.jstr(k, 0.0)), None)
            if idx is not None:
                fields.insert(r.randint(0, idx), (self.jstr(k, 0.0), r.choice(["5", "null", '""', "{}", "[1]", '"junk"'])))
        return fields

    def emit(self, line, intended: str, crlf: bool | None = None):
        if crlf is None:
            crlf = self.rng.random() < 0.1
        if crlf:
            line = line + ("\r" if isinstance(line, str) else b"\r")
        self.records.append((line, intended))

    def accept(self, s: int) -> str:
        """Track E for an event that will be accepted; returns 'event' or 'late'."""
        if self.E is None:
            self.E = s + 1
        if s < self.E - L:
            return "late"
        self.E = max(self.E, s + 1)
        return "event"

    def main_event(self, ns: int, tail: bool):
        tenant = self.pick_tenant(tail)
        etype = self.pick_type(uniform=tail and self.rng.random() < 0.5)
        outcome = self.accept(ns // NS)
        self.emit(self.render(self.event_fields(tenant, etype, ns)), outcome)

    def old_ns(self, back_s: float) -> int:
        """A ts back_s seconds before E (so it never moves E)."""
        return (self.E - 1) * NS + self.rng.randrange(NS) - int(back_s * NS)

    # ---------------------------------------------------------------- special lines
    def base(self, **kw) -> list[tuple[str, str]]:
        """Plain fields of a valid, kept, E-neutral event (no extras, no escapes)."""
        r = self.rng
        ns = self.old_ns(r.uniform(0, 4))
        fields = [('"tenant_id"', self.jstr(kw.get("tenant", self.pick_tenant(True)), 0.0)),
                  ('"event_type"', self.jstr(kw.get("etype", self.pick_type()), 0.0)),
                  ('"ts"', kw.get("ts", self.ts_text(ns)))]
        if r.random() < 0.5:
            fields.append(('"session_id"', self.jstr(f"s-{r.randint(0, 99)}", 0.0)))
        return fields

    @staticmethod
    def plain(fields) -> str:
        return "{" + ",".join(f"{k}:{v}" for k, v in fields) + "}"

    def without(self, fields, *keys):
        return [(k, v) for k, v in fields if k.strip('"') not in keys]

    def with_(self, fields, key, value):
        return self.without(fields, key) + [(f'"{key}"', value)]

    def special_valid(self, i: int):
        """Valid events with edge cases; kept unless noted late."""
        r, b, P = self.rng, self.base, self.plain
        now = self.ts_text(self.old_ns(r.uniform(0, 4)))
        other = self.ts_text(self.old_ns(r.uniform(100, 3000)))  # a different, kept second
        late_txt = r.choice(['0', '-0', '0.0', '-0.0', '1e-10', '0e5', '"1970-01-01T00:00:00Z"',
                             '"1969-12-31T23:30:00-01:00"', '"2024-02-29T12:00:00Z"',
                             '"2000-02-29T00:00:00.5+00:00"', '"1970-01-01T00:00:00.000000001Z"',
                             str(self.E - L - 1), f'"{" ".join(civil(self.E - L - 1))}z"'])
        cases = [
            lambda: P([('"tenant_id"', '"decoy"')] + b()),                     # duplicate: last wins
            lambda: P([('"ts"', '"garbage"')] + b()),
            lambda: P([('"ts"', "null")] + b()),
            lambda: P(b() + [('"session_id"', "5"), ('"session_id"', "null")]),
            lambda: P([('"event_type"', "null")] + b()),
            lambda: P(self.without(b(), "ts") + [('"timestamp"', now)]),      # aliases
            lambda: P(self.without(b(), "ts") + [('"event_ts"', now)]),
            lambda: P(self.without(b(), "ts") + [('"event_ts"', '"garbage"'), ('"timestamp"', now)]),
            lambda: P([('"event_ts"', other), ('"timestamp"', other)] + b(ts=now)),  # ts wins
            lambda: P(self.without(b(), "ts") + [('"event_ts"', other), ('"timestamp"', now)]),
            lambda: P(b() + [('"timestamp"', '"\\ud800"'), ('"event_ts"', '"\\udfff"')]),
            lambda: P(b() + [('"x"', '"\\ud800"'), ('"\\udbff"', "1"), ('"y"', '["\\ude00\\ud83d", {"z": "\\ud83d"}]')]),
            lambda: P([('"tenant\\u005fid"', '"acme"'), ('"event\\u005Ftype"', '"click"'), ('"\\u0074s"', now)]),
            lambda: P(b() + [('"meta"', '{"tenant_id":"nested","event_type":"x","ts":"garbage","session_id":5}')]),
            lambda: P([('"meta"', '{"tenant_id":"nested","ts":[1,{"ts":2}]}')] + b()),
            lambda: P(b() + [('"note"', '"{\\"tenant_id\\":\\"fake\\",\\"ts\\":1}"'),
                             ('"path"', '"C:\\\\"'), ('"q"', '"\\\\\\""'), ('"ts_note"', '"ts"')]),
            lambda: " \t " + P(b()) + " \t  ",
            lambda: "{ " + " ,\t".join(f'\r{k} \t:\r {v}\t' for k, v in b()) + " }",
            lambda: P(b() + [('"e1"', "{}"), ('"e2"', "[]"), ('"e3"', '""'), ('""', '"empty key"')]),
            lambda: P(b() + [('"deep"', "[" * 64 + "{}" + "]" * 64)]),
            lambda: P(b() + [('"deeper"', '{"a":' * 150 + "[]" + "}" * 150)]),
            lambda: P(b() + [('"n"', "[1e400,-1E-400,-0,123456789012345678901234567890,1e99999999999999999999,0.5E+1]")]),
            lambda: P(b() + [('"t"', "true"), ('"f"', "false"), ('"z"', "null"), ('"raw"', '"caf\u00e9 \U0001F600 \u65e5"')]),
            lambda: P(self.without(b(), "session_id") + [('"session_id"', r.choice(["null", '""', '"' + "s" * 256 + '"',
                                                                                   '"' + "\\u00e9" * 128 + '"']))]),
            lambda: P(b(tenant=r.choice(EXTRA_TENANTS))),
            lambda: P(self.with_(b(), "tenant_id", '"' + "\\u00e9" * 128 + '"')),
            lambda: P(self.with_(b(), "tenant_id", '"' + "\\uD83D\\uDE00" * 64 + '"')),
            lambda: P(self.with_(b(), "event_type", '"' + "e" * 256 + '"')),
            lambda: P(self.with_(b(), "tenant_id", self.jstr(r.choice(MAIN_TENANTS), 1.0))),  # every char escaped
            lambda: P(self.with_(b(), "tenant_id", '"te\\u0301nant"')),
            lambda: P(self.with_(b(), "tenant_id", '"t\\u00E9nant"')),
            lambda: P(self.with_(b(), "tenant_id", '"\\/slash"')),
            lambda: P(self.with_(b(), "ts", now[:-2] + "\\u005a" + '"' if now.endswith('Z"') else now)),
            lambda: P(self.with_(b(), "ts", '"' + now[1:].replace("-", "\\u002d", 1) if now.startswith('"') else now)),
            lambda: P(self.with_(b(), "ts", late_txt)),  # accepted but late
            lambda: P(self.with_(b(), "ts", str(self.E - L))),  # exactly on the lateness boundary: kept
        ]
        j = i % len(cases)
        line = cases[j]()
        intended = "late" if j == len(cases) - 2 else "event"
        self.emit(line, intended)

    def special_bad(self, reason: str, i: int):
        r, b, P = self.rng, self.base, self.plain
        if reason == "invalid_json":
            line = self.invalid_json_line(i)
        elif reason == "invalid_utf8":
            line = self.invalid_utf8_line(i)
        elif reason == "missing_field":
            cases = [
                lambda: "{}",
                lambda: " { } ",
                lambda: P(self.without(b(), "event_type", "ts")),
                lambda: P(self.without(b(), "ts")),
                lambda: P(self.without(b(), "ts") + [(r.choice(['"TS"', '"Ts"', '"time"', '"ts "', '"_ts"', '"event-ts"',
                                                                 '"eventTs"', '"timeStamp"', '" ts"']), '"2026-11-26T10:00:00Z"')]),
                lambda: P(self.without(b(), "tenant_id")),
                lambda: P(self.without(b(), "tenant_id") + [(r.choice(['"tenant"', '"Tenant_id"', '"tenantId"', '"tenant_id "']), '"acme"')]),
                lambda: P(self.without(b(), "event_type")),
                lambda: P(self.without(b(), "event_type") + [('"eventType"', '"click"'), ('"type"', '"click"')]),
                lambda: P([('"event"', P(b()))]),
                lambda: P(self.without(b(), "tenant_id", "ts") + [('"meta"', '{"tenant_id":"acme","ts":1}')]),
                lambda: P([('"note"', '"\\"tenant_id\\":\\"a\\",\\"event_type\\":\\"b\\",\\"ts\\":1"')]),
                lambda: P(self.without(b(), "tenant_id") + [('"event_type"', "5")]),   # tenant checked first
                lambda: P(self.without(b(), "event_type", "ts") + [('"ts"', '"nope"')]),
                lambda: P(self.without(b(), "event_type") + [('"session_id"', "5")]),
                lambda: P(self.without(b(), "ts") + [('"session_id"', "{}")]),
            ]
            line = cases[i % len(cases)]()
        elif reason == "bad_field":
            big = r.choice(['"' + "a" * 257 + '"', '"' + "\u00e9" * 128 + 'x"', '"' + "\\u00e9" * 128 + 'x"',
                            '"' + "\u65e5" * 86 + '"', '"' + "\U0001F600" * 64 + 'x"', '"' + "\\ud83d\\ude00" * 64 + 'x"'])
            bad_name = r.choice(["5.0", "1.5", "-0.0", "1e3", "null", "true", "false", "{}", "[]", '["a"]', '{"id":"a"}', '""', big])
            bad_sess = r.choice(["5.5", "0e0", "-1.5e3", "true", "false", "{}", "[]", '[""]', '{"id":"s"}',
                                 '"' + "s" * 257 + '"', '"' + "\\u00e9" * 128 + 's"'])
            cases = [
                lambda: P(self.with_(b(), "tenant_id", bad_name)),
                lambda: P(self.with_(b(), "event_type", bad_name)),
                lambda: P(self.with_(b(), "session_id", bad_sess)),
                lambda: P(b() + [('"tenant_id"', bad_name)]),                       # duplicate, last is bad
                lambda: P(self.without(self.with_(b(), "tenant_id", bad_name), "event_type")),  # tenant first
                lambda: P(self.without(self.with_(b(), "tenant_id", bad_name), "ts")),
                lambda: P(self.with_(self.with_(b(), "event_type", bad_name), "ts", '"garbage"')),
                lambda: P(self.with_(b(), "tenant_id", '""')),
                lambda: P(self.with_(b(), "event_type", '""')),
                lambda: P(self.with_(b(), "tenant_id", '"' + "a" * 257 + '"')),
            ]
            line = cases[i % len(cases)]()
        elif reason == "bad_timestamp":
            v = BAD_TS_VALUES[i % len(BAD_TS_VALUES)]
            alias = r.choice(["ts", "ts", "timestamp", "event_ts"])
            fields = self.without(b(), "ts") + [(f'"{alias}"', v)]
            if i % 7 == 3 and alias == "timestamp":  # a good lower-priority alias does not rescue it
                fields.append(('"event_ts"', self.ts_text(self.old_ns(1))))
            if i % 11 == 5:  # duplicate ts: good first, bad last
                fields = [(f'"{alias}"', self.ts_text(self.old_ns(1)))] + fields
            if i % 13 == 6:  # bad timestamp AND bad session: the timestamp is checked first
                fields = self.with_(fields, "session_id", "5.5")
            line = P(fields)
        else:
            raise ValueError(reason)
        self.emit(line, reason, crlf=None)

    def invalid_json_line(self, i: int) -> str:
        r, b, P = self.rng, self.base, self.plain
        L_ = P(b())
        body = L_[:-1]  # without the closing brace
        cases = [
            lambda: L_ + " x", lambda: L_ + "}", lambda: L_ + L_, lambda: L_ + " " + L_, lambda: L_ + ",",
            lambda: L_ + " {}", lambda: L_ + "\x00", lambda: L_ + " // comment", lambda: "/* c */" + L_,
            lambda: body + ",}", lambda: body + ', "x":[1,2,]}', lambda: body + ',"x":{"a":1,}}',
            lambda: "{'tenant_id':'acme','event_type':'click','ts':1764144000}",
            lambda: body + ',"x":NaN}', lambda: body + ',"x":Infinity}', lambda: body + ',"x":-Infinity}',
            lambda: P(self.with_(b(), "ts", "NaN")), lambda: P(self.with_(b(), "ts", "Infinity")),
            lambda: body + ',"x":01}', lambda: body + ',"x":-01}', lambda: body + ',"x":00}',
            lambda: P(self.with_(b(), "ts", "0" + str(self.E - 2))),
            lambda: body + ',"x":1.}', lambda: body + ',"x":.5}', lambda: body + ',"x":+1}',
            lambda: body + ',"x":1e}', lambda: body + ',"x":1e+}', lambda: body + ',"x":-}',
            lambda: body + ',"x":0x1F}', lambda: body + ',"x":1_000}', lambda: body + ',"x":1 2}',
            lambda: P(self.with_(b(), "ts", str(self.E - 2) + ".")),
            lambda: P(self.with_(b(), "tenant_id", '"ten\tant"')),
            lambda: body + ',"x":"a\x01b"}', lambda: body + ',"x":"a\x00b"}', lambda: body + ',"x":"\x1f"}',
            lambda: P(self.with_(b(), "event_type", '"cl\x0bick"')),
            lambda: body + ',"x":"\\x41"}', lambda: body + ',"x":"\\a"}', lambda: body + ",\"x\":\"\\'\"}",
            lambda: body + ',"x":"\\u12"}', lambda: body + ',"x":"\\u12G4"}', lambda: body + ',"x":"\\U0041"}',
            lambda: body + ',"x":"\\u"}', lambda: body + ',"x":"abc\\"}', lambda: body + ',"x":"\\ "}',
            lambda: L_[: r.randint(1, len(L_) - 2)],
            lambda: "[" + L_ + "]", lambda: "42", lambda: '"str"', lambda: "null", lambda: "true",
            lambda: "[]", lambda: "-1", lambda: str(self.E - 1),
            lambda: '{tenant_id:"acme","event_type":"click","ts":1764144000}',
            lambda: body + ',"x" 1}', lambda: body + ' "x":1}', lambda: body + ',,"x":1}', lambda: body + ':"x":1}',
            lambda: "{}}", lambda: "{{}}", lambda: body + ',"x":[}', lambda: body + ',"x":{]}',
            lambda: body + ',"x":}', lambda: "{:1}", lambda: '{"a"}', lambda: "{,}", lambda: body + ',"x"}',
            lambda: "{1:2}", lambda: body + ',"x":tru}', lambda: body + ',"x":nulls}',
            lambda: body + ',"x":True}', lambda: body + ',"x":NULL}', lambda: body + ',"x":nul}',
            lambda: "\ufeff" + L_, lambda: "\x0c" + L_, lambda: L_ + "\x0b", lambda: "\u00a0" + L_,
            lambda: L_ + "\u3000", lambda: L_ + "\u2028",
            lambda: P(self.with_(b(), "tenant_id", '"a"b"')),
            lambda: "   x", lambda: body + ',"x":"\\u00e9"',
            # a lone surrogate in a field eventtop uses
            lambda: P(self.with_(b(), "tenant_id", '"\\ud83d"')),
            lambda: P(self.with_(b(), "event_type", '"x\\udc00y"')),
            lambda: P(self.with_(b(), "session_id", '"\\ud800"')),
            lambda: P(self.with_(b(), "ts", '"\\udbff"')),
            lambda: P(self.with_(b(), "tenant_id", '"\\ude00\\ud83d"')),
            lambda: P(self.with_(b(), "tenant_id", '"\\ud83d\\u0041"')),
            lambda: P(self.with_(b(), "tenant_id", '"abc\\uD83D"')),
            lambda: P(self.without(b(), "ts") + [('"timestamp"', '"2026-11-26T10:00:00\\udc00Z"')]),
        ]
        return cases[i % len(cases)]()

    def invalid_utf8_line(self, i: int) -> str:
        b = self.base
        seq = bad_bytes(BAD_UTF8[i % len(BAD_UTF8)])
        fields = b()
        where = (i // len(BAD_UTF8)) % 7
        if where == 0:  # in the tenant
            fields = self.with_(fields, "tenant_id", '"ac' + seq + 'me"')
        elif where == 1:  # in the event type
            fields = self.with_(fields, "event_type", '"' + seq + '"')
        elif where == 2:  # in an unknown field
            fields = fields + [('"props"', '{"a":["x' + seq + 'y"]}')]
        elif where == 3:  # in a key
            fields = fields + [('"k' + seq + '"', "1")]
        elif where == 4:  # outside any string (where whitespace would be)
            return self.plain(fields)[:-1] + " " + seq + "}"
        elif where == 5:  # at the very end of the line
            return self.plain(fields) + seq
        else:  # in the session
            fields = self.with_(fields, "session_id", '"s' + seq + '"')
        return self.plain(fields)

    def long_line(self, total: int, crlf: bool = False, junk: str = "") -> str:
        """A line of exactly `total` bytes (a CR of CRLF included)."""
        fields = self.base()
        head = self.plain(fields)[:-1] + ',"pad":"' + junk
        tail = '"}'
        n = total - len((head + tail).encode("utf-8", "surrogateescape")) - (1 if crlf else 0)
        pad = "".join(self.rng.choice("abcdefghij ") for _ in range(64))
        pad = (pad * (n // 64 + 1))[:n]
        line = head + pad + tail
        assert len(line.encode("utf-8", "surrogateescape")) + (1 if crlf else 0) == total
        return line

    def long_lines(self, which: int):
        """The six too_long / at-the-limit lines."""
        if which == 0:
            self.emit(self.long_line(LIMIT), "event", crlf=False)  # exactly at the limit: valid
        elif which == 1:
            self.emit(self.long_line(LIMIT, crlf=True), "event", crlf=True)  # limit incl. the CR
        elif which == 2:
            self.emit(self.long_line(LIMIT + 1), "too_long", crlf=False)  # one byte over
        elif which == 3:
            self.emit(self.long_line(LIMIT + 1, crlf=True), "too_long", crlf=True)  # over by its CR
        elif which == 4:  # 3 MiB with invalid UTF-8 and broken JSON inside: too_long first
            self.emit(self.long_line(3 * LIMIT + 17, junk=bad_bytes(b"\xc0\xaf") + '\\x"{'), "too_long", crlf=False)
        elif which == 5:  # 1.5 MiB
            self.emit(self.long_line(3 * LIMIT // 2), "too_long", crlf=False)
        elif which == 6:  # just under the limit, valid, with escapes in the padding
            self.emit(self.long_line(LIMIT - 100, junk="\\u00e9\\ud83d\\ude00\\\\\\\""), "event", crlf=False)

    # ---------------------------------------------------------------- the whole file
    def build(self):
        r = self.rng
        total_steps = MAIN_STEPS + TAIL_STEPS
        # Special lines, each assigned to a random step. Some land in the last ~10 s.
        tasks: dict[int, list] = {}

        def at(step, task):
            tasks.setdefault(step, []).append(task)

        def anywhere():
            return r.randrange(300, total_steps)

        def near_end():
            return r.randrange(total_steps - 450, total_steps)

        for i in range(40 * 36):  # special valid events (36 kinds)
            at(near_end() if i % 3 == 0 else anywhere(), ("valid", i))
        for reason, n in (("invalid_json", 4 * 86), ("invalid_utf8", 21 * 7), ("missing_field", 16 * 6),
                          ("bad_field", 10 * 12), ("bad_timestamp", 2 * len(BAD_TS_VALUES))):
            for i in range(n):
                at(anywhere(), (reason, i))
        for i in range(300):
            at(anywhere(), ("blank", i))
        for which in range(7):
            at(near_end() if which in (0, 1) else anywhere(), ("long", which))

        # First lines: blanks, then bad lines naming tenants (these must not count as a
        # tenant's first accepted event for --max-tenants).
        self.emit("", "blank", crlf=False)
        self.emit("  \t \r", "blank", crlf=False)
        first = T0 * NS
        self.emit(self.plain([('"tenant_id"', '"piedpiper"'), ('"event_type"', '"click"'),
                              ('"ts"', '"2026-02-30T08:00:00Z"')]), "bad_timestamp")
        self.emit(self.plain([('"tenant_id"', '"hooli"'), ('"event_type"', '"view"'),
                              ('"ts"', self.ts_text(first)), ('"session_id"', "4.2")]), "bad_field")

        tail_times: list[int] = []
        last_s = 0
        for step in range(total_steps):
            tail = step >= MAIN_STEPS
            if step == MAIN_STEPS:
                # The dense tail: TAIL_STEPS times spread evenly at random up to the last
                # second, which is chosen so that the final E is 7 mod 10 (so not a
                # multiple of 10 s or 5 min: hopping windows then differ from rolling ones).
                last_s = self.cur_ns // NS + TAIL_SECONDS
                while (last_s + 1) % 10 != 7:
                    last_s += 1
                tail_times = sorted(r.randrange(self.cur_ns, last_s * NS) for _ in range(TAIL_STEPS))
            if tail:
                self.cur_ns = tail_times[step - MAIN_STEPS]
            else:
                self.cur_ns += int(r.expovariate(MAIN_STEPS / MAIN_SECONDS) * NS)
            for kind, i in tasks.get(step, []) if self.E is not None else []:
                if kind == "valid":
                    self.special_valid(i)
                elif kind == "blank":
                    self.emit(r.choice(["", " ", "\t", " \t ", "   "]), "blank", crlf=r.random() < 0.4)
                elif kind == "long":
                    self.long_lines(i)
                else:
                    self.special_bad(kind, i)
            ns = self.cur_ns
            x = r.random()
            if step > 200 and self.E is not None:
                if x < 0.08:  # a few seconds back
                    ns = self.cur_ns - r.randrange(1, 5 * NS)
                elif x < 0.11:  # minutes back (kept: within the hour)
                    ns = self.cur_ns - r.randrange(60 * NS, 1800 * NS)
                elif x < 0.125:  # more than an hour before E: late
                    ns = (self.E - L - 1 - r.randrange(0, 7200)) * NS + r.randrange(NS)
                elif x < 0.128:  # exactly on the boundary: kept
                    ns = (self.E - L) * NS + r.randrange(NS)
                elif x < 0.131:  # one second past the boundary: late
                    ns = (self.E - L - 1) * NS + r.randrange(NS)
            self.main_event(ns, tail)
        # The last line: a valid event in the last second, without a trailing newline.
        self.cur_ns = last_s * NS + r.randrange(NS)
        outcome = self.accept(self.cur_ns // NS)
        line = self.render(self.event_fields("acme", "click", self.cur_ns, alias="ts"))
        self.records.append((line, outcome))

    def write(self, path: str):
        with open(path, "wb") as f:
            parts = [(ln.encode("utf-8", "surrogateescape") if isinstance(ln, str) else ln) for ln, _ in self.records]
            f.write(b"\n".join(parts))  # no '\n' after the last line


BAD_UTF8 = [
    b"\xc0\xaf", b"\xc1\xbf", b"\xe0\x80\xaf", b"\xe0\x9f\xbf", b"\xf0\x80\x80\xaf", b"\xf0\x8f\xbf\xbf",
    b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80",
    b"\xf8\x88\x80\x80\x80", b"\xff", b"\xfe", b"\x80", b"\xbf", b"\xe2\x82", b"\xf0\x9f\x98", b"\xc3",
    b"\xe2\x28\xa1", b"\xc3\x28",
]

BAD_TS_VALUES = [
    # calendar and clock
    '"2023-02-30T10:00:00Z"', '"2023-02-29T10:00:00Z"', '"2100-02-29T10:00:00Z"', '"2026-04-31T10:00:00Z"',
    '"2026-13-01T10:00:00Z"', '"2026-00-10T10:00:00Z"', '"2026-11-00T10:00:00Z"', '"2026-11-26T24:00:00Z"',
    '"2026-11-26T23:60:00Z"', '"2026-11-26T23:59:60Z"', '"2016-12-31T23:59:60Z"',
    # offsets and zones
    '"2026-11-26T10:00:00+24:00"', '"2026-11-26T10:00:00+05:60"', '"2026-11-26T10:00:00+0500"',
    '"2026-11-26T10:00:00+05"', '"2026-11-26T10:00:00-5:00"', '"2026-11-26T10:00:00 +05:00"',
    '"2026-11-26T10:00:00Z+01:00"', '"2026-11-26T10:00:00UTC"', '"2026-11-26T10:00"',
    '"2026-11-26 10:00"', '"2026-11-26T10:00:00ZZ"', '"2026-11-26T10:00:00.5 Z"',
    # fractions
    '"2026-11-26T10:00:00.1234567890Z"', '"2026-11-26T10:00:00.Z"', '"2026-11-26T10:00:00,123Z"',
    # shapes
    '"2026-11-26"', '"10:00:00Z"', '"2026/11/26T10:00:00Z"', '"26-11-2026T10:00:00Z"', '"2026-1-26T10:00:00Z"',
    '"2026-11-26T1:00:00Z"', '"+2026-11-26T10:00:00Z"', '"02026-11-26T10:00:00Z"', '" 2026-11-26T10:00:00Z"',
    '"2026-11-26T10:00:00Z "', '"2026-11-26TT10:00:00Z"', '"2026-11-26_10:00:00Z"', '"2026-11-26\\t10:00:00Z"',
    '"\uff12\uff10\uff12\uff16-11-26T10:00:00Z"', '"2026-11-26T10:00Z"', '"2026-11-26T10:00:00\\u0000Z"',
    # range
    '"2262-01-01T00:00:00Z"', '"2262-06-01T12:00:00Z"', '"9999-12-31T23:59:59Z"', '"1969-12-31T23:59:59Z"',
    '"1969-12-31T23:59:59.999999999Z"', '"0000-01-01T00:00:00Z"', '"1970-01-01T00:30:00+01:00"',
    '"2261-12-31T23:30:00-01:00"',
    # numbers out of range
    "-1", "-0.5", "-1e-10", "-1764144000", "9214646400", "1e10", "1E400", "1e99999999999999999999",
    "9214646400.0", "-1e99999999999999999999", "92146464e2",
    # strings that are not timestamps, and other types
    # epoch strings that are not plain numbers, or out of range in the unit auto takes
    '"1764144000 "', '"+1764144000"', '"-1764144000"', '"0x1A"', '"1,5"', '"1e"', '"1."', '".5"',
    '"99999999999"', '"99999999999999"', '""', '"now"', '"null"',
    "null", "true", "false", "{}", "[]", '{"s":1764144000}', "[1764144000]",
]


def verify(path: str, records) -> int:
    """Classify the written file with reference.py and compare with the intended outcomes."""
    sys.path.insert(0, __file__.rsplit("/", 1)[0] or ".")
    import reference

    with open(path, "rb") as f:
        lines = reference.iter_lines(f.read())
    assert len(lines) == len(records), (len(lines), len(records))
    got, events = [], []
    for line in lines:
        try:
            ev = reference.classify_line(line)
            got.append("blank" if ev is None else "event")
            if ev is not None:
                events.append(len(got) - 1)
        except reference.Reject as e:
            got.append(e.reason)
    # lateness with the default presets
    E = None
    for idx in events:
        s = reference.classify_line(lines[idx])[3] // NS
        if E is None:
            E = s + 1
        if s < E - L:
            got[idx] = "late"
        else:
            E = max(E, s + 1)
    bad = 0
    for n, ((_, want), have) in enumerate(zip(records, got), 1):
        if want != have:
            bad += 1
            if bad <= 20:
                print(f"line {n}: intended {want}, reference says {have}: {lines[n - 1][:160]!r}", file=sys.stderr)
    tally = {}
    for g in got:
        tally[g] = tally.get(g, 0) + 1
    print(f"verify: {len(lines)} lines, {bad} not as intended; {tally}", file=sys.stderr)
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write the tricky NDJSON file for the oracle tests.")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verify", action="store_true", help="check every line with reference.py")
    a = ap.parse_args(argv)
    t = Tricky(a.seed)
    t.build()
    t.write(a.out)
    return verify(a.out, t.records) if a.verify else 0


if __name__ == "__main__":
    sys.exit(main())
