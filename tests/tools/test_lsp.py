"""``kadermodel lsp``: a real language server process, driven by a client that speaks the protocol.

The client below frames JSON-RPC messages with ``Content-Length`` headers over the server's
stdin/stdout, as an editor does. One server runs for the whole module; each test opens its
own documents (file URIs in a temporary folder, so an uitbreiding finds its base beside it).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from tools_support import REPO

from kadermodel.language.bundled import bundled_text

pytestmark = pytest.mark.slow

TIMEOUT = 60.0


class Client:
    """A minimal LSP client over a subprocess's stdio."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        assert process.stdout is not None
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        message = self._wait(lambda m: m.get("id") == wanted and "method" not in m)
        assert "error" not in message, message
        return message.get("result")

    def _wait(self, accept: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        for seen in self.notifications:
            if accept(seen):
                self.notifications.remove(seen)
                return seen
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if accept(message):
                return message
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
            else:
                self.notifications.append(message)

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        message = self._wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )
        result: list[dict[str, Any]] = message["params"]["diagnostics"]
        return result

    def open(self, path: Path, text: str) -> list[dict[str, Any]]:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "kadertaal", "version": 1, "text": text}},
        )
        return self.diagnostics(uri, 1)

    def change(self, path: Path, version: int, text: str) -> list[dict[str, Any]]:
        uri = path.as_uri()
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            },
        )
        return self.diagnostics(uri, version)

    def at(self, method: str, path: Path, line: int, character: int) -> Any:
        return self.request(
            method,
            {
                "textDocument": {"uri": path.as_uri()},
                "position": {"line": line, "character": character},
            },
        )


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kadermodel", "lsp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    connection = Client(process)
    result = connection.request(
        "initialize", {"processId": None, "rootUri": None, "capabilities": {}}
    )
    capabilities = result["capabilities"]
    assert capabilities["hoverProvider"]
    assert capabilities["definitionProvider"]
    assert capabilities["completionProvider"]
    connection.notify("initialized", {})
    yield connection
    connection.request("shutdown", {})
    connection.notify("exit", {})
    assert process.wait(timeout=TIMEOUT) == 0
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()
    process.stdout.close()


KADER = """\
kader voorbeeld { titel "Voorbeeld" }

feit meldroute_vastgelegd: ja_nee
    vraag "Is de interne meldroute vastgelegd?"
feit omgevingsscan: keuze(geen, sectoren, breed)

parameter min_scan: keuze(geen, sectoren, breed) = sectoren
    bron "Kader 2021, plateau 2"

thema signalering "Signalerend vermogen" {
    plateau 1 {
        bouwsteen meldroute "Er is een meldroute."
            bron "Kader 2021, Signalerend vermogen, plateau 1, punt 2"
            als meldroute_vastgelegd
    }
    plateau 2 {
        bouwsteen scan "Er is een omgevingsscan."
            vereist meldroute
            als omgevingsscan >= min_scan
    }
}
"""


def _line(text: str, fragment: str) -> tuple[int, int]:
    """0-based line and column of the first occurrence of ``fragment``."""
    for number, line in enumerate(text.split("\n")):
        if fragment in line:
            return number, line.index(fragment)
    raise AssertionError(fragment)


