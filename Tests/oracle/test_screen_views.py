"""The screen as issue 12 left it, driven in tmux as a person would: saved state and
--no-restore, `e` export, honest rates while events arrive, the pause."""
from __future__ import annotations

import csv
import re
import sys
import time
from pathlib import Path

import pytest

from screen import Screen
from test_dashboard import (find_row, grouped, quit_and_check_restored, run, sample_events, screen,  # noqa: F401 (fixture)
                            window_counts, write_events)


@pytest.fixture
def events_file(tmp_path: Path):
    events = sample_events()
    path = tmp_path / "events.ndjson"
    write_events(path, events)
    return path, events


def header(text: str) -> str:
    return text.split("\n")[0]


def status_line(text: str) -> str:
    return [line for line in text.split("\n") if line.strip()][-1]


def ingest_rate(text: str) -> float:
    m = re.search(r"([\d,.]+)([kM]?) ev/s", status_line(text))
    assert m, status_line(text)
    return float(m.group(1).replace(",", "")) * {"": 1, "k": 1e3, "M": 1e6}[m.group(2)]


def test_quit_remembers_theme_window_and_sort(eventtop, events_file, tmp_path):
    path, _ = events_file
    state = tmp_path / "state"
    env = {"XDG_STATE_HOME": str(state)}
    first = Screen()
    first.start(f"{eventtop} live --input {path}; echo EXIT=$?", 120, 32, env=env)
    first.wait_for(lambda t: "acme" in t and "window 1m rolling" in header(t))
    first.send("w")
    first.wait_for(lambda t: "window 5m rolling" in header(t))
    first.send("s")
    first.wait_for(lambda t: "sort Δ error %" in header(t))
    first.send("t")
    named = first.wait_for(lambda t: re.search(r"theme (\S+)", status_line(t)) is not None)
    theme = re.search(r"theme (\S+)", status_line(named)).group(1)
    quit_and_check_restored(first)
    first.kill()
    saved = (state / "eventtop" / "state.toml").read_text()
    assert 'window = "5m"' in saved and 'sort = "delta"' in saved and f'theme = "{theme}"' in saved, saved

    def header_of_a_new_run(extra: str) -> str:
        """The header of a new run with the same saved state, which then quits."""
        session = Screen()
        session.start(f"{eventtop} live --input {path}{extra}; echo EXIT=$?", 120, 32, env=env)
        text = session.wait_for(lambda t: "acme" in t)
        quit_and_check_restored(session)
        session.kill()
        return header(text)

    again = header_of_a_new_run("")
    assert "window 5m rolling" in again and "sort Δ error %" in again, again
    # The command line wins over the saved window; --no-restore starts from the defaults.
    given = header_of_a_new_run(" --window 10s")
    assert "window 10s rolling" in given and "sort Δ error %" in given, given
    fresh = header_of_a_new_run(" --no-restore")
    assert "window 1m rolling" in fresh and "sort events" in fresh, fresh
    assert 'window = "10s"' in (state / "eventtop" / "state.toml").read_text(), "--no-restore saves nothing"


def test_e_exports_the_table_as_shown(eventtop, screen, events_file, tmp_path):
    path, events = events_file
    out = tmp_path / "out"
    out.mkdir()
    screen.start(f"cd {out} && {eventtop} live --input {path}; echo EXIT=$?", 120, 32)
    screen.wait_for(lambda t: find_row(t, "initech") and "total " + grouped(len(events)) in t)
    screen.send("/")
    screen.type("e")
    screen.send("Enter")
    text = screen.wait_for(lambda t: 'filter "e"' in t)
    screen.send("e")
    text = screen.wait_for(lambda t: "wrote " in t)
    name = re.search(r"wrote \d+ rows? to (eventtop-tenants-\d{8}-\d{6}\.csv)", text).group(1)
    rows = list(csv.DictReader((out / name).open()))
    counts = window_counts(events, 60)
    # The filtered table in its order (events, then name), names as they are (not as drawn).
    expected = sorted((t for t in counts if "e" in t.lower()), key=lambda t: (-counts[t], t.encode()))
    assert [r["tenant"] for r in rows] == expected
    for r in rows:
        assert int(r["events"]) == counts[r["tenant"]]
        assert r["window"] == "1m rolling"
        errors = int(r["errors"])
        assert abs(float(r["error_share"]) - errors / int(r["events"])) < 1e-12
    quit_and_check_restored(screen)


FEEDER = r'''
import json, sys, time
rate, seconds = int(sys.argv[1]), float(sys.argv[2])
start = time.time()
sent = 0
while time.time() - start < seconds:
    due = int((time.time() - start) * rate)
    now = time.time()
    lines = [json.dumps({"tenant_id": "acme", "event_type": "click", "ts": now}) for _ in range(due - sent)]
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
    sent = due
    time.sleep(0.02)
time.sleep(600)
'''


