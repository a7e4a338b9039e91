"""End-to-end checks of `eventtop live --headless --once` against reference.py.

Run from the repository root:
    .venv/bin/python -m pytest -q Tests/oracle
The binary is $EVENTTOP_BIN, else .build/debug/eventtop (relative to the repository root).
"""
from __future__ import annotations

import calendar
import collections
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reference as ref  # noqa: E402
import tricky  # noqa: E402

NS = ref.NS
TIMEOUT = 600

# name, eventtop flags, reference() keyword arguments
CONFIGS = [
    ("rolling-10s", ["--window", "10s"], dict(window_s=10)),
    ("rolling-1m", ["--window", "1m"], dict(window_s=60)),
    ("rolling-5m", ["--window", "5m"], dict(window_s=300)),
    ("rolling-1h", ["--window", "1h"], dict(window_s=3600)),
    ("hopping-1m-10s", ["--window", "1m", "--mode", "hopping", "--hop", "10s"], dict(window_s=60, mode="hopping", hop_s=10)),
    ("hopping-5m-5m", ["--window", "5m", "--mode", "hopping", "--hop", "5m"], dict(window_s=300, mode="hopping", hop_s=300)),
]
# Beyond the six asked-for configurations: a window longer than every preset (so the
# lateness horizon grows to 2 h) and a small --max-line-bytes (many too_long lines).
EXTRA_CONFIGS = [
    ("rolling-2h", ["--window", "2h"], dict(window_s=7200)),
    ("max-line-bytes-300", ["--window", "1h", "--max-line-bytes", "300"], dict(window_s=3600, max_line_bytes=300)),
]


# ------------------------------------------------------------------------------ helpers

def run(binary: Path, args, stdin=None, input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary), *args], stdin=stdin, input=input_bytes,
                          capture_output=True, timeout=TIMEOUT)


def live(binary: Path, path, flags, fmt="csv", **kw) -> subprocess.CompletedProcess:
    args = ["live"] + (["--input", str(path)] if path is not None else []) + \
           ["--headless", "--once", "--format", fmt] + list(flags)
    return run(binary, args, **kw)


_TS_OUT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
                     r"(?:\.([0-9]{3}|[0-9]{6}|[0-9]{9}))?Z")


def parse_out_ts(text: str) -> int:
    """eventtop's RFC 3339 UTC output -> ns. Asserts the shape (Z, 0/3/6/9 digits)."""
    m = _TS_OUT.fullmatch(text)
    assert m, f"timestamp {text!r} is not RFC 3339 UTC with Z and 0, 3, 6 or 9 fraction digits"
    y, mo, d, h, mi, s = (int(g) for g in m.group(1, 2, 3, 4, 5, 6))
    frac = m.group(7) or ""
    return calendar.timegm((y, mo, d, h, mi, s)) * NS + (int(frac.ljust(9, "0")) if frac else 0)


