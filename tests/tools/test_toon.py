"""``kadermodel toon``: the names of a kader, with types, values and where they come from."""

from __future__ import annotations

import json

import pytest
from tools_support import REPO, check_golden

import kadermodel as k
from kadermodel.cli import main

EXAMPLES = REPO / "examples"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_toon_bundled(capsys: pytest.CaptureFixture[str], bundled: k.Kader) -> None:
    out = _run(["toon"], capsys)
    check_golden("toon_vng.txt", out)
    for qid in bundled.bouwstenen:
        assert f"- {qid}: " in out
    for name, feit in bundled.feiten.items():
        assert f"- {name}: {feit.type.kind}" in out
    # the bundled kader is no extension: no bouwsteen or fact carries an origin line
    assert "door vng_mensenhandel_2021" in out  # parameters always say where they come from
    assert "verscherpt" not in out


def test_toon_with_extensions_shows_what_changed(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["toon", "--uitbreiding", str(EXAMPLES / "regio_voorbeeld.kader")]
    out = _run([*argv, "--uitbreiding", str(EXAMPLES / "gemeente_voorbeeld.kader")], capsys)
    check_golden("toon_gemeente_voorbeeld.txt", out)
    assert "Uitbreidingen toegepast: regio_voorbeeld, gemeente_voorbeeld." in out
    assert "  - min_tafel_bijeenkomsten: aantal = 4\n" in out
    assert "gemeente_voorbeeld.kader regel 15 (3 -> 4)" in out
    assert "- samenwerking.wijkteams: " in out
    assert str(REPO) not in out  # file names without their folders


def test_toon_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["toon", "--uitbreiding", str(EXAMPLES / "regio_voorbeeld.kader"), "--format", "json"]
    data = json.loads(_run(argv, capsys))
    parameters = {p["name"]: p for p in data["parameters"]}
    assert parameters["min_driehoek"]["value"] == 4
    assert [o["action"] for o in parameters["min_driehoek"]["origin"]] == [
        "gedefinieerd",
        "gewijzigd",
    ]
    assert data["kader"]["extensions"] == ["regio_voorbeeld"]
    feiten = {f["name"]: f for f in data["feiten"]}
    assert feiten["bewustwording_medewerkers_frequentie"]["type"] == "keuze"


def test_toon_unknown_kader(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toon", "--kader", "bestaat_niet.kader"]) == 2
    assert "fout K500" in capsys.readouterr().err
