"""`kadermodel explain` and `kadermodel assess --uitleg` show the explanations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from explain_support import EXAMPLES, REPO

import kadermodel as k
from kadermodel.cli.app import main
from kadermodel.report.explanation import explanation_json, explanation_text, schema

VOORBEELDSTAD = str(EXAMPLES / "voorbeeldstad.yaml")
BUNDLED = k.bundled_kader()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def voorbeeldstad() -> k.Assessment:
    return k.assess(BUNDLED, k.load_facts(VOORBEELDSTAD, BUNDLED))


def test_explain_prints_the_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", VOORBEELDSTAD)
    assert (code, err) == (0, "")
    assert out == explanation_text(voorbeeldstad())


def test_explain_one_thema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", VOORBEELDSTAD, "--thema", "signalering")
    assert code == 0
    assert out == explanation_text(voorbeeldstad(), "signalering")
    assert (
        "Voor plateau 2 (aanbevolen) van Signalerend vermogen van de gemeente ontbreekt nog:" in out
    )


def test_explain_json_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", VOORBEELDSTAD, "--thema", "opvang", "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, schema())
    assert data == explanation_json(voorbeeldstad(), "opvang")


def test_explain_unknown_thema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", VOORBEELDSTAD, "--thema", "signaleren")
    assert code == 2 and out == ""
    assert "onbekend thema 'signaleren'" in err and "bedoelde je 'signalering'?" in err
    assert "Traceback" not in err


def test_assess_uitleg_appends_the_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--uitleg")
    assert code == 0
    assert out.startswith("Stand van zaken: Voorbeeldstad")
    assert out.endswith(explanation_text(voorbeeldstad(), standalone=False))


def test_assess_uitleg_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--uitleg", "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data["explanation"], schema())


def test_console_script() -> None:
    script = Path(sys.executable).parent / "kadermodel"
    if not script.exists():
        pytest.skip("the kadermodel console script is not installed next to this python")
    result = subprocess.run(
        [str(script), "explain", VOORBEELDSTAD, "--thema", "opvang"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == explanation_text(voorbeeldstad(), "opvang")