def test_diagnostics_as_you_type(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "voorbeeld.kader"
    assert client.open(path, KADER) == []
    broken = KADER.replace("als meldroute_vastgelegd", "als meldroute_vastgelegt")
    [diagnostic] = client.change(path, 2, broken)
    assert diagnostic["code"] == "K202"
    assert diagnostic["severity"] == 1
    assert diagnostic["source"] == "kadermodel"
    assert diagnostic["message"].startswith("onbekende naam 'meldroute_vastgelegt'")
    assert "bedoelde je 'meldroute_vastgelegd'?" in diagnostic["message"]
    line, column = _line(broken, "meldroute_vastgelegt")
    assert diagnostic["range"]["start"] == {"line": line, "character": column}
    assert diagnostic["range"]["end"] == {"line": line, "character": column + 20}
    # a syntax error as well, then fixed again
    [syntax] = client.change(path, 3, KADER.replace("plateau 2 {", "plateu 2 {"))
    assert syntax["code"] == "K102"
    assert client.change(path, 4, KADER) == []


def test_hover(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "voorbeeld.kader"
    client.open(path, KADER)
    line, column = _line(KADER, "vereist meldroute")
    hover = client.at("textDocument/hover", path, line, column + len("vereist "))
    value = hover["contents"]["value"]
    assert value.startswith("**bouwsteen signalering.meldroute** (plateau 1)")
    assert "Er is een meldroute." in value
    assert "bron: Kader 2021, Signalerend vermogen, plateau 1, punt 2" in value
    line, column = _line(KADER, "als meldroute_vastgelegd")
    value = client.at("textDocument/hover", path, line, column + 5)["contents"]["value"]
    assert value.startswith("**feit meldroute_vastgelegd**: ja_nee")
    assert "vraag: Is de interne meldroute vastgelegd?" in value
    line, column = _line(KADER, ">= min_scan")
    value = client.at("textDocument/hover", path, line, column + 4)["contents"]["value"]
    assert "**parameter min_scan**: keuze(geen, sectoren, breed) = sectoren" in value
    # hover keeps working while the text does not check
    client.change(path, 2, KADER + "\nfeit kapot: \n")
    value = client.at("textDocument/hover", path, line, column + 4)["contents"]["value"]
    assert "**parameter min_scan**" in value


def test_definition_inside_a_file(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "voorbeeld.kader"
    client.open(path, KADER)
    line, column = _line(KADER, "vereist meldroute")
    location = client.at("textDocument/definition", path, line, column + 9)
    assert location["uri"] == path.as_uri()
    assert location["range"]["start"] == {
        "line": _line(KADER, "bouwsteen meldroute")[0],
        "character": 8,
    }


REGIO = """\
uitbreiding regio op vng_mensenhandel_2021 {
    parameter min_driehoek = 4
        bron "Regionaal plan"
    verscherp signalering.meldroute als aandachtsfunctionaris_bekendgemaakt
}
"""


def test_extension_into_its_base(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "regio.kader"
    assert client.open(path, REGIO) == []
    line, column = _line(REGIO, "signalering.meldroute")
    location = client.at("textDocument/definition", path, line, column + 14)
    assert location["uri"].endswith("/kadermodel/kaders/vng_mensenhandel_2021.kader")
    base_line, _ = _line(bundled_text("vng_mensenhandel_2021"), "bouwsteen meldroute")
    assert location["range"]["start"]["line"] == base_line
    # the hover of a parameter says where the uitbreiding changed it
    line, column = _line(REGIO, "min_driehoek")
    value = client.at("textDocument/hover", path, line, column)["contents"]["value"]
    assert "**parameter min_driehoek**: aantal = 4" in value
    assert "- gedefinieerd door vng_mensenhandel_2021, vng_mensenhandel_2021.kader regel" in value
    assert "- gewijzigd door regio, regio.kader regel 2 (2 -> 4)" in value


def test_extension_warnings_and_errors(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "regio.kader"
    weaker = REGIO.replace("min_driehoek = 4", "min_driehoek = 1")
    codes = {d["code"] for d in client.open(path, weaker)}
    assert codes == {"E140"}


def test_completion(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "voorbeeld.kader"
    client.open(path, KADER)
    line, column = _line(KADER, ">= min_scan")
    result = client.at("textDocument/completion", path, line, column + 3)
    labels = {item["label"] for item in result["items"]}
    assert labels == {"geen", "sectoren", "breed"}
    line, _ = _line(KADER, "als meldroute_vastgelegd")
    result = client.at("textDocument/completion", path, line, 4)
    labels = {item["label"] for item in result["items"]}
    assert {"meldroute_vastgelegd", "omgevingsscan", "min_scan", "meldroute", "scan"} <= labels
    assert {"als", "vereist", "signalering"} <= labels


def test_formatting(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "voorbeeld.kader"
    messy = KADER.replace("    plateau 1 {", "  plateau   1 {")
    client.open(path, messy)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": path.as_uri()}, "options": {"tabSize": 4, "insertSpaces": True}},
    )
    [edit] = edits
    assert edit["range"]["start"] == {"line": 0, "character": 0}
    assert "\n    plateau 1 {\n" in edit["newText"]
    client.change(path, 2, edit["newText"])
    again = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": path.as_uri()}, "options": {"tabSize": 4, "insertSpaces": True}},
    )
    assert again == []
