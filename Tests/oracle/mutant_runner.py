"""Runs `eventtop parquet cat` on many files and records exit status, wall time and max RSS.

Run as its own small process (stdlib only, `python -S -I`) by test_parquet_mutations.py: on
Linux a child's ru_maxrss includes the memory high-water mark of the process that forked it
(kept across exec), so spawning from a large pytest process (pyarrow tables loaded) would
report the parent's RSS (seen: 4256 MB for every child) instead of eventtop's.

    python -S -I mutant_runner.py EVENTTOP JOBS.json RESULTS.json
JOBS.json: list of file paths. RESULTS.json: list of [path, status, wall_s, maxrss_kb, stderr].
"""
import concurrent.futures
import json
import os
import signal
import subprocess
import sys
import threading
import time

KILL_AFTER_S = 10.0


def run_one(binary, path):
    with open(path + ".out", "wb") as out, open(path + ".err", "wb") as err:
        t0 = time.monotonic()
        p = subprocess.Popen([binary, "parquet", "cat", path, "--format", "ndjson"],
                             stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        killer = threading.Timer(KILL_AFTER_S, lambda: os.kill(p.pid, signal.SIGKILL))
        killer.start()
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            killer.cancel()
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    with open(path + ".err", "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    os.unlink(path + ".out")
    os.unlink(path + ".err")
    return [path, p.returncode, wall, usage.ru_maxrss, stderr]


def main():
    binary, jobs_file, results_file = sys.argv[1:4]
    with open(jobs_file) as f:
        jobs = json.load(f)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda p: run_one(binary, p), jobs))
    with open(results_file, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
