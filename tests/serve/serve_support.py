"""Helpers for the server tests: examples as JSON, the CLI in-process, a real server."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from kadermodel import bundled_kader
from kadermodel.cli import main
from kadermodel.serve.app import Limits, create_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
KADER = "vng_mensenhandel_2021"


def small_client(**limits: float) -> TestClient:
    return TestClient(create_app([bundled_kader()], Limits(**limits)))  # type: ignore[arg-type]


def as_json(path: Path) -> str:
    """A YAML facts file as the JSON document a web client sends."""

    def plain(value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(type(value))

    return json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=plain)


def cli(*argv: str) -> tuple[int, str, str]:
    """Run the ``kadermodel`` command in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_server(*extra: str) -> Iterator[str]:
    """``kadermodel serve`` in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kadermodel", "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(
                    "kadermodel serve stopped: " + process.stderr.read().decode()  # type: ignore[union-attr]
                )
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("kadermodel serve did not answer /health within 60 s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


# ------------------------------------------------------------------ fixtures
# (here, not in a conftest.py: a second module named `conftest` would shadow the root one,
# which tests import by name)


@pytest.fixture(scope="session", name="app")
def app_fixture():  # type: ignore[no-untyped-def]
    return create_app([bundled_kader()])


@pytest.fixture(scope="session", name="client")
def client_fixture(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session", name="live_server")
def live_server_fixture() -> Iterator[str]:
    with running_server() as base:
        yield base
