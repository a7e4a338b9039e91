"""Fixtures shared by the oracle tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import parquet_testing as pt

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def eventtop() -> Path:
    """The binary under test: $EVENTTOP_BIN, else .build/debug/eventtop of this repository."""
    p = Path(os.environ.get("EVENTTOP_BIN", ".build/debug/eventtop"))
    p = p if p.is_absolute() else ROOT / p
    if not (p.is_file() and os.access(p, os.X_OK)):
        pytest.fail(f"eventtop binary not found at {p}: build it (swift build) or set EVENTTOP_BIN")
    return p


def pytest_configure(config):
    # No test reads or fills the user's object cache (~/.cache/eventtop/objects): off unless a
    # test names a folder of its own (EVENTTOP_S3_CACHE=DIR in the child's environment).
    os.environ["EVENTTOP_S3_CACHE"] = "off"
    config.addinivalue_line("markers", "parquet_testing: reads apache/parquet-testing's files "
                            "(skipped when they are not found: see parquet_testing.py)")


def pytest_collection_modifyitems(config, items):
    """Without parquet-testing's files, the tests that read them are skipped (first of their
    skip marks, so the reason shown is this one); a wrong $PARQUET_TESTING stops the run."""
    needing = [item for item in items if item.get_closest_marker("parquet_testing")]
    if not needing or pt.DIR:
        return
    if pt.NAMED:
        raise pytest.UsageError(f"PARQUET_TESTING={pt.NAMED} holds no data/ folder: point it at a "
                                f"checkout of apache/parquet-testing, or unset it")
    for item in needing:
        item.add_marker(pytest.mark.skip(reason=pt.MISSING), append=False)


def pytest_terminal_summary(terminalreporter):
    """Says loudly how many tests were skipped for lack of parquet-testing's files."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if isinstance(r.longrepr, tuple) and pt.MISSING in r.longrepr[2]]
    if not skipped:
        return
    files: dict[str, int] = {}
    for r in skipped:
        name = r.nodeid.split("::")[0]
        files[name] = files.get(name, 0) + 1
    tr = terminalreporter
    tr.write_sep("!", f"parquet-testing conformance files unavailable: {len(skipped)} tests skipped",
                 red=True, bold=True)
    tr.write_line(f"{pt.MISSING} (looked in $PARQUET_TESTING, ../shared/parquet-testing, "
                  f".cache/parquet-testing)", red=True)
    for name, n in sorted(files.items()):
        tr.write_line(f"  {n} skipped in {name}", red=True)