def test_the_rate_shown_is_the_rate_fed_and_the_pause_is_honest(eventtop, screen, tmp_path):
    feeder = tmp_path / "feeder.py"
    feeder.write_text(FEEDER)
    rate = 2000
    screen.start(f"{sys.executable} {feeder} {rate} 600 | {eventtop} live --window 1h; echo EXIT=$?", 120, 32)
    screen.wait_for(lambda t: find_row(t, "acme") != "", timeout=10)
    time.sleep(8)
    text = screen.capture()
    cells = find_row(text, "acme").split()
    per_second = float(cells[2].replace(",", ""))
    assert abs(per_second - rate) <= 0.1 * rate, find_row(text, "acme")
    assert abs(ingest_rate(text) - rate) <= 0.1 * rate, status_line(text)
    assert "so far)" in text.split("\n")[1]

    # Paused: the panes stay, the status bar keeps counting and says so.
    screen.send("Space")
    paused = screen.wait_for(lambda t: "paused" in status_line(t))
    total = lambda t: int(re.search(r"total +([\d,]+)", status_line(t)).group(1).replace(",", ""))
    events_then = find_row(paused, "acme").split()[1]
    time.sleep(2.5)
    later = screen.capture()
    assert find_row(later, "acme").split()[1] == events_then, "the panes are frozen"
    assert total(later) >= total(paused) + rate, "ingest goes on"
    assert abs(ingest_rate(later) - rate) <= 0.1 * rate, status_line(later)
    # Resumed: the first frame is fresh (the events go on from where ingest is).
    screen.send("Space")
    resumed = screen.wait_for(lambda t: "paused" not in status_line(t))
    assert int(find_row(resumed, "acme").split()[1].replace(",", "")) >= total(later) - rate
    assert abs(ingest_rate(resumed) - rate) <= 0.1 * rate, "no bogus rate after the pause: " + status_line(resumed)
    screen.send("q")


def test_enter_opens_the_tenant_view_with_charts_and_esc_goes_back(eventtop, screen, tmp_path):
    # Two minutes of one tenant's events, errors in the last 30 seconds only, through a pipe.
    feeder = tmp_path / "feeder.py"
    feeder.write_text(FEEDER)
    screen.start(f"{sys.executable} {feeder} 500 600 | {eventtop} live --window 1m; echo EXIT=$?", 120, 40)
    screen.wait_for(lambda t: find_row(t, "acme") != "", timeout=10)
    time.sleep(2)
    screen.send("Enter")
    text = screen.wait_for(lambda t: "Tenant acme · last 1m rolling" in t and "events/s, mean per column" in t)
    assert "error %, highest per column" in text and "Event types" in text and "Daily error rate" in text
    # Braille dots for the seconds already seen, the latest at the right end of the chart.
    chart_lines = [line for line in text.split("\n") if re.search("[\u2801-\u28ff]", line)]
    assert chart_lines, text
    assert "now" in text and "-1h" in text
    screen.send("Escape")
    text = screen.wait_for(lambda t: "Tenant acme" not in t and "Events per tenant" in t)
    screen.send("q")


def test_history_heatmap_follows_the_selection(eventtop, screen, tmp_path):
    # The demo's backfilled weeks: v shows the heatmap; the selected tenant is its first row.
    data = tmp_path / "demo"
    run(screen, [eventtop, "demo", "--data", str(data), "--tenants", "6"], 200, 60)
    def tenants(t):
        return [m.group(1) for line in t.split("\n") if (m := re.match(r"^│(\S+)\s+[\d,]+\s", line))]

    screen.wait_for(lambda t: "ERROR RATE" in t and "loading" not in t and len(tenants(t)) == 6, timeout=30)
    # By name (a stable order while the demo's rates move), then the third row.
    screen.send("s", "s", "s", "s")
    text = screen.wait_for(lambda t: "sort tenant" in t and len(tenants(t)) == 6)
    third = sorted(tenants(text), key=str.encode)[2]
    screen.send("j", "j")
    screen.send("v")
    text = screen.wait_for(lambda t: "░ near its median" in t)
    lines = text.split("\n")
    header = next(i for i, l in enumerate(lines) if "ERR%/DAY" in l)
    first = lines[header + 1].split("││")[1]
    assert first.startswith(third) and "░" in first, (third, first)
    screen.send("{")
    screen.wait_for(lambda t: re.search(r"\[W\d\d\]", t) is not None)
    quit_and_check_restored(screen)


@pytest.mark.parametrize("term", ["linux", "vt100"])
def test_no_frame_left_behind_on_terminals_without_an_alternate_screen(eventtop, screen, events_file, term):
    path, _ = events_file
    screen.start(f"clear; {eventtop} live --input {path}; echo EXIT=$?", 100, 30, env={"TERM": term})
    screen.wait_for(lambda t: "acme" in t)
    screen.send("q")
    text = screen.wait_for("EXIT=")
    assert "EXIT=0" in text and "Events per tenant" not in text and "acme" not in text, text


@pytest.mark.parametrize("flags,words", [
    (["--min-events", "-1"], "--min-events"),
    (["--warn-delta", "6", "--alert-delta", "5"], "--warn-delta"),
    (["--alert-delta", "101"], "--alert-delta"),
    (["--min-events", "many"], "--min-events"),
])
def test_a_bad_screen_threshold_is_one_line_and_exit_2(eventtop, tmp_path, flags, words):
    import subprocess
    data = tmp_path / "e.ndjson"
    data.write_text('{"tenant_id":"a","event_type":"b","ts":1}\n')
    r = subprocess.run([str(eventtop), "live", "--input", str(data), "--headless", "--once", *flags],
                       capture_output=True, text=True)
    err = r.stderr.strip()
    assert r.returncode == 2 and len(err.splitlines()) == 1 and words in err and r.stdout == "", (r.returncode, err)
