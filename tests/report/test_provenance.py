"""Provenance in every report: what an uitbreiding changed (a parameter's old and new value, a
bouwsteen tightened, defined or withdrawn, with extension, file and line) is said by
``assess`` and ``explain`` in text, JSON and HTML, not only by ``impact``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import kadermodel as k
from kadermodel.cli.app import main
from kadermodel.report.assessment import assessment_schema
from kadermodel.report.explanation import schema
from kadermodel.report.html import report_html

REPO = Path(__file__).resolve().parents[2]
ARGS = ["examples/voorbeeldstad.yaml", "--uitbreiding", "examples/regio_voorbeeld.kader"]
PARAMETER = (
    "parameter min_driehoek: gewijzigd door regio_voorbeeld (examples/regio_voorbeeld.kader, "
    "regel 54): 2 -> 4."
)


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_text_reports_name_each_change(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("assess", "explain"):
        text = " ".join(_out(capsys, command, *ARGS).split())
        assert "Wijzigingen door uitbreidingen" in text
        assert PARAMETER in text, command
        assert "signalering.aandachtsfunctionaris: verscherpt door regio_voorbeeld" in text


def test_json_reports_carry_the_changes(capsys: pytest.CaptureFixture[str]) -> None:
    assessed = json.loads(_out(capsys, "assess", *ARGS, "--format", "json"))
    jsonschema.validate(assessed, assessment_schema())
    explained = json.loads(_out(capsys, "explain", *ARGS, "--format", "json"))
    jsonschema.validate(explained, schema())
    for data in (assessed, explained):
        by_target = {(p["target"], p["action"]): p for p in data["provenance"]}
        change = by_target[("parameter min_driehoek", "gewijzigd")]
        assert change["reason"] == "2 -> 4"
        assert change["file"] == "examples/regio_voorbeeld.kader" and change["line"] == 54
        assert ("samenwerking.regionale_tafel", "gedefinieerd") in by_target
    plain = json.loads(_out(capsys, "assess", "examples/voorbeeldstad.yaml", "--format", "json"))
    assert plain["provenance"] == []


def test_a_withdrawn_bouwsteen_is_named_with_its_reason(tmp_path: Path) -> None:
    extension = tmp_path / "minder.kader"
    extension.write_text(
        "uitbreiding minder op vng_mensenhandel_2021 {\n"
        '    vervalt signalering.tendensen "de regio volgt de tendensen"\n'
        "}\n",
        encoding="utf-8",
    )
    kader = k.load_kader("vng_mensenhandel_2021", extensions=[str(extension)])
    result = k.assess(kader, k.load_facts("examples/voorbeeldstad.yaml", kader))
    page = report_html(result)
    assert "Wat uitbreidingen veranderen" in page
    assert "vervallen door minder" in page
    assert "de regio volgt de tendensen" in page
