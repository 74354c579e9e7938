"""Shared fixtures for the tests of the bundled VNG kader, its reports and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

import kadermodel as k

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "reports"
EXAMPLE_NAMES = ("starterdorp", "basisstad", "koploperstad", "voorbeeldstad")


@pytest.fixture(scope="session")
def kader() -> k.Kader:
    return k.bundled_kader()
