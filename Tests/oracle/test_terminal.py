"""The Terminal module on a real terminal (tmux), through screen-probe.

screen-probe (Sources/screen-probe) sits next to the eventtop binary: it draws its size,
color count, the last key it got, a string with ESC and BEL in it, colors, wide characters
and how many cells its last draw sent; `q` quits 0, `x` exits 3 without closing the screen,
`!` crashes, SIGINT/SIGTERM/SIGHUP quit 0.
"""
from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest

from screen import Screen

FRAME = "screen-probe size="
RESTORED = '; echo EXIT=$?; [ "$(stty -g)" = "$saved" ] && echo TTY=same'


@pytest.fixture(scope="session")
def probe(eventtop: Path) -> str:
    p = eventtop.parent / "screen-probe"
    if not (p.is_file() and os.access(p, os.X_OK)):
        pytest.fail(f"screen-probe not found next to eventtop at {p}: swift build")
    return str(p)


@pytest.fixture
def screen():
    s = Screen()
    yield s
    s.kill()


def in_shell(probe: str, before: str = "") -> str:
    """sh -c: remember the tty's modes, run the probe, print its status and whether the
    modes are back as they were."""
    return "sh -c " + shlex.quote(f"saved=$(stty -g); {before}{shlex.quote(probe)}" + RESTORED + "; sleep 60")


