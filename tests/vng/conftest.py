"""Shared fixtures for the tests of the bundled VNG kader, its reports and the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kadermodel as k

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "reports"
EXAMPLE_NAMES = ("starterdorp", "basisstad", "koploperstad", "voorbeeldstad")
UPDATE_GOLDEN = os.environ.get("KADERMODEL_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def kader() -> k.Kader:
    return k.bundled_kader()


def check_golden(path: Path, produced: str) -> None:
    """Compare ``produced`` with the golden file, or write it when updating goldens."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
        return
    assert path.exists(), f"{path} missing; run with KADERMODEL_UPDATE_GOLDEN=1"
    assert produced == path.read_text(encoding="utf-8")
