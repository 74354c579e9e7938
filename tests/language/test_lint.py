"""``kadermodel lint``: each rule has a golden case that triggers it and one that does not.

``tests/golden/lint/lNNN_*.kader`` must report LNNN (its output is the ``.txt`` beside it);
``ok_lNNN_*.kader`` is the same mistake put right and reports nothing. The rules are decided
exactly with the finite abstraction, so these are checked on real kaders, not mocks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.extend.lint import CODES

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "lint"
CASES = sorted(GOLDEN.glob("*.kader"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_case(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out, err = run(capsys, "lint", case.name)
    assert code == 0
    reported = set(re.findall(r"waarschuwing (L\d{3}):", err))
    prefix = case.stem.split("_", 1)[0]
    if prefix == "ok":
        assert reported == set(), err
        assert out == f"{case.name}: geen bevindingen\n"
    else:
        assert reported == {prefix.upper()}, err
        check_golden(case.with_suffix(".txt"), err + out)


def test_every_rule_has_a_case_that_triggers_it_and_one_that_does_not() -> None:
    stems = {p.stem.split("_")[0] for p in CASES} | {
        p.stem.split("_")[1] for p in CASES if p.stem.startswith("ok_")
    }
    for code in CODES:
        assert code.lower() in stems
        assert any(p.stem.startswith(f"ok_{code.lower()}_") for p in CASES), code


def test_strict_turns_findings_into_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    code, _, err = run(capsys, "lint", "--strict", "l101_nooit_waar.kader")
    assert code == 1 and "fout L101:" in err
    assert run(capsys, "lint", "--strict", "ok_l101_kan_waar.kader")[0] == 0


def test_json_and_sarif(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out, _ = run(capsys, "lint", "--format", "json", "l106_zonder_bron.kader")
    assert code == 0
    assert json.loads(out) == [
        {
            "code": "L106",
            "severity": "warning",
            "message": "bouwsteen 't.overleg' heeft geen bron",
            "file": "l106_zonder_bron.kader",
            "line": 8,
            "column": 9,
            "end_line": 9,
            "end_column": 34,
            "hint": 'noem waar de eis vandaan komt: bron "Kader 2021, thema, plateau, punt"',
            "suggestion": None,
        }
    ]
    code, out, _ = run(capsys, "lint", "--strict", "--format", "sarif", "l106_zonder_bron.kader")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "L106" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (8, 9)


def test_a_broken_file_in_json_lists_its_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("kapot.kader").write_text("kader k { }\nfeit a: ja_nee\nfeit a: aantal\n", "utf-8")
    code, out, _ = run(capsys, "lint", "--format", "json", "kapot.kader")
    assert code == 2
    assert [(d["code"], d["severity"], d["line"]) for d in json.loads(out)] == [
        ("K201", "error", 3)
    ]
    code, out, err = run(capsys, "check", "--format", "json", "kapot.kader")
    assert code == 2 and err == ""
    assert [d["code"] for d in json.loads(out)] == ["K201"]
    code, out, _ = run(capsys, "check", "--format", "sarif", "kapot.kader")
    assert code == 2 and json.loads(out)["runs"][0]["results"][0]["ruleId"] == "K201"


def test_a_fact_read_only_by_a_controle_is_read() -> None:
    from kadermodel import parse_kader
    from kadermodel.extend.lint import lint

    text = """kader x { titel "X" }
feit a: ja_nee
    vraag "A?"
feit b: ja_nee
    vraag "B?"
thema t "T" { plateau 1 { bouwsteen c "C." bron "Bron" als a } }
controle d "B zonder A." als b dan a
"""
    kader = parse_kader(text, name="x.kader")
    assert [d.code for d in lint(kader)] == []