def probe_pid(screen: Screen) -> int:
    """The pid of screen-probe among the pane's descendants."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1: stat.rindex(")")]
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            parents[int(entry)] = ppid
            names[int(entry)] = name
    root = screen.pane_pid()
    for pid, name in names.items():
        if name != "screen-probe":
            continue
        p = pid
        while p > 1:
            if p == root:
                return pid
            p = parents.get(p, 0)
    raise AssertionError("screen-probe is not running in the pane")


def assert_restored(screen: Screen, status: int) -> str:
    text = screen.wait_for("TTY=same")
    assert f"EXIT={status}" in text
    assert not screen.alternate_screen()
    assert screen.cursor_visible()
    return text


def test_first_frame(screen: Screen, probe: str) -> None:
    screen.start(probe, 80, 24)
    text = screen.wait_for(lambda t: t.split("\n")[23] == "q quits")
    lines = text.split("\n")
    assert lines[0].startswith("screen-probe size=80x24 colors=256 charset=utf8")
    assert lines[1] == "last key: none (#0)"
    assert lines[4] == "wide: 日本語|"
    assert lines[23] == "q quits"


KEYS = [
    ("Up", "up"), ("Down", "down"), ("Left", "left"), ("Right", "right"),
    ("PPage", "pageUp"), ("NPage", "pageDown"), ("Home", "home"), ("End", "end"),
    ("Enter", "enter"), ("Tab", "tab"), ("BTab", "backTab"), ("BSpace", "backspace"),
    ("C-h", "backspace"), ("DC", "delete"), ("F1", "f1"), ("F5", "f5"), ("F12", "f12"),
    ("Escape", "escape"), ("a", "char(a)"), ("j", "char(j)"), ("?", "char(?)"), ("C-l", "char(^L)"),
]


def test_keys_are_reported(screen: Screen, probe: str) -> None:
    screen.start(probe)
    screen.wait_for(FRAME)
    for n, (name, expected) in enumerate(KEYS, start=1):
        screen.send(name)
        screen.wait_for(f"last key: {expected} (#{n})\n", timeout=3)
    n = len(KEYS) + 1
    screen.type("é")
    screen.wait_for(f"last key: char(é) (#{n})\n")
    screen.type("日")
    screen.wait_for(f"last key: char(日) (#{n + 1})\n")


def test_keys_work_while_stdin_is_a_pipe(screen: Screen, probe: str) -> None:
    screen.start("sh -c " + shlex.quote(f"echo '{{\"tenant\":\"a\"}}' | {shlex.quote(probe)}; sleep 60"))
    screen.wait_for(FRAME)
    screen.send("Down")
    screen.wait_for("last key: down (#1)")
    screen.send("q")
    screen.wait_for(lambda t: FRAME not in t)


def test_resize_too_small_and_back(screen: Screen, probe: str) -> None:
    screen.start(probe, 80, 24)
    screen.wait_for("size=80x24")
    screen.resize(30, 8)
    text = screen.wait_for("too small: 30x8")
    assert FRAME not in text
    screen.resize(100, 30)
    text = screen.wait_for(lambda t: "size=100x30" in t and t.split("\n")[29] == "q quits")
    lines = text.split("\n")
    assert lines[1].startswith("last key: resize")
    assert "too small" not in text
    assert lines[29] == "q quits"
    # The next frame after the resize repainted everything.
    screen.send("a")
    screen.wait_for(f"sent: {100 * 30}")


def test_only_changed_cells_are_sent(screen: Screen, probe: str) -> None:
    screen.start(probe, 80, 24)
    screen.wait_for("frames: 2 sent: 1920")  # the first frame: every cell
    text = screen.wait_for("frames: 3 ")
    sent = int(text.split("frames: 3 sent: ")[1].split()[0])
    assert 0 < sent < 10, text  # the frame counter's digit


def test_q_exits_0_and_restores_the_terminal(screen: Screen, probe: str) -> None:
    screen.start(in_shell(probe))
    screen.wait_for(FRAME)
    assert screen.alternate_screen()
    screen.send("q")
    text = assert_restored(screen, 0)
    assert FRAME not in text


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_quit_signals_exit_0_and_restore(screen: Screen, probe: str, sig: signal.Signals) -> None:
    screen.start(in_shell(probe))
    screen.wait_for(FRAME)
    pid = probe_pid(screen)
    time.sleep(0.1)  # in the middle of its 1-second wait for a key
    start = time.monotonic()
    os.kill(pid, sig)
    text = assert_restored(screen, 0)
    # The signal ends the wait at once, not at the wait's timeout.
    assert time.monotonic() - start < 0.6
    assert f"screen-probe: quit on signal {int(sig)}" in text


def test_ctrl_c_exits_0_and_restores(screen: Screen, probe: str) -> None:
    # Ctrl-C reaches the whole foreground group: the shell around the probe must survive it.
    screen.start(in_shell(probe, "trap : INT; "))
    screen.wait_for(FRAME)
    screen.send("C-c")
    text = assert_restored(screen, 0)
    assert "quit on signal 2" in text


def test_exit_without_close_restores_the_terminal(screen: Screen, probe: str) -> None:
    screen.start(in_shell(probe))
    screen.wait_for(FRAME)
    screen.send("x")
    assert_restored(screen, 3)


def test_crash_restores_the_terminal(screen: Screen, probe: str) -> None:
    screen.start(in_shell(probe, "SWIFT_BACKTRACE=interactive=no "))
    screen.wait_for(FRAME)
    screen.send("!")
    text = screen.wait_for("TTY=same", timeout=10)
    status = int(text.split("EXIT=")[1].split()[0])
    assert status >= 128, text  # killed by SIGILL (x86_64) or SIGTRAP (arm64)
    assert not screen.alternate_screen()
    assert screen.cursor_visible()


def test_escape_sequences_from_input_never_reach_the_terminal(screen: Screen, probe: str, tmp_path: Path) -> None:
    screen.start("sh", 80, 24, env={"PS1": "$ "})
    screen.wait_for("$")
    raw = tmp_path / "pane-output"
    screen.record_output(str(raw))
    screen.type(shlex.quote(probe))
    screen.send("Enter")
    text = screen.wait_for(FRAME)
    assert "evil: evil␛[2J␇tenant|" in text.split("\n")
    colors = screen.capture_colors()
    assert "\x1b[2J" not in colors and "\x07" not in colors
    screen.send("q")
    screen.wait_for(lambda t: FRAME not in t)
    time.sleep(0.2)
    written = raw.read_bytes()
    assert "evil␛[2J␇tenant".encode() in written
    assert b"evil\x1b" not in written
    assert b"\x07" not in written


def test_colors_map_to_the_terminal(screen: Screen, probe: str) -> None:
    screen.start(probe)
    screen.wait_for(FRAME)
    red = screen.capture_colors().split("\n")[3]
    assert "\x1b[38;5;196mRED" in red  # #FF0000 on 256 colors
    assert "\x1b[1mBOLD" in red
    assert "\x1b[7mREV" in red


@pytest.mark.parametrize("term,colors,red", [("xterm", 8, "\x1b[31mRED"), ("vt100", 0, "RED")])
def test_fewer_colors(screen: Screen, probe: str, term: str, colors: int, red: str) -> None:
    screen.start(probe, env={"TERM": term})
    text = screen.wait_for(FRAME)
    assert f"colors={colors} " in text
    line = screen.capture_colors().split("\n")[3]
    assert red in line
    if colors == 0:
        assert not re.search("\x1b\\[[34][0-8]", line), line


def test_ascii_locale(screen: Screen, probe: str) -> None:
    screen.start(probe, env={"LANG": "C"})
    text = screen.wait_for(FRAME)
    assert "charset=ascii" in text
    assert "evil: evil?[2J?tenant|" in text.split("\n")


@pytest.mark.parametrize("env,message", [
    ({"TERM": None}, "screen-probe: TERM is not set: run eventtop in a terminal, or use `eventtop live --headless`"),
    ({"TERM": ""}, "screen-probe: TERM is not set: run eventtop in a terminal, or use `eventtop live --headless`"),
    ({"TERM": "no-such-terminal"}, "screen-probe: TERM=no-such-terminal is not a terminal type terminfo knows"),
    ({"TERM": "dumb"}, "screen-probe: TERM=dumb is not a terminal type terminfo knows"),
])
def test_bad_term_is_one_clear_error(screen: Screen, probe: str, env: dict, message: str) -> None:
    screen.start(in_shell(probe), 200, 24, env=env)
    text = screen.wait_for("TTY=")
    assert "EXIT=1" in text
    output = [line for line in text.split("\n") if line and not line.startswith(("EXIT=", "TTY="))]
    assert len(output) == 1 and output[0].startswith(message), text
    assert "Error opening terminal" not in text
    assert "TTY=same" in text


def test_no_terminal_is_one_clear_error(probe: str) -> None:
    # A new session has no controlling terminal: /dev/tty cannot be opened.
    result = subprocess.run([probe], capture_output=True, text=True, start_new_session=True,
                            stdin=subprocess.DEVNULL, timeout=10,
                            env={**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    assert result.returncode == 1
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("screen-probe: no terminal to draw on (/dev/tty:"), result.stderr
    assert result.stdout == ""


def test_ctrl_z_and_fg_repaint(screen: Screen, probe: str) -> None:
    screen.start("bash --norc --noprofile -i", 80, 24, env={"PS1": "$ "})
    screen.wait_for("$")
    screen.type(shlex.quote(probe))
    screen.send("Enter")
    screen.wait_for(FRAME)
    screen.send("k")
    before = screen.wait_for("last key: char(k) (#1)").split("\n")
    screen.send("C-z")
    text = screen.wait_for("Stopped")
    assert FRAME not in text
    assert not screen.alternate_screen()
    assert screen.cursor_visible()
    screen.type("echo junk-on-the-normal-screen")
    screen.send("Enter")
    screen.wait_for("\njunk-on-the-normal-screen")
    screen.type("fg")
    screen.send("Enter")
    text = screen.wait_for(lambda t: "last key: resize (#2)" in t and t.split("\n")[23] == "q quits")
    after = text.split("\n")
    assert screen.alternate_screen()
    assert "junk" not in text
    assert after[0] == before[0] and after[2:5] == before[2:5] and after[23] == "q quits"
    screen.send("j")
    screen.wait_for("last key: char(j) (#3)")
    screen.send("q")
    screen.wait_for(lambda t: FRAME not in t)
    assert not screen.alternate_screen()


def test_stop_and_continue_repaints(screen: Screen, probe: str) -> None:
    # Under a shell: tmux continues a pane's own process as soon as it stops.
    screen.start(in_shell(probe), 80, 24)
    screen.wait_for(FRAME)
    pid = probe_pid(screen)
    os.kill(pid, signal.SIGSTOP)
    # Someone else draws on the terminal meanwhile.
    with open(os.readlink(f"/proc/{pid}/fd/0"), "w") as tty:
        tty.write("\x1b[2J\x1b[HJUNK")
    screen.wait_for(lambda t: t.startswith("JUNK"))
    os.kill(pid, signal.SIGCONT)
    # A frame may reach the pane in several writes: wait for its last line.
    text = screen.wait_for(lambda t: "last key: resize" in t and t.split("\n")[23] == "q quits")
    assert "JUNK" not in text
    assert text.startswith("screen-probe size=80x24")
    screen.send("Down")
    screen.wait_for("last key: down")


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def test_idle_cpu_is_near_zero(screen: Screen, probe: str) -> None:
    seconds = float(os.environ.get("IDLE_SECONDS", "5"))
    screen.start(probe)
    screen.wait_for(FRAME)
    pid = probe_pid(screen)
    time.sleep(0.5)
    start, t0 = cpu_ticks(pid), time.monotonic()
    time.sleep(seconds)
    used = (cpu_ticks(pid) - start) / os.sysconf("SC_CLK_TCK")
    share = used / (time.monotonic() - t0)
    print(f"screen-probe idle CPU over {seconds:.0f}s: {used:.3f}s = {share * 100:.3f}% of a core")
    assert share < 0.01
