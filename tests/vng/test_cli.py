"""The ``kadermodel`` command: exit codes, Dutch errors, JSON validity, help, check."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import types
from pathlib import Path

import jsonschema
import pytest

import kadermodel as k
from kadermodel.cli.app import main
from kadermodel.report.assessment import assessment_schema

from .conftest import EXAMPLES, REPO

VOORBEELDSTAD = str(EXAMPLES / "voorbeeldstad.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def bad_facts(tmp_path: Path) -> Path:
    path = tmp_path / "fout.yaml"
    path.write_text(
        "gemeente: Foutdorp\n"
        "feiten:\n"
        "  aandachtsfunctionaris_aangesteld: misschien\n"
        "  training_frequentie: wekelijks\n",
        encoding="utf-8",
    )
    return path


def test_assess_text_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", VOORBEELDSTAD)
    assert (code, err) == (0, "")
    assert out.startswith("Stand van zaken: Voorbeeldstad\n")
    assert "plateau minimaal 1, mogelijk 2 (van 2)" in out


def test_assess_json_is_valid_against_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, assessment_schema())
    assert data["schema_version"] == 3


def test_schema_rejects_a_wrong_document(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--format", "json")
    data = json.loads(out)
    data["themas"][0]["bouwstenen"][0]["truth"] = "ja"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, assessment_schema())
    data = json.loads(out)
    del data["schema_version"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, assessment_schema())


def test_schema_ships_inside_the_package() -> None:
    path = REPO / "src" / "kadermodel" / "schemas" / "assessment.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == assessment_schema()
    jsonschema.Draft202012Validator.check_schema(assessment_schema())


def test_bad_facts_file_exit_2_with_rendered_error(
    capsys: pytest.CaptureFixture[str], bad_facts: Path
) -> None:
    code, out, err = run(capsys, "assess", str(bad_facts))
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    assert f"{bad_facts}:3:" in err  # file:line:col of the first problem
    assert "fout F202" in err
    assert "misschien" in err and "wekelijks" in err  # every problem, not only the first
    assert "^" in err  # caret under the source


def test_missing_facts_file_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "assess", str(tmp_path / "bestaat-niet.yaml"))
    assert (code, out) == (2, "")
    assert "Traceback" not in err and "bestaat-niet.yaml" in err


def test_unknown_kader_id_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", VOORBEELDSTAD, "--kader", "vng_mensenhandel_2012")
    assert code == 2
    assert "vng_mensenhandel_2012" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "value, message",
    [
        ("30-06-2026", "'30-06-2026' is geen datum; schrijf JJJJ-MM-DD"),
        ("2026-02-30", "'2026-02-30' is geen bestaande datum"),
        ("gisteren", "'gisteren' is geen datum"),
    ],
)
def test_peildatum_errors_in_dutch(
    capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    code, out, err = run(capsys, "assess", VOORBEELDSTAD, "--peildatum", value)
    assert (code, out) == (2, "")
    assert "gebruik: kadermodel assess" in err
    assert f"kadermodel assess: fout: argument --peildatum: {message}" in err


def test_peildatum_overrides_the_facts_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--peildatum", "2027-01-15")
    assert code == 0 and "Peildatum: 15 januari 2027\n" in out
    code, out, _ = run(
        capsys, "assess", VOORBEELDSTAD, "--format", "json", "--peildatum", "2027-01-15"
    )
    assert json.loads(out)["reference_date"] == "2027-01-15"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["assess"], "verplicht argument ontbreekt: FEITEN"),
        (["assess", VOORBEELDSTAD, "--format", "xml"], "'xml' kan niet; kies uit"),
        (["assess", VOORBEELDSTAD, "--onzin"], "onbekend argument: --onzin"),
        (["beoordeel"], "'beoordeel' kan niet; kies uit"),
        (["impact", VOORBEELDSTAD], "verplicht argument ontbreekt: --basis, --uitbreiding"),
    ],
)
def test_usage_errors_exit_2_in_dutch(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("gebruik: kadermodel")
    assert message in err


@pytest.mark.parametrize("command", [[], ["assess"], ["explain"], ["impact"], ["check"]])
def test_help_for_every_subcommand(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, err = run(capsys, *command, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("gebruik: kadermodel")
    assert "voorbeelden:" in out
    assert "toon deze hulp en stop" in out
    assert "usage:" not in out and "show this help" not in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("kadermodel ")


def test_check_bundled_kader(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "vng_mensenhandel_2021")
    assert (code, err) == (0, "")
    assert "5 thema's, 23 bouwstenen, 55 feiten (50 beslissend, 5 informatief)" in out
    assert "- bewustwording: Aandacht voor en bewustwording van het fenomeen mensenhandel\n" in out
    assert "  plateau 1: 4 bouwstenen; plateau 2: 2 bouwstenen\n" in out


def test_check_kader_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = REPO / "src" / "kadermodel" / "kaders" / "vng_mensenhandel_2021.kader"
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and out.startswith(f"{path}: in orde")


def test_check_broken_kader(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "kapot.kader"
    path.write_text(
        'kader kapot { titel "Kapot" }\n'
        "feit functionaris: ja_nee\n"
        'thema t "T" { plateau 1 { bouwsteen b "B." als functionaaris } }\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", str(path))
    assert (code, out) == (2, "")
    assert f"{path}:3:" in err
    assert "bedoelde je 'functionaris'?" in err
    assert "Traceback" not in err


def test_check_syntax_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "syntax.kader"
    path.write_text('kader x { titel "X" }\nthema t "T" { plateau 1 {\n', encoding="utf-8")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and str(path) in err and "Traceback" not in err


def test_check_directory_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "Traceback" not in err


def test_explain_unknown_thema(capsys: pytest.CaptureFixture[str]) -> None:
    # The explanation itself is another module's job; the thema check is the CLI's.
    code, out, err = run(capsys, "explain", VOORBEELDSTAD, "--thema", "signaleren")
    assert (code, out) == (2, "")
    assert "onbekend thema 'signaleren'" in err and "bedoelde je 'signalering'?" in err


def test_assess_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "assess", VOORBEELDSTAD, "--format", "json")
    second = run(capsys, "assess", VOORBEELDSTAD, "--format", "json")
    assert first == second


def test_assess_with_own_kader_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    kader = tmp_path / "klein.kader"
    kader.write_text(
        'kader klein { titel "Klein kader" }\n'
        'feit a: ja_nee vraag "Is a geregeld?"\n'
        'thema t "Thema T" { plateau 1 { bouwsteen b "A is geregeld." bron "Bron 1" als a } }\n',
        encoding="utf-8",
    )
    facts = tmp_path / "feiten.yaml"
    facts.write_text("gemeente: Klein\npeildatum: 2026-01-01\nfeiten:\n  a: onbekend\n")
    code, out, err = run(capsys, "assess", str(facts), "--kader", str(kader))
    assert (code, err) == (0, "")
    assert "Thema T: basisniveau nog niet zeker bereikt, mogelijk plateau 1 (van 1)." in out
    assert "  * Is a geregeld? (a)\n" in out
    assert k.load_kader(kader).id == "klein"


def test_console_script_runs_without_traceback(bad_facts: Path) -> None:
    script = shutil.which("kadermodel", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("console script not installed in this environment")
    ok = subprocess.run(
        [script, "assess", VOORBEELDSTAD], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0 and ok.stdout.startswith("Stand van zaken: Voorbeeldstad")
    bad = subprocess.run(
        [script, "assess", str(bad_facts)], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert "fout F202" in bad.stderr and "Traceback" not in bad.stderr


# ------------------------------------------------------------------ wiring to other modules
# The renderers of explain and impact belong to other modules; these tests replace them with
# stand-ins and only check that the CLI passes the right values and prints what they return.


def _stand_in(monkeypatch: pytest.MonkeyPatch, name: str, **functions: object) -> None:
    module = types.ModuleType(name)
    for attr, function in functions.items():
        setattr(module, attr, function)
    monkeypatch.setitem(sys.modules, name, module)


def test_assess_uitleg_appends_the_explanation(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, str | None]] = []

    def text(assessment: k.Assessment, thema: str | None = None, *, standalone: bool) -> str:
        assert not standalone  # the assessment report has the disclaimer already
        calls.append((str(assessment.facts.gemeente), thema))
        return "UITLEG\n"

    def as_json(assessment: k.Assessment, thema: str | None) -> dict[str, str]:
        calls.append((str(assessment.facts.gemeente), thema))
        return {"uitleg": "ja"}

    _stand_in(
        monkeypatch,
        "kadermodel.report.explanation",
        explanation_text=text,
        explanation_json=as_json,
    )
    code, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--uitleg")
    assert code == 0 and out.startswith("Stand van zaken") and out.endswith("\n\nUITLEG\n")
    code, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--uitleg", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["explanation"] == {"uitleg": "ja"}
    jsonschema.validate(data, assessment_schema())
    assert calls == [("Voorbeeldstad", None), ("Voorbeeldstad", None)]


def test_explain_passes_the_thema(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def text(assessment: k.Assessment, thema: str | None = None) -> str:
        return f"uitleg {thema} {assessment.plateau('signalering')}"

    def as_json(assessment: k.Assessment, thema: str | None) -> dict[str, str | None]:
        return {"thema": thema}

    _stand_in(
        monkeypatch,
        "kadermodel.report.explanation",
        explanation_text=text,
        explanation_json=as_json,
    )
    assert run(capsys, "explain", VOORBEELDSTAD, "--thema", "signalering")[1] == (
        "uitleg signalering minimaal 1, mogelijk 2\n"
    )
    assert run(capsys, "explain", VOORBEELDSTAD)[1] == "uitleg None minimaal 1, mogelijk 2\n"
    code, out, _ = run(capsys, "explain", VOORBEELDSTAD, "--format", "json", "--thema", "opvang")
    assert code == 0 and json.loads(out) == {"thema": "opvang"}


def test_impact_loads_base_extended_and_facts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("kadermodel.extend.apply")
    extension = tmp_path / "regio.kader"
    extension.write_text(
        "uitbreiding regio_test op vng_mensenhandel_2021 {\n"
        '    feit regionale_tafel: ja_nee vraag "Neemt de gemeente deel aan de regionale tafel?"\n'
        "    thema samenwerking {\n"
        "        plateau 1 {\n"
        '            bouwsteen regionale_tafel "De gemeente zit aan de regionale tafel."\n'
        "                als regionale_tafel\n"
        "        }\n"
        "    }\n"
        "}\n",
        encoding="utf-8",
    )
    seen: list[tuple[bool, bool, list[str | None]]] = []
    added = "samenwerking.regionale_tafel"

    def impact(base: k.Kader, extended: k.Kader, facts: list[k.Facts]) -> str:
        seen.append(
            (added in base.bouwstenen, added in extended.bouwstenen, [f.gemeente for f in facts])
        )
        return "IMPACT"

    _stand_in(monkeypatch, "kadermodel.extend.impact", impact=impact)
    _stand_in(
        monkeypatch,
        "kadermodel.report.impact",
        impact_text=lambda found: f"tekst {found}",
        impact_json=lambda found: {"impact": found},
    )
    argv = ["impact", "--basis", "vng_mensenhandel_2021", "--uitbreiding", str(extension)]
    code, out, err = run(capsys, *argv, VOORBEELDSTAD, str(EXAMPLES / "basisstad.yaml"))
    assert (code, out, err) == (0, "tekst IMPACT\n", "")
    code, out, _ = run(capsys, *argv, VOORBEELDSTAD, "--format", "json")
    assert json.loads(out) == {"impact": "IMPACT"}
    assert seen[0] == (False, True, ["Voorbeeldstad", "Basisstad"])
