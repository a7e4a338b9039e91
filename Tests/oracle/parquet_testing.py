"""Where apache/parquet-testing's files are, looked for where scripts/parquet-testing looks:
the folder $PARQUET_TESTING names when set (and only there), else ../shared/parquet-testing
next to the repository, else .cache/parquet-testing in it (the script's clone). Tests that read
the files carry the `parquet_testing` mark: conftest.py skips them, with MISSING as the reason,
when DIR is None, and stops the run when $PARQUET_TESTING names a folder without data/."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MISSING = "parquet-testing not found: set PARQUET_TESTING or run scripts/parquet-testing"
NAMED = os.environ.get("PARQUET_TESTING") or None  # set and not empty


def _find() -> Path | None:
    places = [Path(NAMED)] if NAMED else [ROOT.parent / "shared" / "parquet-testing",
                                          ROOT / ".cache" / "parquet-testing"]
    return next((p.resolve() for p in places if (p / "data").is_dir()), None)


DIR = _find()
