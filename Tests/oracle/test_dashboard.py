"""The dashboard on a real terminal (tmux): `eventtop live` over files and pipes, and
`eventtop demo`. Expected counts come from Python over the same events, not from eventtop.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from screen import Screen

EVIL = "evil\x1b]0;pwned\x07\x1b[2Jx"
T0 = 1_795_000_000  # 2026-11-18T09:46:40Z


def write_events(path: Path, events: list[tuple[str, str, int]]) -> None:
    with path.open("a") as f:
        for i, (tenant, kind, ts) in enumerate(events):
            f.write(json.dumps({"tenant_id": tenant, "event_type": kind, "ts": ts, "session_id": f"s{i % 7}"}) + "\n")


def sample_events() -> list[tuple[str, str, int]]:
    """90 s of events: acme busy, globex small, initech erroring, one hostile tenant name."""
    events = []
    for s in range(90):
        ts = T0 + s
        events += [("acme", "click", ts)] * 5 + [("acme", "view", ts)] * 2
        if s % 3 == 0:
            events.append(("acme", "error", ts))
        if s % 5 == 0:
            events.append(("globex", "view", ts))
        if s % 2 == 0:
            events.append(("initech", "error", ts))
            events.append(("initech", "click", ts))
        if s % 30 == 0:
            events.append((EVIL, "click", ts))
    return events


def window_counts(events, seconds: int) -> Counter:
    """Events per tenant in the rolling window [E - seconds, E), E = last event second + 1."""
    end = max(ts for _, _, ts in events) + 1
    return Counter(t for t, _, ts in events if end - seconds <= ts < end)


def grouped(n: int) -> str:
    return f"{n:,}"


@pytest.fixture
def screen():
    s = Screen()
    yield s
    s.kill()


@pytest.fixture
def events_file(tmp_path: Path) -> tuple[Path, list]:
    events = sample_events()
    path = tmp_path / "events.ndjson"
    write_events(path, events)
    return path, events


def run(screen: Screen, args: list, width: int, height: int) -> None:
    """Runs eventtop in a shell that prints its exit status once it ends (tmux's own record
    of a pane's exit status is not reliable)."""
    screen.start(shlex.join([str(a) for a in args]) + "; echo EXIT=$?", width=width, height=height)


def eventtop_pid(screen: Screen) -> int:
    out = subprocess.run(["pgrep", "-P", str(screen.pane_pid())], capture_output=True, text=True).stdout.split()
    return int(out[0])


def find_row(text: str, tenant: str) -> str:
    """The tenant table's row of `tenant`, or "" when there is none."""
    for line in text.split("\n"):
        if re.match(rf"^[│|]{re.escape(tenant)}\s", line):
            return line
    return ""


def row(text: str, tenant: str) -> str:
    line = find_row(text, tenant)
    assert line, f"no row for {tenant!r} in:\n{text}"
    return line


def quit_and_check_restored(screen: Screen) -> None:
    screen.send("q")
    text = screen.wait_for("EXIT=", timeout=10)
    assert "EXIT=0" in text, text
    assert not screen.alternate_screen()


def test_live_over_a_file_shows_counts_and_percentages(eventtop, screen, events_file):
    path, events = events_file
    run(screen, [eventtop, "live", "--input", str(path)], 120, 32)
    text = screen.wait_for("Events per tenant")
    # The status line is drawn last: once it shows the total, the frame is whole.
    text = screen.wait_for(lambda t: find_row(t, "initech") and "total " + grouped(len(events)) in t)
    counts = window_counts(events, 60)
    acme = row(text, "acme")
    assert grouped(counts["acme"]) in acme
    errors = sum(1 for t, k, ts in events if t == "acme" and k == "error" and ts >= T0 + 30)
    assert f"{100 * errors / counts['acme']:.1f}%" in acme
    initech = row(text, "initech")
    assert grouped(counts["initech"]) in initech and "50.0%" in initech
    assert ("Event types · all tenants" in text or "Types · all tenants" in text) and "click" in text
    assert "total " + grouped(len(events)) in text
    quit_and_check_restored(screen)


def test_w_changes_the_window_and_the_numbers(eventtop, screen, events_file):
    path, events = events_file
    run(screen, [eventtop, "live", "--input", str(path)], 120, 32)
    screen.wait_for(lambda t: "acme" in t)
    # A frame may be captured half drawn: wait for the header and the row together.
    screen.send("w")
    n5 = grouped(window_counts(events, 300)["acme"])
    screen.wait_for(lambda t: "window 5m rolling" in t and n5 in find_row(t, "acme"))
    screen.send("1")
    n10 = grouped(window_counts(events, 10)["acme"])
    screen.wait_for(lambda t: "window 10s rolling" in t and n10 in find_row(t, "acme"))
    screen.send("W")
    screen.wait_for("window 1h rolling")
    screen.send("3", "m")
    screen.wait_for("window 1m hopping/10s")
    quit_and_check_restored(screen)


def test_help_filter_sort_and_enter(eventtop, screen, events_file):
    path, _ = events_file
    run(screen, [eventtop, "live", "--input", str(path)], 100, 30)
    screen.wait_for(lambda t: "acme" in t)
    screen.send("?")
    # Frames may arrive in pieces: wait for the overlay's last lines.
    text = screen.wait_for(lambda t: "four weeks" in t and "next theme" in t)
    assert "Keys" in text
    screen.send("Escape")
    screen.wait_for(lambda t: "Keys" not in t)
    screen.send("/")
    screen.type("glob")
    screen.wait_for(lambda t: 'filter "glob"' in t and find_row(t, "globex") != "" and row_missing(t, "acme"))
    screen.send("Enter", "Escape")
    screen.wait_for(lambda t: "acme" in t and 'filter "glob"' not in t)
    # The cursor moved to globex while the filter hid acme; Home goes back to the top (acme),
    # one Down is initech.
    screen.send("Home", "Down", "Enter")
    text = screen.wait_for("Tenant initech")
    screen.send("Escape")
    screen.wait_for(lambda t: "Tenant initech" not in t)
    screen.send("s")
    screen.wait_for("sort Δ error %")
    quit_and_check_restored(screen)


def row_missing(text: str, tenant: str) -> bool:
    return not any(re.match(rf"^[│|]{re.escape(tenant)}\s", line) for line in text.split("\n"))


def test_refreshes_by_itself_while_the_file_grows(eventtop, screen, tmp_path):
    path = tmp_path / "grow.ndjson"
    now = int(time.time())
    write_events(path, [("acme", "click", now)] * 3)
    run(screen, [eventtop, "live", "--input", str(path), "--follow"], 100, 30)
    screen.wait_for("total 3 ")
    write_events(path, [("acme", "click", int(time.time()))] * 4)
    screen.wait_for("total 7 ", timeout=5)
    write_events(path, [("globex", "error", int(time.time()))] * 5)
    text = screen.wait_for(lambda t: "globex" in t and "total 12 " in t, timeout=5)
    assert "100%" in row(text, "globex")
    quit_and_check_restored(screen)


def test_resize_to_30x8_says_too_small_and_comes_back(eventtop, screen, events_file):
    path, _ = events_file
    run(screen, [eventtop, "live", "--input", str(path)], 100, 30)
    screen.wait_for(lambda t: "acme" in t)
    screen.resize(30, 8)
    screen.wait_for("too small")
    assert screen.is_alive()
    screen.resize(90, 26)
    screen.wait_for(lambda t: "acme" in t and "too small" not in t)
    quit_and_check_restored(screen)


def test_hostile_names_never_reach_the_terminal_raw(eventtop, screen, events_file, tmp_path):
    path, _ = events_file
    raw = tmp_path / "pane-output.bin"
    run(screen, [eventtop, "live", "--input", str(path), "--window", "5m"], 120, 32)
    screen.record_output(str(raw))
    screen.wait_for(lambda t: "acme" in t)
    screen.send("s", "s", "s", "s")  # sort by tenant: the hostile name is drawn again
    screen.wait_for(lambda t: "sort tenant" in t and "evil␛]0;pwned␇␛[2Jx" in t)
    quit_and_check_restored(screen)
    data = raw.read_bytes()
    assert b"pwned" in data
    assert b"\x1b]0;pwned" not in data and b"\x07" not in data and b"\x1b[2Jx" not in data


def test_sigterm_quits_cleanly(eventtop, screen, events_file):
    path, _ = events_file
    run(screen, [eventtop, "live", "--input", str(path)], 100, 30)
    screen.wait_for(lambda t: "acme" in t)
    os.kill(eventtop_pid(screen), 15)
    text = screen.wait_for("EXIT=", timeout=10)
    assert "EXIT=0" in text, text
    assert not screen.alternate_screen()


def test_pipe_on_stdin_runs_live_and_keys_come_from_the_terminal(eventtop, screen, tmp_path):
    # A pipe is a live input: stream time follows the wall clock too, so the events are recent.
    path = tmp_path / "recent.ndjson"
    now = int(time.time())
    write_events(path, [("acme", "click", now - s) for s in range(20) for _ in range(3)])
    screen.start(f"cat {path} | {eventtop}; echo EXIT=$?", width=100, height=30)
    text = screen.wait_for(lambda t: "acme" in t)
    assert "stdin" in text
    screen.send("w")
    screen.wait_for("window 5m rolling")
    quit_and_check_restored(screen)


def test_history_pane_browses_weeks(eventtop, screen, tmp_path):
    # Three weeks of generated events rolled up into partitions, the last day yesterday.
    today = int(time.time()) // 86400 * 86400
    start = time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(today - 21 * 86400))
    gen = subprocess.run([str(eventtop), "generate", "--events", "20000", "--start", start, "--days", "21"],
                         capture_output=True, check=True)
    (tmp_path / "old.ndjson").write_bytes(gen.stdout)
    subprocess.run([str(eventtop), "rollup", str(tmp_path / "old.ndjson"), "--out", str(tmp_path / "hist")],
                   check=True, capture_output=True)
    # Last week's Wednesday gets a corrupt file.
    monday = today // 86400 - time.gmtime(today).tm_wday
    broken = time.strftime("%Y-%m-%d", time.gmtime((monday - 5) * 86400))
    for f in (tmp_path / "hist" / f"date={broken}").glob("*.parquet"):
        f.write_bytes(b"PAR1 this is not a parquet file PAR1")
    path = tmp_path / "now.ndjson"
    write_events(path, [("acme", "click", int(time.time()))] * 3)
    run(screen, [eventtop, "live", "--input", str(path), "--history", str(tmp_path / "hist")], 160, 44)
    this_week = time.strftime("%G-W%V", time.gmtime())
    # Frames may be captured half drawn: every wait names all it needs.
    screen.wait_for(lambda t: f"History · week {this_week}" in t and "ERROR RATE" in t and "ERR%/DAY" in t)
    screen.send("[")
    last_week = time.strftime("%G-W%V", time.gmtime(time.time() - 7 * 86400))
    # The corrupt date is reported by date and file; the other dates still show.
    text = screen.wait_for(lambda t: f"History · week {last_week}" in t and "loading" not in t
                           and f"! {broken}: " in t and "history: 1 failed" in t
                           and any(r.startswith("acme") for r in [line.split("││", 1)[-1] for line in t.split("\n")]))
    assert "part" in text.split(f"! {broken}: ", 1)[1], text
    # Two weeks back (no broken date): acme's error rate as DuckDB computes it.
    import duckdb
    week = time.strftime("%Y-%m-%d", time.gmtime((today // 86400 - (time.gmtime(today).tm_wday) - 14) * 86400))
    rate = duckdb.sql(f"""
        SELECT sum(error_events) / sum(total_events) FROM read_parquet('{tmp_path}/hist/**/*.parquet',
            hive_partitioning = true) WHERE tenant_id = 'acme' AND date_trunc('week', date::DATE) = DATE '{week}'
            AND date::VARCHAR != '{broken}'""").fetchall()[0][0]
    history_rows = [line.split("││", 1)[1] for line in text.split("\n") if "││" in line]
    acme = next(r for r in history_rows if r.startswith("acme"))
    assert f"{100 * rate:.1f}%" in acme, (rate, acme)
    screen.send("]")
    screen.wait_for(f"History · week {this_week}")
    screen.send("H")
    screen.wait_for(lambda t: "ERROR RATE" not in t)
    quit_and_check_restored(screen)


def status_total(text: str) -> int:
    """The status bar's total, or -1 while the frame is half drawn."""
    m = re.search(r"total ([\d,]+)", text)
    return int(m.group(1).replace(",", "")) if m else -1


def test_demo_runs_live_and_browses_backfilled_weeks(eventtop, screen, tmp_path):
    data = tmp_path / "demo"
    run(screen, [eventtop, "demo", "--data", data, "--weeks", "4"], 160, 44)
    this_week = time.strftime("%G-W%V", time.gmtime())
    text = screen.wait_for(lambda t: "acme" in t and "ERROR RATE" in t and "loading" not in t and "│error " in t
                           and status_total(t) >= 0, timeout=15)
    assert f"History · week {this_week}" in text
    assert re.search(r"\d+\.\d%", row(text, "acme"))
    assert "click" in text and "error" in text
    # It refreshes by itself: the total grows with no key pressed.
    first = status_total(text)
    assert first >= 0, text
    later = screen.wait_for(lambda t: status_total(t) > first, timeout=5)
    assert "demo" in later
    # Four weeks were backfilled, up to yesterday: `[` goes back a week, `]` returns.
    dates = sorted(p.name for p in data.iterdir() if p.name.startswith("date="))
    assert dates and dates[-1] == time.strftime("date=%Y-%m-%d", time.gmtime(time.time() - 86400))
    screen.send("[")
    last_week = time.strftime("%G-W%V", time.gmtime(time.time() - 7 * 86400))
    text = screen.wait_for(f"History · week {last_week}")
    screen.wait_for(lambda t: "ERR%/DAY" in t and "loading" not in t
                    and re.search(r"\d+\.\d+M", t.split("ERR%/DAY", 1)[1]) is not None)
    screen.send("]")
    screen.wait_for(f"History · week {this_week}")
    screen.send("w")
    screen.wait_for("window 5m rolling")
    screen.send("?")
    screen.wait_for(lambda t: "four weeks" in t and "next theme" in t)
    screen.send("Escape")
    screen.resize(30, 8)
    screen.wait_for("too small")
    screen.resize(120, 36)
    screen.wait_for(lambda t: find_row(t, "acme") != "" and "too small" not in t)
    quit_and_check_restored(screen)


def test_no_arguments_on_a_terminal_runs_the_demo(eventtop, screen, tmp_path):
    screen.start(f"XDG_DATA_HOME={tmp_path} {eventtop}; echo EXIT=$?", width=100, height=30)
    text = screen.wait_for(lambda t: "acme" in t, timeout=15)
    assert " demo " in text
    assert (tmp_path / "eventtop" / "demo").is_dir()
    quit_and_check_restored(screen)


def test_theme_keys_and_no_color(eventtop, screen, events_file):
    path, _ = events_file
    screen.start(f"NO_COLOR=1 {eventtop} live --input {path}; echo EXIT=$?", width=100, height=30)
    screen.wait_for(lambda t: "acme" in t)
    # NO_COLOR: attributes only, no color sequences.
    colors = screen.capture_colors()
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;5;\d+)m", colors), colors[:400]
    screen.send("t")
    time.sleep(0.5)
    assert re.search(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;5;\d+)m", screen.capture_colors())
    quit_and_check_restored(screen)


def test_unknown_theme_and_no_terminal_are_clear_errors(eventtop, tmp_path):
    events = tmp_path / "e.ndjson"
    write_events(events, [("acme", "click", T0)])
    r = subprocess.run([str(eventtop), "live", "--input", str(events), "--theme", "bogus"], capture_output=True, text=True)
    assert r.returncode == 2 and "bogus" in r.stderr and "dark" in r.stderr and len(r.stderr.strip().split("\n")) == 1
    env = {k: v for k, v in os.environ.items() if k != "TERM"}
    r = subprocess.run([str(eventtop), "live", "--input", str(events)], capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL, start_new_session=True)
    assert r.returncode == 1 and r.stderr.startswith("eventtop: ") and len(r.stderr.strip().split("\n")) <= 2, r.stderr


def test_unknown_escape_sequences_are_not_taken_as_keys(eventtop, screen, events_file):
    path, _ = events_file
    run(screen, [eventtop, "live", "--input", str(path)], 100, 30)
    screen.wait_for(lambda t: find_row(t, "acme") != "")
    # ESC [ 2 ; 4 x: no terminal key; read byte by byte it would be Esc, [, 2 (30s), ;, 4 (5m), x.
    screen.tmux("send-keys", "-H", "1b", "5b", "32", "3b", "34", "78")
    time.sleep(0.5)
    assert "window 1m rolling" in screen.capture()
    screen.send("w")
    screen.wait_for("window 5m rolling")
    quit_and_check_restored(screen)


def test_mouse_click_selects_a_tenant(eventtop, screen, events_file):
    path, events = events_file
    run(screen, [eventtop, "live", "--input", str(path), "--refresh", "200ms"], 100, 30)
    # The whole file read (rows no longer move) before finding initech's row.
    text = screen.wait_for(lambda t: find_row(t, "initech") != "" and "total " + grouped(len(events)) in t)
    y = text.split("\n").index(find_row(text, "initech"))
    # An SGR mouse press of the left button (what xterm sends), 1-based column and row.
    screen.tmux("send-keys", "-H", *[f"{b:02x}" for b in f"\x1b[<0;6;{y + 1}M".encode()])
    # The release comes apart, as from a hand: the screen must go on refreshing with no key.
    time.sleep(0.3)
    screen.tmux("send-keys", "-H", *[f"{b:02x}" for b in f"\x1b[<0;6;{y + 1}m".encode()])
    clock = re.search(r"\d\d:\d\d:\d\d UTC", screen.capture()).group(0)
    screen.wait_for(lambda t: (m := re.search(r"\d\d:\d\d:\d\d UTC", t)) is not None and m.group(0) != clock,
                    timeout=4)
    screen.send("Enter")
    screen.wait_for("Tenant initech")
    quit_and_check_restored(screen)
