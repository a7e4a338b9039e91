"""A terminal for tests: one private tmux server per Screen, a program in its only pane.

    s = Screen()
    s.start(f"{probe}", width=80, height=24)
    s.wait_for("size=80x24")
    s.send("Up"); s.type("abc"); s.resize(30, 8)
    text = s.capture()
    s.kill()

The pane runs `env LANG=C.UTF-8 TERM=xterm-256color XDG_STATE_HOME=<its own> ... CMD` (env
values of None unset the variable), the status line is off (the pane is the whole window) and a pane whose program
ended stays (remain-on-exit) so its last screen and exit status can still be read.
"""
from __future__ import annotations

import itertools
import os
import shlex
import subprocess
import tempfile
import time
import weakref
from typing import Callable, Mapping, Optional, Sequence, Union

_counter = itertools.count()

DEFAULT_ENV = {"LANG": "C.UTF-8", "LC_ALL": None, "TERM": "xterm-256color"}

_CONFIG = """\
set -g status off
set -g remain-on-exit on
set -g escape-time 0
set -g history-limit 1000
"""


def _kill_server(socket: str, config: str) -> None:
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)
    try:
        os.unlink(config)
    except OSError:
        pass


class Screen:
    def __init__(self) -> None:
        self.socket = f"eventtop-test-{os.getpid()}-{next(_counter)}-{time.monotonic_ns() % 10**6}"
        fd, self._config = tempfile.mkstemp(prefix="tmux-", suffix=".conf")
        with os.fdopen(fd, "w") as f:
            f.write(_CONFIG)
        self._finalizer = weakref.finalize(self, _kill_server, self.socket, self._config)
        # Each screen its own saved state (DESIGN §8): no test restores another's theme or sort.
        self.state_home = tempfile.mkdtemp(prefix="eventtop-state-")
        # Nor reads the default history folder of whoever runs the tests.
        self.data_home = tempfile.mkdtemp(prefix="eventtop-data-")

    # -- tmux --------------------------------------------------------------------------
    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", self._config, *args],
            capture_output=True, text=True, check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(self, cmd: Union[str, Sequence[str]], width: int = 80, height: int = 24,
              env: Optional[Mapping[str, Optional[str]]] = None) -> "Screen":
        """Runs `cmd` (a shell command line, or an argument list) in a new width×height pane."""
        merged = dict(DEFAULT_ENV)
        merged["XDG_STATE_HOME"] = self.state_home
        merged["XDG_DATA_HOME"] = self.data_home
        merged.update(env or {})
        words = ["env"]
        words += [f"-u{name}" for name, value in merged.items() if value is None]
        words += [f"{name}={value}" for name, value in merged.items() if value is not None]
        # A shell command line runs under the environment whole (every command of a pipe).
        command = shlex.join(words + (["sh", "-c", cmd] if isinstance(cmd, str) else list(cmd)))
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)
        return self

    def display(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", fmt).rstrip("\n")

    # -- reading -------------------------------------------------------------------------
    def capture(self) -> str:
        """The visible screen as text, one line a row, trailing spaces removed."""
        return self.tmux("capture-pane", "-p")

    def capture_colors(self) -> str:
        """The visible screen with its colors and attributes as escape sequences."""
        return self.tmux("capture-pane", "-p", "-e")

    def lines(self) -> list[str]:
        return self.capture().split("\n")

    def wait_for(self, what: Union[str, Callable[[str], bool]], timeout: float = 5.0) -> str:
        """The screen once it contains `what` (or `what(screen)` is true); fails after `timeout`."""
        check = (lambda text: what in text) if isinstance(what, str) else what
        deadline = time.monotonic() + timeout
        text = ""
        while True:
            text = self.capture()
            if check(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout}s waiting for {what!r}; screen:\n{text}")
            time.sleep(0.02)

    def is_alive(self) -> bool:
        """Whether the session exists and its program still runs."""
        if subprocess.run(["tmux", "-L", self.socket, "has-session"], capture_output=True).returncode != 0:
            return False
        return self.display("#{pane_dead}") != "1"

    def wait_until_dead(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while self.is_alive():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {timeout}s; screen:\n{self.capture()}")
            time.sleep(0.02)

    def exit_status(self) -> Optional[int]:
        """The pane program's exit status once dead (tmux's pane_dead_status)."""
        # tmux marks the pane dead when its terminal closes, and records the status when it
        # reaps the process, a moment later: wait for it.
        deadline = time.monotonic() + 3
        while True:
            value = self.display("#{pane_dead_status}")
            if value or time.monotonic() > deadline:
                return int(value) if value else None
            time.sleep(0.02)

    def pane_pid(self) -> int:
        return int(self.display("#{pane_pid}"))

    def alternate_screen(self) -> bool:
        return self.display("#{alternate_on}") == "1"

    def cursor_visible(self) -> bool:
        return self.display("#{cursor_flag}") == "1"

    # -- writing -------------------------------------------------------------------------
    def send(self, *keys: str) -> None:
        """Key names as tmux knows them (Up, F5, C-c, Escape, BTab…) or single characters."""
        self.tmux("send-keys", *keys)

    def type(self, text: str) -> None:
        """Literal text."""
        self.tmux("send-keys", "-l", text)

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-x", str(width), "-y", str(height))

    def record_output(self, path: str) -> None:
        """Appends everything the pane's program writes to its terminal to `path` from now on."""
        self.tmux("pipe-pane", "-O", f"cat >> {shlex.quote(path)}")

    def kill(self) -> None:
        self._finalizer()

    def __enter__(self) -> "Screen":
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()
