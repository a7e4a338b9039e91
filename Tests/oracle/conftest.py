"""Fixtures shared by the oracle tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def eventtop() -> Path:
    """The binary under test: $EVENTTOP_BIN, else .build/debug/eventtop of this repository."""
    p = Path(os.environ.get("EVENTTOP_BIN", ".build/debug/eventtop"))
    p = p if p.is_absolute() else ROOT / p
    if not (p.is_file() and os.access(p, os.X_OK)):
        pytest.fail(f"eventtop binary not found at {p}: build it (swift build) or set EVENTTOP_BIN")
    return p
