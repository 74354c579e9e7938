"""Helpers for the tests of kadermodel.testing: running pytest in a scratch project."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PYTHONNOUSERSITE"] = "1"
    env.pop("KADERMODEL_HYPOTHESIS_PROFILE", None)
    return env


RunPytest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_pytest() -> RunPytest:
    """Run pytest with a given python in a folder; returns the finished process."""

    def run(
        cwd: Path, *args: str, python: str | Path = sys.executable
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=600,
            env=_env(),
            check=False,
        )

    return run
