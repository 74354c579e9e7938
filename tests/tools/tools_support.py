"""Helpers for the tests of the tools for rule authors (catalogue, toon, docs, lsp, ...)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "tools"
UPDATE_GOLDEN = os.environ.get("KADERMODEL_UPDATE_GOLDEN") == "1"


def check_golden(name: str, produced: str) -> None:
    """Compare with ``tests/golden/tools/<name>``; KADERMODEL_UPDATE_GOLDEN=1 writes it."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
        return
    assert path.exists(), f"{path} missing; run with KADERMODEL_UPDATE_GOLDEN=1"
    assert produced == path.read_text(encoding="utf-8")
