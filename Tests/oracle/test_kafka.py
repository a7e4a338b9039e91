"""Kafka input (DESIGN §11) against librdkafka's own mock cluster — a real implementation of the
Kafka protocol on a loopback port, started by `kafka-mock` — with kcat producing into it.

The oracle is always the same lines read from a file: by eventtop's file source (whose own
results the other oracle tests check against Python and DuckDB), by reference.py, and by DuckDB
for the partitions. With one partition the results must be equal line for line; with several,
only what does not depend on the order across partitions is compared (rollups, and windows of
events that are never late).

The 2.0.2 mock keeps at most 5 MiB a partition and silently drops the oldest data past it:
every topic is produced compressed and its message count is checked after producing."""
from __future__ import annotations

import json
import os
import random
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

import reference as ref
from screen import Screen
from test_live_once import check_both, live, run
from test_mapping import SHAPES, MAX_LINE, make_file, mapping_flags
from test_rollup import accepted_events, assert_rows_equal, expected_rollup, read_partitions

NS = 1_000_000_000


@pytest.fixture(scope="session")
def kcat() -> str:
    path = shutil.which("kcat")
    if not path:
        pytest.fail("kcat not found: install Debian's kcat (.ci/setup does)")
    return path


class Cluster:
    """A kafka-mock process: one topic, N partitions, brokers taken down and up on request."""

    def __init__(self, binary: Path, kcat: str, topic: str, partitions: int):
        mock = binary.parent / "kafka-mock"
        assert mock.is_file(), f"{mock} not built (swift build builds it beside eventtop)"
        self.kcat, self.topic, self.partitions = kcat, topic, partitions
        self.proc = subprocess.Popen([str(mock), "--topic", topic, "--partitions", str(partitions)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.bootstrap = self.proc.stdout.readline().strip()
        assert self.bootstrap.startswith("127.0.0.1:"), self.bootstrap

    def url(self, group: str | None = None) -> str:
        return f"kafka://{self.bootstrap}/{self.topic}" + (f"?group={group}" if group else "")

    def command(self, text: str):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "ok"

    def produce(self, path: Path, check: bool = True):
        """Each line of `path` a message (kcat -P), zstd-compressed in large batches; then
        (with `check`) checks that the topic holds every message produced so far."""
        # With several partitions, the lines go round-robin, each partition produced explicitly:
        # kcat's own (sticky) partitioner can fill one partition past the mock's 5 MiB cap.
        lines = [line for line in path.read_bytes().split(b"\n") if line]
        for p in range(self.partitions):
            share = lines[p::self.partitions] if self.partitions > 1 else lines
            subprocess.run([self.kcat, "-P", "-b", self.bootstrap, "-t", self.topic, "-p", str(p), "-z", "zstd",
                            "-X", "compression.level=12", "-X", "linger.ms=200", "-X", "batch.size=1000000"],
                           input=b"\n".join(share) + b"\n", check=True, timeout=300)
        self.produced = getattr(self, "produced", 0) + sum(1 for line in path.read_bytes().split(b"\n") if line)
        if not check:
            return
        held = subprocess.run([self.kcat, "-C", "-b", self.bootstrap, "-t", self.topic, "-e", "-q", "-f", "."],
                              capture_output=True, check=True, timeout=300).stdout
        assert len(held) == self.produced, f"the mock holds {len(held)} of {self.produced} messages (5 MiB cap?)"

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def cluster(eventtop, kcat, request):
    clusters = []

    def start(partitions: int = 1, topic: str = "events") -> Cluster:
        c = Cluster(eventtop, kcat, topic, partitions)
        clusters.append(c)
        return c

    yield start
    for c in clusters:
        c.close()


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def summary(stderr: bytes) -> str:
    return stderr.decode().strip().splitlines()[-1]


# --------------------------------------------------------------------------- one partition = the file

@pytest.mark.parametrize("shape", ["segment", "otel"])
def test_one_partition_reads_as_the_file_with_its_mapping_and_error_rules(eventtop, cluster, tmp_path, shape):
    spec = SHAPES[shape]
    data = tmp_path / f"{shape}.ndjson"
    make_file(shape, data, events=4000)
    kafka = cluster(1)
    kafka.produce(data)
    flags = ["--window", "1h", "--max-line-bytes", str(MAX_LINE), *mapping_flags(spec["fields"], spec["errors"])]
    from_kafka = live(eventtop, kafka.url(), flags)
    rows, counts = ref.reference(data, 3600, max_line_bytes=MAX_LINE, mapping=ref.Mapping(spec["fields"], spec["errors"]))
    check_both(rows, counts, from_kafka)
    from_file = live(eventtop, data, flags)
    assert from_kafka.stdout == from_file.stdout
    assert summary(from_kafka.stderr) == summary(from_file.stderr)


def test_an_empty_topic_ends_at_once_with_nothing(eventtop, cluster):
    kafka = cluster(2)
    p = live(eventtop, kafka.url(), [])
    assert p.returncode == 0, p.stderr
    assert summary(p.stderr) == "eventtop: 0 events accepted, 0 lines rejected; 0 late, 0 future"


def test_once_ends_at_the_offsets_found_at_start(eventtop, cluster, tmp_path):
    """Messages produced while --once reads are left for the next run."""
    first, second = tmp_path / "a.ndjson", tmp_path / "b.ndjson"
    subprocess.run([str(eventtop), "generate", "--events", "220000", "--tenants", "10", "--seed", "4"],
                   stdout=open(first, "wb"), check=True)
    subprocess.run([str(eventtop), "generate", "--events", "10000", "--tenants", "10", "--seed", "5"],
                   stdout=open(second, "wb"), check=True)
    kafka = cluster(1)
    kafka.produce(first)
    # Each answer of the broker 200 ms late: the run finds the end offsets in its first ~1.5 s,
    # and reads the topic in ~10 s; the next messages come in between.
    kafka.command("rtt 1 200")
    reading = subprocess.Popen([str(eventtop), "live", "--input", kafka.url(), "--headless", "--once", "--format", "csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(4)
    kafka.produce(second, check=False)
    assert reading.poll() is None, "the run ended before the second batch was produced: make the first larger"
    out, err = reading.communicate(timeout=120)
    assert reading.returncode == 0, err
    assert summary(err).startswith("eventtop: 220000 events accepted"), err


# --------------------------------------------------------------------------- several partitions

def test_rollup_of_three_partitions_equals_duckdb(eventtop, cluster, tmp_path):
    data = tmp_path / "e.ndjson"
    subprocess.run([str(eventtop), "generate", "--events", "90000", "--days", "3", "--start", "2026-10-01",
                    "--seed", "8"], stdout=open(data, "wb"), check=True)
    kafka = cluster(3)
    kafka.produce(data)
    out = tmp_path / "parts"
    r = run(eventtop, ["rollup", kafka.url(), "--out", str(out)])
    assert r.returncode == 0, r.stderr
    assert "90000 events" in r.stderr.decode(), r.stderr
    assert_rows_equal(read_partitions(out), expected_rollup(accepted_events(data)))
    assert len({p.parent.name for p in out.glob("date=*/*.parquet")}) == 3


# --------------------------------------------------------------------------- kill -9 and restart

def live_history(binary, url: str, out: Path, *extra, once=True):
    mode = ["--once"] if once else ["--interval", "1h"]
    return [str(binary), "live", "--input", url, "--headless", *mode, "--format", "csv", "--history", str(out),
            "--clock", "event", *extra]


def kill_and_restart(binary, url: str, out: Path, *extra, seed: int, kills: int = 3):
    """Runs `live --history` on `url` and kills it with SIGKILL at a random moment after each
    run's first checkpoint, `kills` times; then runs it with --once to the end and returns that
    run."""
    rng = random.Random(seed)
    for _ in range(kills):
        started = time.time()
        proc = subprocess.Popen(live_history(binary, url, out, *extra, "--checkpoint-every", "1s", once=False),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

        def saved() -> bool:
            return any(p.stat().st_mtime > started for p in out.glob(".eventtop-checkpoint-*"))

        wait_for(saved, 60, "a checkpoint")
        time.sleep(rng.uniform(0, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    last = subprocess.run(live_history(binary, url, out, *extra), capture_output=True, timeout=300)
    assert last.returncode == 0, last.stderr
    assert b"resuming kafka://" in last.stderr
    return last


def test_restart_after_kill_9_neither_loses_nor_recounts_and_commits_to_the_group(eventtop, cluster, tmp_path):
    data = tmp_path / "events.ndjson"
    subprocess.run([str(eventtop), "generate", "--events", "220000", "--tenants", "10", "--days", "6",
                    "--start", "2026-10-01", "--seed", "11"], stdout=open(data, "wb"), check=True)
    kafka = cluster(1)
    kafka.produce(data)
    # The oracle: the same lines read from the file, uninterrupted.
    clean = tmp_path / "clean"
    from_file = subprocess.run(live_history(eventtop, str(data), clean), capture_output=True, check=True)
    crashed = tmp_path / "crashed"
    last = kill_and_restart(eventtop, kafka.url("collectors"), crashed, seed=5)
    assert sorted(p.parent.name for p in crashed.glob("date=*/*.parquet")) == \
        sorted(p.parent.name for p in clean.glob("date=*/*.parquet"))
    assert len(list(clean.glob("date=*/*.parquet"))) == 5
    assert read_partitions(crashed) == read_partitions(clean)
    assert last.stdout == from_file.stdout
    assert summary(last.stderr) == summary(from_file.stderr)
    # Committed to the group after the checkpoints: the group, in another folder (no
    # checkpoint), starts where the last run ended; another group reads everything.
    again = subprocess.run(live_history(eventtop, kafka.url("collectors"), tmp_path / "again"), capture_output=True)
    assert again.returncode == 0 and summary(again.stderr).startswith("eventtop: 0 events accepted"), again.stderr
    other = subprocess.run(live_history(eventtop, kafka.url("others"), tmp_path / "other"), capture_output=True)
    assert other.returncode == 0 and summary(other.stderr) == summary(from_file.stderr), other.stderr


def order_free_events(path: Path, n: int, seed: int):
    """Events within 20 minutes of one day: with a 1 h window none is late and stream time ends
    at the same second whatever the order, so the final windows do not depend on how the
    partitions interleave."""
    r = random.Random(seed)
    start = 1_795_651_200 + 10 * 3600
    with open(path, "w") as f:
        for i in range(n):
            ts = start + r.randrange(1200 * 1000) / 1000  # epoch seconds: the summary names the unit
            f.write(json.dumps({"tenant_id": f"t{r.randrange(40)}", "event_type": r.choice(["click", "view", "error"]),
                                "ts": ts, "session_id": f"s{r.randrange(500)}"}) + "\n")


def test_restart_after_kill_9_with_three_partitions(eventtop, cluster, tmp_path):
    data = tmp_path / "events.ndjson"
    order_free_events(data, 450_000, seed=3)
    kafka = cluster(3)
    kafka.produce(data)
    flags = ["--window", "1h"]
    from_file = subprocess.run(live_history(eventtop, str(data), tmp_path / "clean", *flags), capture_output=True,
                               check=True)
    last = kill_and_restart(eventtop, kafka.url(), tmp_path / "crashed", *flags, seed=7)
    assert last.stdout == from_file.stdout
    assert summary(last.stderr) == summary(from_file.stderr)


# --------------------------------------------------------------------------- brokers that go away

def last_tick_total(out_path: Path) -> int:
    """Events in the windows at the last complete tick of a `--headless --format csv` run
    (rows sorted by tenant and type: a tick starts where the order starts again)."""
    text = out_path.read_text() if out_path.exists() else ""
    rows = [line.split(",") for line in text[:text.rfind("\n") + 1].splitlines() if not line.startswith("tenant_id")]
    ticks, previous = [[]], None
    for row in rows:
        if previous is not None and (row[0], row[1]) <= previous:
            ticks.append([])
        ticks[-1].append(int(row[4]))
        previous = (row[0], row[1])
    return sum(ticks[-2] if len(ticks) > 1 else [])


def test_a_broker_that_goes_away_is_a_warning_and_ingest_resumes(eventtop, cluster, tmp_path):
    before, after = tmp_path / "a.ndjson", tmp_path / "b.ndjson"
    order_free_events(before, 3000, seed=1)
    order_free_events(after, 2000, seed=2)
    kafka = cluster(1)
    kafka.produce(before)
    out_path, err_path = tmp_path / "out.csv", tmp_path / "err.txt"
    proc = subprocess.Popen([str(eventtop), "live", "--input", kafka.url(), "--headless", "--interval", "300ms",
                             "--format", "csv", "--window", "1h", "--clock", "event"],
                            stdout=open(out_path, "wb"), stderr=open(err_path, "wb"))

    def total() -> int:
        return last_tick_total(out_path)

    try:
        wait_for(lambda: total() == 3000, 30, "the first 3000 events")
        kafka.command("down 1")
        wait_for(lambda: "broker unreachable" in err_path.read_text(), 30, "the warning")
        assert proc.poll() is None, "ingest must wait for the broker, not end"
        kafka.command("up 1")
        wait_for(lambda: "ingest resumed" in err_path.read_text(), 30, "ingest to resume")
        kafka.produce(after)
        t0 = time.monotonic()
        wait_for(lambda: total() == 5000, 60, "the next 2000 events")
        print(f"resumed after {time.monotonic() - t0:.1f} s")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    err = err_path.read_text()
    assert proc.returncode == 0, err
    assert err.strip().splitlines()[-1].startswith("eventtop: 5000 events accepted"), err
    warning = next(line for line in err.splitlines() if "broker unreachable" in line)
    assert warning.startswith(f"eventtop: warning: {kafka.url()}: broker unreachable"), warning


def screen_of_two_partitions(eventtop, cluster, tmp_path, s: Screen, url_of, timeout: float) -> Cluster:
    """2,000 events in two partitions, on the screen of `live` reading `url_of(kafka)` at 200×40,
    waited for until everything is read (no partition behind)."""
    data = tmp_path / "e.ndjson"
    order_free_events(data, 2000, seed=4)
    kafka = cluster(2)
    kafka.produce(data)
    # tmux 3.3a sometimes loses a clean exit's status: the shell says it.
    s.start(shlex.join([str(eventtop), "live", "--input", url_of(kafka), "--window", "1h"]) + "; echo EXIT=$?",
            width=200, height=40)
    s.wait_for(lambda text: "lag 0:0 1:0" in text and "2,000" in text, timeout=timeout)
    return kafka


def test_the_screen_shows_lag_per_partition_and_a_broker_gone(eventtop, cluster, tmp_path):
    with Screen() as s:
        kafka = screen_of_two_partitions(eventtop, cluster, tmp_path, s, lambda k: k.url("watchers"), 30)
        assert "kafka:events?group=watchers" in s.capture()
        kafka.command("down 1")
        s.wait_for("broker unreachable", timeout=30)
        kafka.command("up 1")
        s.wait_for(lambda text: "broker unreachable" not in text, timeout=30)
        s.send("q")
        s.wait_for("EXIT=0", timeout=15)


# --------------------------------------------------------------------------- a group's share

class Member:
    """`live --headless` as one member of a group (`member=NAME`), printing its windows every
    300 ms; all of a test's members write to one history folder."""

    def __init__(self, binary, kafka: Cluster, name: str, history: Path, logs: Path, *extra):
        self.name, self.runs = name, 0
        self.args = [str(binary), "live", "--input", kafka.url("collectors") + f"&member={name}", "--headless",
                     "--interval", "300ms", "--format", "csv", "--window", "1h", "--clock", "event",
                     "--history", str(history), *extra]
        self.logs = logs
        self.start()

    def start(self):
        self.runs += 1
        self.out = self.logs / f"{self.name}-{self.runs}.csv"
        self.err = self.logs / f"{self.name}-{self.runs}.err"
        self.proc = subprocess.Popen(self.args, stdout=open(self.out, "wb"), stderr=open(self.err, "wb"))

    @property
    def assignment(self) -> str | None:
        """The partitions it said last it reads (`0, 2`), "" while it has none."""
        said = [line for line in self.err.read_text().splitlines() if "partition" in line and "eventtop: kafka://" in line]
        return None if not said else said[-1].split("reading partitions ")[-1] if "reading" in said[-1] else ""

    @property
    def total(self) -> int:
        """Events in its windows (all of them: every event is within the hour)."""
        return last_tick_total(self.out)

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        err = self.err.read_text()
        assert self.proc.returncode == 0, err
        return err


def accepted(err: str) -> int:
    return int(err.strip().splitlines()[-1].split()[1])


def test_members_of_a_group_share_the_partitions_and_hand_them_over_without_loss_or_recount(eventtop, cluster,
                                                                                            tmp_path):
    """Two members of a group read a 4-partition topic while it is produced into: the first
    alone, then both (a rebalance hands two partitions over), then the first killed with
    SIGKILL and restarted from its checkpoint (two more rebalances). No periodic checkpoint is
    saved (every hour): what the first had read is handed over by the handover's checkpoint
    alone. At every point the two members' windows hold every event produced once. (The mock
    refuses commits during a rebalance, which Kafka accepts: here the members learn where each
    partition stands from each other's checkpoints in the shared folder.)"""
    parts = [tmp_path / f"{i}.ndjson" for i in range(3)]
    for i, (path, n) in enumerate(zip(parts, [40_000, 40_000, 20_000])):
        order_free_events(path, n, seed=30 + i)
    kafka = cluster(4)
    history, logs = tmp_path / "history", tmp_path / "logs"
    logs.mkdir()
    kafka.produce(parts[0])
    a = Member(eventtop, kafka, "a", history, logs, "--checkpoint-every", "1h")
    members = [a]
    try:
        wait_for(lambda: a.total == 40_000, 60, "member a to read the first 40,000 alone")
        b = Member(eventtop, kafka, "b", history, logs, "--checkpoint-every", "1h")
        members.append(b)
        # Once the group has handed each member its share (each says which partitions it reads).
        wait_for(lambda: {a.assignment, b.assignment} == {"0, 2", "1, 3"}, 60, "each member's share")
        kafka.produce(parts[1])
        wait_for(lambda: a.total + b.total >= 80_000 and b.total > 0, 90, "both members to read the next 40,000")
        time.sleep(1)
        assert a.total + b.total == 80_000, f"a {a.total} + b {b.total}: an event counted twice"
        assert a.total < 80_000 and b.total > 0, "the second member must take a share"
        # The first member killed (what it read since its handover is in no checkpoint) and
        # restarted; more events meanwhile.
        a.proc.send_signal(signal.SIGKILL)
        a.proc.wait()
        kafka.produce(parts[2])
        a.start()
        wait_for(lambda: a.total + b.total >= 100_000 and "reading partition" in a.err.read_text(), 120,
                 "the last 20,000 after the restart")
        time.sleep(1)
        assert a.total + b.total == 100_000, f"a {a.total} + b {b.total}: an event lost or counted twice"
        assert "resuming kafka://" in a.err.read_text()
    finally:
        errs = [m.stop() if m.proc.poll() is None else m.err.read_text() for m in members]
    assert sum(accepted(e) for e in errs) == 100_000, errs
    # Each member saved its own checkpoint.
    assert len(list(history.glob(".eventtop-checkpoint-*"))) == 2


def test_a_member_commits_to_its_group_after_its_checkpoints(eventtop, cluster, tmp_path):
    data = tmp_path / "e.ndjson"
    order_free_events(data, 30_000, seed=40)
    kafka = cluster(3)
    kafka.produce(data)
    logs = tmp_path / "logs"
    logs.mkdir()
    m = Member(eventtop, kafka, "only", tmp_path / "history", logs, "--checkpoint-every", "1s")
    try:
        wait_for(lambda: m.total == 30_000, 60, "the member to read everything")
    finally:
        err = m.stop()
    assert accepted(err) == 30_000
    # The group's offsets are at the end: reading every partition from them finds nothing.
    rest = subprocess.run(live_history(eventtop, kafka.url("collectors"), tmp_path / "rest"), capture_output=True)
    assert rest.returncode == 0 and summary(rest.stderr).startswith("eventtop: 0 events accepted"), rest.stderr


def test_a_member_shows_only_its_partitions_lag(eventtop, cluster, tmp_path):
    with Screen() as s:
        # Alone in its group: both partitions, all read.
        screen_of_two_partitions(eventtop, cluster, tmp_path, s, lambda k: k.url("watchers") + "&member=m1", 60)
        assert "(2 of 2)" not in s.capture()
        s.send("q")
        s.wait_for("EXIT=0", timeout=15)


@pytest.mark.parametrize("command", [["live", "--input", "URL", "--headless", "--once"], ["rollup", "URL", "--out", "OUT"]])
def test_a_members_share_cannot_be_read_to_an_end(eventtop, tmp_path, command):
    url = "kafka://127.0.0.1:9/events?group=g&member=m"
    r = run(eventtop, [str(tmp_path / "o") if a == "OUT" else url if a == "URL" else a for a in command])
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "drop member=m" in err, err


# --------------------------------------------------------------------------- bad addresses

@pytest.mark.parametrize("url, words", [
    ("kafka://localhost/events", "is not HOST:PORT"),
    ("kafka://127.0.0.1:9092", "no topic"),
    ("kafka://127.0.0.1:9092/bad topic", "is not a topic name"),
    ("kafka://127.0.0.1:9092/events?grop=g", "unknown parameter"),
    ("kafka://127.0.0.1:9092/events?group=", "group= needs"),
    ("kafka://127.0.0.1:9092/events?member=m", "needs group=G"),
    ("kafka://127.0.0.1:9092/events?group=g&member=", "member= needs"),
])
def test_a_bad_kafka_url_is_one_line_and_exit_2(eventtop, url, words):
    r = run(eventtop, ["live", "--input", url, "--headless", "--once"])
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and url in err and words in err, err


def test_follow_on_kafka_is_a_usage_error(eventtop):
    r = run(eventtop, ["live", "--input", "kafka://127.0.0.1:9/e", "--follow", "--headless"])
    assert r.returncode == 2 and len(r.stderr.decode().strip().splitlines()) == 1, r.stderr


def test_brokers_that_cannot_be_reached_are_one_line_and_exit_1(eventtop):
    url = "kafka://127.0.0.1:9/events"  # the discard port: nothing listens
    r = run(eventtop, ["live", "--input", url, "--headless", "--once"])
    assert r.returncode == 1, r.stderr
    err = r.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "cannot reach the brokers" in err and url in err, err
