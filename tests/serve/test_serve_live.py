"""The API against a real ``kadermodel serve`` (uvicorn) on a free loopback port."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from serve_support import (  # noqa: F401  (live_server_fixture: a fixture)
    EXAMPLES,
    KADER,
    cli,
    live_server_fixture,
    running_server,
)

pytestmark = pytest.mark.slow


def _post(base: str, path: str, body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(base + path, data=body, method="POST")
    request.add_header("Content-Type", "application/yaml")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_assess_over_tcp_is_the_cli_json(live_server: str) -> None:
    for path in EXAMPLES:
        _, expected, _ = cli("assess", str(path), "--format", "json")
        status, body = _post(live_server, f"/kaders/{KADER}/assess", path.read_bytes())
        assert status == 200
        assert body == expected.encode("utf-8")


def test_concurrent_clients_get_their_own_answers(live_server: str) -> None:
    expected = {
        path.stem: cli("assess", str(path), "--format", "json")[1].encode() for path in EXAMPLES
    }

    def one(index: int) -> bool:
        path = EXAMPLES[index % len(EXAMPLES)]
        status, body = _post(live_server, f"/kaders/{KADER}/assess", path.read_bytes())
        return status == 200 and body == expected[path.stem]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(one, range(40)))


def test_bad_and_oversized_bodies_over_tcp(live_server: str) -> None:
    status, body = _post(live_server, f"/kaders/{KADER}/assess", b"feiten:\n  x: [\n")
    assert status == 422
    assert json.loads(body)["error"]["code"] == "F101"
    try:
        status, body = _post(live_server, f"/kaders/{KADER}/assess", b"#" * 1_000_001)
    except urllib.error.URLError as error:
        # The server answers 413 as soon as it sees the Content-Length and closes the
        # connection; a client still sending then meets a closed pipe instead of the answer.
        assert isinstance(error.reason, BrokenPipeError | ConnectionResetError), error
    else:
        assert status == 413
        assert json.loads(body)["error"]["code"] == "S413"


def test_a_lying_content_length_is_refused(live_server: str) -> None:
    """A client that announces a huge body and sends little gets 413 at once."""
    parts = urlsplit(live_server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.putrequest("POST", f"/kaders/{KADER}/assess")
    connection.putheader("Content-Length", str(10**9))
    connection.endheaders()
    connection.send(b"feiten: {}\n")
    answer = connection.getresponse()
    assert answer.status == 413
    connection.close()


def test_serve_options_and_a_bad_kader() -> None:
    with running_server("--max-body-size", "100", "--time-limit", "5") as base:
        status, _ = _post(base, f"/kaders/{KADER}/assess", b"feiten: {}\n" + b"#" * 200)
        assert status == 413
    code, _, stderr = cli("serve", "--kader", "bestaat_niet.kader", "--port", "1")
    assert code == 2
    assert "K500" in stderr and "Traceback" not in stderr
    for option, value, message in (
        ("--port", "99999", "geen poortnummer"),
        ("--max-body-size", "-5", "geen positief geheel getal"),
        ("--time-limit", "nul", "geen positief getal"),
    ):
        code, _, stderr = cli("serve", option, value)
        assert code == 2
        assert message in stderr and "Traceback" not in stderr
