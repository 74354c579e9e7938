"""Fixtures for the server tests: the app, a test client, a real server on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from serve_support import running_server
from starlette.testclient import TestClient

from kadermodel import bundled_kader
from kadermodel.serve.app import create_app


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    return create_app([bundled_kader()])


@pytest.fixture(scope="session")
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    with running_server() as base:
        yield base