def typed_row(fields: list[str]):
    """One CSV row of eventtop -> (tenant, type, start_s, end_s, count, last_ns), checking
    the formatting rules on the way."""
    assert len(fields) == 6, f"row has {len(fields)} fields: {fields!r}"
    t, e, start, end, n, last = fields
    start_ns, end_ns, last_ns = parse_out_ts(start), parse_out_ts(end), parse_out_ts(last)
    assert start_ns % NS == 0 and "." not in start, f"window_start_ts {start!r} is not whole seconds"
    assert end_ns % NS == 0 and "." not in end, f"window_end_ts {end!r} is not whole seconds"
    assert last == ref.format_ts(last_ns), \
        f"last_event_ts {last!r}: expected {ref.format_ts(last_ns)!r} (fewest of 0/3/6/9 exact digits)"
    assert re.fullmatch(r"[1-9][0-9]*", n), f"occurrences {n!r} is not a positive integer"
    return (t, e, start_ns // NS, end_ns // NS, int(n), last_ns)


def parse_csv(stdout: bytes) -> list[list[str]]:
    text = stdout.decode("utf-8")  # strict: eventtop must write valid UTF-8
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "no output at all (expected at least the CSV header)"
    assert rows[0] == ref.CSV_HEADER, f"CSV header {rows[0]!r}"
    return rows[1:]


_SUMMARY = re.compile(r"eventtop: ([0-9]+) events? accepted, ([0-9]+) lines? rejected(?: \(([^)]*)\))?; "
                      r"([0-9]+) late, ([0-9]+) future"
                      r"(?:, ([0-9]+) events of ([0-9]+) tenants folded into \(other\) \(--max-tenants ([0-9]+)\))?"
                      r"(?:, ([0-9]+) events of ([0-9]+) event types folded into \(other\) \(--max-types ([0-9]+)\))?"
                      r"(?:; [0-9]+ days written[^;]*)?"
                      r"(?:; epoch timestamps read as (.*) \(--ts-unit auto\))?")


def parse_units(text: str | None) -> dict:
    """`ms` or `s (3), ms (5)` -> {unit: count or -1 when a single unit} (no clause: {})."""
    if text is None:
        return {}
    m = re.fullmatch(r"(s|ms|us|ns)", text)
    if m:
        return {m.group(1): -1}
    return {u: int(n) for u, n in re.findall(r"(s|ms|us|ns) \(([0-9]+)\)", text)}


def parse_summary(stderr: bytes) -> dict:
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    assert lines, "no summary line on stderr"
    m = _SUMMARY.fullmatch(lines[-1].rstrip("\r"))
    assert m, f"last stderr line is not the summary: {lines[-1]!r}"
    reasons = {r: 0 for r in ref.REASONS}
    order = []
    if m.group(3):
        for part in m.group(3).split(", "):
            name, _, num = part.rpartition(" ")
            assert name in reasons, f"unknown reason {name!r} in {lines[-1]!r}"
            reasons[name] = int(num)
            order.append(name)
    assert order == [r for r in ref.REASONS if reasons[r]], f"reasons out of order or zero: {m.group(3)!r}"
    assert int(m.group(2)) == sum(reasons.values()), f"rejected total != sum of reasons: {lines[-1]!r}"
    return {"accepted": int(m.group(1)), "rejected": reasons, "late": int(m.group(4)),
            "future": int(m.group(5)), "folded": None if m.group(6) is None else int(m.group(6)),
            "folded_tenants": None if m.group(7) is None else int(m.group(7)),
            "folded_type_events": None if m.group(9) is None else int(m.group(9)),
            "folded_types": None if m.group(10) is None else int(m.group(10)),
            "auto_units": parse_units(m.group(12)),
            "line": lines[-1]}


def diff_rows(expected, actual, limit: int = 8) -> str:
    """A readable account of how two row lists differ."""
    exp = {(r[0], r[1]): r for r in expected}
    act = {(r[0], r[1]): r for r in actual}
    out = [f"reference {len(expected)} rows, eventtop {len(actual)} rows"]
    if len(act) != len(actual):
        dup = [k for k, c in collections.Counter((r[0], r[1]) for r in actual).items() if c > 1]
        out.append(f"eventtop repeats keys: {dup[:limit]!r}")
    missing = [k for k in exp if k not in act]
    extra = [k for k in act if k not in exp]
    differ = [k for k in exp if k in act and exp[k] != act[k]]
    for k in missing[:limit]:
        out.append(f"missing in eventtop: {exp[k]!r}")
    for k in extra[:limit]:
        out.append(f"extra in eventtop:   {act[k]!r}")
    for k in differ[:limit]:
        out.append(f"differs: reference {exp[k]!r}\n         eventtop  {act[k]!r}")
    if not (missing or extra or differ):
        for i, (a, b) in enumerate(zip(expected, actual)):
            if a != b:
                out.append(f"same rows, different order: row {i} reference {a[:2]!r}, eventtop {b[:2]!r}")
                break
    out.append(f"({len(missing)} missing, {len(extra)} extra, {len(differ)} differing)")
    return "\n".join(out)


def check_rows(expected, stdout: bytes):
    actual = [typed_row(r) for r in parse_csv(stdout)]
    assert actual == expected, diff_rows(expected, actual)
    return actual


def check_both(rows, counts, p: subprocess.CompletedProcess):
    """Rows and summary; when both differ, report both."""
    assert p.returncode == 0, f"exit {p.returncode}: {p.stderr.decode(errors='replace')[-2000:]}"
    problems = []
    for check, args in ((check_rows, (rows, p.stdout)), (check_summary, (counts, p.stderr))):
        try:
            check(*args)
        except AssertionError as e:
            problems.append(str(e).split("\nassert ")[0])
    assert not problems, "\n\n".join(problems)


def check_summary(counts, stderr: bytes) -> dict:
    got = parse_summary(stderr)
    units = {u: n for u, n in counts.get("auto_units", {}).items() if n}
    want = {"accepted": counts["accepted"], "rejected": counts["rejected"], "late": counts["late"],
            "future": counts["future"], "auto_units": {u: -1 for u in units} if len(units) == 1 else units}
    have = {"accepted": got["accepted"], "rejected": got["rejected"], "late": got["late"], "future": got["future"],
            "auto_units": got["auto_units"]}
    assert have == want, f"summary differs:\n  eventtop  {got['line']}\n  reference {ref.summary_line(counts)}"
    return got


# ------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="session")
def tricky_data(tmp_path_factory):
    path = tmp_path_factory.mktemp("tricky") / "tricky.ndjson"
    gen = tricky.Tricky(seed=1)
    gen.build()
    gen.write(str(path))
    return path, gen.records


@pytest.fixture(scope="session")
def tricky_file(tricky_data) -> Path:
    return tricky_data[0]


_REF_CACHE: dict = {}


def reference_for(path: Path, **kw):
    key = (str(path), tuple(sorted(kw.items())))
    if key not in _REF_CACHE:
        _REF_CACHE[key] = ref.reference(str(path), **kw)
    return _REF_CACHE[key]


# ------------------------------------------------------------------------------ tests

def test_tricky_file_is_as_intended(tricky_data):
    """Self-test of the oracle (no binary needed): every line of the tricky file is
    classified by reference.py as the generator meant, and every reason occurs."""
    path, records = tricky_data
    assert tricky.verify(str(path), records) == 0
    _, counts = reference_for(path, window_s=60)
    assert all(counts["rejected"][r] > 0 for r in ref.REASONS), counts["rejected"]
    assert counts["late"] > 0 and counts["blank"] > 0
    assert not path.read_bytes().endswith(b"\n")


@pytest.mark.parametrize("name,flags,kw", CONFIGS + EXTRA_CONFIGS, ids=[c[0] for c in CONFIGS + EXTRA_CONFIGS])
def test_tricky_matches_reference(eventtop, tricky_file, name, flags, kw):
    rows, counts = reference_for(tricky_file, **kw)
    assert rows, "the reference window is empty: the tricky file is not doing its job"
    p = live(eventtop, tricky_file, flags)
    check_both(rows, counts, p)


def test_max_tenants_folds_into_other(eventtop, tricky_file):
    kw = dict(window_s=60, max_tenants=5)
    rows, counts = reference_for(tricky_file, **kw)
    assert any(r[0] == "(other)" for r in rows)
    assert len({r[0] for r in rows if r[0] != "(other)"}) <= 5
    p = live(eventtop, tricky_file, ["--window", "1m", "--max-tenants", "5"])
    assert p.returncode == 0, p.stderr.decode(errors="replace")[-2000:]
    check_rows(rows, p.stdout)
    got = check_summary(counts, p.stderr)
    # N counts the kept (not late) events of folded tenants, T the distinct folded tenants.
    assert got["folded"] == counts["folded_kept"], \
        f"', N events … folded into (other)' has N={got['folded']}, reference {counts['folded_kept']}: {got['line']}"
    assert got["folded_tenants"] == counts["folded_tenants"], got["line"]
    assert "(--max-tenants 5)" in got["line"]


def test_max_types_folds_into_other(eventtop, tricky_file):
    kw = dict(window_s=300, max_types=2)
    rows, counts = reference_for(tricky_file, **kw)
    assert any(r[1] == "(other)" for r in rows)
    assert len({r[1] for r in rows if r[1] != "(other)"}) <= 2
    p = live(eventtop, tricky_file, ["--window", "5m", "--max-types", "2"])
    assert p.returncode == 0, p.stderr.decode(errors="replace")[-2000:]
    check_rows(rows, p.stdout)
    got = check_summary(counts, p.stderr)
    assert got["folded_type_events"] == counts["folded_type_events"] > 0, got["line"]
    assert got["folded_types"] == counts["folded_types"] > 0, got["line"]
    assert "(--max-types 2)" in got["line"]


def test_ndjson_format_equals_csv(eventtop, tricky_file):
    flags = ["--window", "1m"]
    rows, _ = reference_for(tricky_file, window_s=60)
    p_csv = live(eventtop, tricky_file, flags, fmt="csv")
    p_nd = live(eventtop, tricky_file, flags, fmt="ndjson")
    assert p_csv.returncode == 0 and p_nd.returncode == 0, p_nd.stderr.decode(errors="replace")[-2000:]
    csv_rows = parse_csv(p_csv.stdout)
    nd_rows = []
    for n, line in enumerate(p_nd.stdout.decode("utf-8").split("\n"), 1):
        if not line.strip():
            continue
        obj = json.loads(line, parse_constant=ref._refuse_constant)
        assert isinstance(obj, dict) and set(obj) == set(ref.CSV_HEADER), f"ndjson line {n}: keys {sorted(obj)}"
        assert isinstance(obj["occurrences"], int) and not isinstance(obj["occurrences"], bool), \
            f"ndjson line {n}: occurrences should be a JSON integer, got {obj['occurrences']!r}"
        nd_rows.append([obj[k] if k != "occurrences" else str(obj[k]) for k in ref.CSV_HEADER])
    assert nd_rows == csv_rows, diff_rows([typed_row(r) for r in csv_rows], [typed_row(r) for r in nd_rows])
    check_rows(rows, p_csv.stdout)


@pytest.mark.parametrize("input_flag,how", [(["--input", "-"], "pipe"), (["--input", "-"], "file"),
                                            ([], "pipe"), ([], "file")],
                         ids=["dash-pipe", "dash-redirect", "noinput-pipe", "noinput-redirect"])
def test_stdin_gives_same_result(eventtop, tricky_file, input_flag, how):
    rows, counts = reference_for(tricky_file, window_s=60)
    args = ["live", *input_flag, "--headless", "--once", "--format", "csv", "--window", "1m"]
    if how == "pipe":
        p = run(eventtop, args, input_bytes=tricky_file.read_bytes())
    else:
        with open(tricky_file, "rb") as f:
            p = run(eventtop, args, stdin=f)
    check_both(rows, counts, p)


@pytest.mark.parametrize("args,names", [
    (["live", "--headless", "--once", "--bogus-flag"], ["--bogus-flag", "bogus-flag"]),
    (["live", "--headless", "--once", "--window", "banana"], ["banana", "window"]),
    (["live", "--headless", "--once", "--mode", "sideways"], ["sideways", "mode"]),
    (["live", "--headless", "--once", "--format", "xml"], ["xml", "format"]),
], ids=["unknown-flag", "bad-window", "bad-mode", "bad-format"])
def test_bad_flag_exits_2_with_one_line(eventtop, tricky_file, args, names):
    p = run(eventtop, args + ["--input", str(tricky_file)], stdin=subprocess.DEVNULL)
    err = p.stderr.decode("utf-8", "replace").rstrip("\n")
    assert p.returncode == 2, f"exit {p.returncode}, stderr {err!r}"
    assert err and "\n" not in err, f"expected exactly one line on stderr, got:\n{err}"
    assert any(n in err for n in names), f"the line should name the flag or value ({names}): {err!r}"


def test_missing_input_exits_1_naming_the_file(eventtop, tmp_path):
    missing = tmp_path / "no-such-dir" / "missing-events.ndjson"
    p = run(eventtop, ["live", "--input", str(missing), "--headless", "--once"], stdin=subprocess.DEVNULL)
    err = p.stderr.decode("utf-8", "replace").rstrip("\n")
    assert p.returncode == 1, f"exit {p.returncode}, stderr {err!r}"
    assert err and "\n" not in err, f"expected exactly one line on stderr, got:\n{err}"
    assert str(missing) in err, f"the line should name {missing}: {err!r}"


# Small hand-made inputs: edges that cannot live in the tricky file (they would move E).
EDGE_FILES = {
    "empty": b"",
    "blank-only": b"\n \n\t\r\n\r",
    "bad-only": b"nope\n{}\n" + b'{"tenant_id":"a","event_type":"b","ts":"2262-01-01T00:00:00Z"}',
    "crlf-last-line": b'{"tenant_id":"a","event_type":"b","ts":1764144000.5}\r',
    "range-edges": b"\n".join([
        b'{"tenant_id":"a","event_type":"b","ts":"1970-01-01T00:00:00Z"}',
        b'{"tenant_id":"a","event_type":"b","ts":"1969-12-31T23:30:00-01:00"}',
        b'{"tenant_id":"a","event_type":"b","ts":1e-10}',
        b'{"tenant_id":"a","event_type":"b","ts":-1e-10}',
        b'{"tenant_id":"x","event_type":"far","ts":9214646399.9999999999}',
        b'{"tenant_id":"x","event_type":"far","ts":"2261-12-31T23:59:59.999999999Z"}',
        b'{"tenant_id":"x","event_type":"far","ts":"2262-01-01T00:00:00Z"}',
        b'{"tenant_id":"x","event_type":"far","ts":"2261-12-31T23:30:00-01:00"}',
        b'{"tenant_id":"x","event_type":"far","ts":9214646400}',
        b'{"tenant_id":"x","event_type":"near","ts":"2261-12-31T23:59:55.5+00:00"}',
        b'{"tenant_id":"a","event_type":"b","ts":"2000-01-01T00:00:00Z"}',
    ]),
}


@pytest.mark.parametrize("name", list(EDGE_FILES))
def test_edge_files(eventtop, tmp_path, name):
    path = tmp_path / f"{name}.ndjson"
    path.write_bytes(EDGE_FILES[name])
    rows, counts = ref.reference(str(path), window_s=10)
    p = live(eventtop, path, ["--window", "10s"])
    check_both(rows, counts, p)


# ------------------------------------------------------------------------------ generate

@pytest.fixture(scope="session")
def generated(eventtop, tmp_path_factory):
    # --start is fixed: without it the events end "now" (eventtop rounds the wall clock to
    # the minute), so two runs straddling a minute boundary differ.
    args = ["generate", "--events", "200000", "--seed", "7", "--start", "2026-11-01T00:00:00Z"]
    first = run(eventtop, args, stdin=subprocess.DEVNULL)
    assert first.returncode == 0, first.stderr.decode(errors="replace")[-2000:]
    second = run(eventtop, args, stdin=subprocess.DEVNULL)
    assert second.returncode == 0
    path = tmp_path_factory.mktemp("generated") / "gen7.ndjson"
    path.write_bytes(first.stdout)
    return path, first.stdout, second.stdout


def test_generate_is_deterministic(generated):
    _, a, b = generated
    assert a == b, "two runs of generate --seed 7 gave different bytes"


def test_generate_shape(generated):
    path, data, _ = generated
    lines = ref.iter_lines(data)
    assert len(lines) == 200000, f"{len(lines)} lines for --events 200000"
    types = collections.Counter()
    tenants = collections.Counter()
    sessions = collections.Counter()
    for n, line in enumerate(lines, 1):
        try:
            tenant, etype, session, _ = ref.classify_line(line)
        except ref.Reject as e:
            pytest.fail(f"generated line {n} is rejected ({e.reason}): {line[:200]!r}")
        types[etype] += 1
        tenants[tenant] += 1
        if session is not None:
            sessions[(tenant, session)] += 1
    total = sum(types.values())
    for name, target in (("click", 60), ("view", 32), ("error", 8)):
        share = 100 * types[name] / total
        assert abs(share - target) <= 2, f"{name} is {share:.2f}% of events, want {target} +- 2 ({dict(types)})"
    assert len(tenants) >= 5, f"only {len(tenants)} tenants"
    most, least = max(tenants.values()), min(tenants.values())
    assert most >= 20 * least, f"tenant volumes {most} vs {least}: want the largest >= 20x the smallest"
    assert len(sessions) >= 100, f"only {len(sessions)} sessions"
    per = sorted(sessions.values())
    assert sum(per) / len(per) >= 2 and per[-1] >= 5, \
        f"sessions should hold several events: mean {sum(per) / len(per):.2f}, max {per[-1]}"

    import duckdb
    con = duckdb.connect()
    n, = con.execute("SELECT count(*) FROM read_ndjson(?)", [str(path)]).fetchone()
    assert n == 200000
    by_tenant = dict(con.execute(
        "SELECT tenant_id, count(*) FROM read_ndjson(?, columns={tenant_id:'VARCHAR', event_type:'VARCHAR', "
        "ts:'VARCHAR', session_id:'VARCHAR'}) GROUP BY ALL", [str(path)]).fetchall())
    assert by_tenant == dict(tenants)


def test_generated_rolling_1h_matches_reference(eventtop, generated):
    path = generated[0]
    rows, counts = ref.reference(str(path), window_s=3600)
    assert rows
    p = live(eventtop, path, ["--window", "1h"])
    check_both(rows, counts, p)
