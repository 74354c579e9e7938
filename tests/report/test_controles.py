"""Controles: named consistency checks on the facts, warnings in every report, never a plateau.

The golden case ``tests/golden/controles/tegenstrijdig.yaml`` has three failing controles and
one that is still open; its text, JSON, HTML, letter and explanation are golden files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import jsonschema
import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.engine.controles import controle_results, failed_controles
from kadermodel.language.syntax import parse_source
from kadermodel.language.unparse import unparse
from kadermodel.logic import Truth
from kadermodel.report.assessment import assessment_json, assessment_schema
from kadermodel.report.explanation import explanation_json
from kadermodel.report.explanation import schema as explanation_schema

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "controles"
CASE = GOLDEN / "tegenstrijdig.yaml"
BUNDLED = k.bundled_kader()
PEIL = dt.date(2026, 6, 30)

SMALL = """kader klein { titel "Klein" }
feit plan: ja_nee
feit opvang_in_plan: ja_nee
feit plandatum: datum
parameter drempel: aantal = 2
feit besprekingen: aantal
thema t "T" { plateau 1 { bouwsteen b "B." als plan } }
controle opvang_zonder_plan "Opvang in het plan, maar geen plan."
    als opvang_in_plan dan plan
controle datum_niet_later "De datum ligt na de peildatum."
    bron "Eigen regel"
    als niet plandatum na peildatum
controle drempel "Te weinig besprekingen." als besprekingen >= drempel
"""


def small() -> k.Kader:
    return k.parse_kader(SMALL, name="klein.kader")


def _truths(kader: k.Kader, facts: dict[str, object]) -> dict[str, str]:
    result = k.assess(kader, facts, PEIL)
    return {r.controle.name: str(r.truth) for r in controle_results(result)}


def test_three_valued() -> None:
    kader = small()
    assert _truths(kader, {}) == {
        "opvang_zonder_plan": "onbekend",
        "datum_niet_later": "onbekend",
        "drempel": "onbekend",
    }
    assert _truths(kader, {"opvang_in_plan": True, "plan": False})["opvang_zonder_plan"] == (
        "onwaar"
    )
    assert _truths(kader, {"opvang_in_plan": False})["opvang_zonder_plan"] == "waar"
    assert _truths(kader, {"plan": True})["opvang_zonder_plan"] == "waar"
    assert _truths(kader, {"opvang_in_plan": True})["opvang_zonder_plan"] == "onbekend"
    assert _truths(kader, {"plandatum": "2026-07-01"})["datum_niet_later"] == "onwaar"
    assert _truths(kader, {"plandatum": "2026-06-30"})["datum_niet_later"] == "waar"
    assert _truths(kader, {"besprekingen": 1})["drempel"] == "onwaar"
    assert _truths(kader, {"besprekingen": 2})["drempel"] == "waar"


def test_a_controle_never_changes_a_plateau() -> None:
    facts = k.load_facts(CASE, BUNDLED)
    with_checks = k.assess(BUNDLED, facts)
    without = k.assess(attrs.evolve(BUNDLED, controles={}), facts)
    assert len(failed_controles(with_checks)) == 3
    assert with_checks.truths == without.truths
    assert with_checks.ranges == without.ranges


def test_the_bundled_kader_has_the_controles_its_structure_implies() -> None:
    assert len(BUNDLED.controles) >= 8
    for controle in BUNDLED.controles.values():
        assert controle.text.endswith("."), controle.name
        assert not k.model.bouwstenen_of(controle.condition), controle.name
    # the four examples are consistent: no controle is onwaar
    for name in ("basisstad", "koploperstad", "starterdorp", "voorbeeldstad"):
        facts = k.load_facts(REPO / "examples" / f"{name}.yaml", BUNDLED)
        assert not failed_controles(k.assess(BUNDLED, facts)), name


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [
        ("text", "tegenstrijdig.txt"),
        ("json", "tegenstrijdig.json"),
        ("html", "tegenstrijdig.html"),
        ("brief", "tegenstrijdig.md"),
    ],
)
def test_golden_reports_with_failing_controles(
    fmt: str, golden: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(CASE.relative_to(REPO)), "--format", fmt]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    if fmt == "json":
        data = json.loads(out.out)
        jsonschema.validate(data, assessment_schema())
        assert [c["id"] for c in data["controles"]["failed"]] == [
            "beleidsplan_onderdelen_zonder_plan",
            "beleidsplan_datum_na_peildatum",
            "functionaris_taken_zonder_functionaris",
        ]
        assert "kwaliteit_nagegaan_zonder_eisen" in [c["id"] for c in data["controles"]["unknown"]]
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = out.out
    if fmt != "json":
        assert "Volgens de antwoorden vervult de aandachtsfunctionaris" in text
    check_golden(GOLDEN / golden, text)


def test_golden_explanation_with_failing_controles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(CASE.relative_to(REPO))]) == 0
    text = capsys.readouterr().out
    assert "Tegenstrijdige antwoorden" in text
    check_golden(GOLDEN / "tegenstrijdig_uitleg.txt", text)
    data = explanation_json(k.assess(BUNDLED, k.load_facts(CASE, BUNDLED)))
    jsonschema.validate(data, explanation_schema())
    assert len(data["controles"]["failed"]) == 3


def test_consistent_facts_say_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "examples/koploperstad.yaml"]) == 0
    assert "Tegenstrijdige antwoorden" not in capsys.readouterr().out
    data = assessment_json(k.assess(BUNDLED, k.load_facts("examples/koploperstad.yaml", BUNDLED)))
    assert data["controles"]["failed"] == []
    assert data["controles"]["count"] == len(BUNDLED.controles)


def test_json_lists_the_open_controles() -> None:
    data = assessment_json(k.assess(small(), {}, PEIL))
    assert [c["id"] for c in data["controles"]["unknown"]] == [
        "opvang_zonder_plan",
        "datum_niet_later",
        "drempel",
    ]
    assert data["controles"]["unknown"][1]["reference"] == "Eigen regel"


def test_check_lists_the_controles(capsys: pytest.CaptureFixture[str]) -> None:
    path = REPO / "src" / "kadermodel" / "kaders" / "vng_mensenhandel_2021.kader"
    assert main(["check", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"{len(BUNDLED.controles)} controles op tegenstrijdige antwoorden: " in out
    assert "functionaris_taken_zonder_functionaris" in out


def test_names_and_types_are_checked_like_bouwsteen_conditions() -> None:
    head = 'kader x { titel "X" }\nfeit a: ja_nee\nfeit n: aantal\n'
    head += 'thema t "T" { plateau 1 { bouwsteen b "B." als a } }\n'
    cases = {
        'controle c "C." als onbekend_feit': "K202",
        'controle c "C." als n': "K301",
        'controle c "C." als a dan n = waar': "K302",
        'controle c "C." als t.b': "K312",
        'controle c "C." als n >= 1 dan t.b': "K312",
        'controle c "C." als plateau(t) >= 1': "K308",
        'controle c "C." als n = peildatum': "K302",
    }
    for text, code in cases.items():
        with pytest.raises(k.KaderCompileError) as error:
            k.parse_kader(head + text + "\n")
        assert [d.code for d in error.value.diagnostics] == [code], text
    with pytest.raises(k.KaderCompileError) as error:
        k.parse_kader(head + 'controle c "C." als a\ncontrole c "D." als a\n')
    assert [d.code for d in error.value.diagnostics] == ["K201"]


def test_peildatum_only_in_controles() -> None:
    text = 'kader x { titel "X" }\nfeit d: datum\n'
    text += 'thema t "T" { plateau 1 { bouwsteen b "B." als d voor peildatum } }\n'
    with pytest.raises(k.KaderCompileError) as error:
        k.parse_kader(text)
    assert [d.code for d in error.value.diagnostics] == ["K313"]


def test_printer_round_trip() -> None:
    tree = parse_source(SMALL, "klein.kader")
    printed = unparse(tree)
    assert parse_source(printed, "klein.kader") == tree
    assert "    als opvang_in_plan\n    dan plan\n" in printed
    assert "    als niet plandatum na peildatum\n" in printed


def test_an_uitbreiding_adds_a_controle() -> None:
    base = small()
    extension = """uitbreiding regio op klein {
    controle besprekingen_zonder_plan "Besprekingen, maar geen plan."
        als besprekingen >= 1 dan plan
}
"""
    extended = k.apply_extension(base, extension, "regio.kader")
    assert list(extended.controles) == [*base.controles, "besprekingen_zonder_plan"]
    herkomst = extended.controles["besprekingen_zonder_plan"].herkomst
    assert herkomst[0].source == "regio"
    result = k.assess(extended, {"besprekingen": 3, "plan": False}, PEIL)
    assert [r.controle.name for r in failed_controles(result)] == ["besprekingen_zonder_plan"]
    twice = extension.replace("besprekingen_zonder_plan", "opvang_zonder_plan")
    with pytest.raises(k.KaderError) as error:
        k.apply_extension(base, twice, "regio.kader")
    assert error.value.code == "E113"


def test_server_json_carries_the_controles() -> None:
    from kadermodel.serve.app import read_facts

    facts = read_facts(BUNDLED, CASE.read_text(encoding="utf-8"))
    data = assessment_json(k.assess(BUNDLED, facts))
    assert len(data["controles"]["failed"]) == 3
    assert data["controles"]["failed"][0]["facts"][0] == {
        "name": "beleidsplan_bevat_opvang",
        "value": True,
    }
    assert data["controles"]["failed"][0]["truth"] == str(Truth.FALSE)


def test_the_questionnaire_warns_when_an_answer_contradicts_another(tmp_path: Path) -> None:
    import io

    from kadermodel.cli.vragenlijst import questionnaire

    text = (REPO / "examples" / "koploperstad.yaml").read_text(encoding="utf-8")
    lines = [
        line
        for line in text.splitlines()
        if not line.strip().startswith("aandachtsfunctionaris_aangesteld:")
    ]
    path = tmp_path / "feiten.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = k.load_facts(path, BUNDLED)
    assert facts.values["aandachtsfunctionaris_aangesteld"] is None
    assert facts.values["aandachtsfunctionaris_vervult_taken"] is True
    out = io.StringIO()
    assert questionnaire(BUNDLED, path, io.StringIO("nee\n"), out) == 0
    shown = " ".join(out.getvalue().split())
    assert "aandachtsfunctionaris" in shown
    assert (
        "Let op: Volgens de antwoorden vervult de aandachtsfunctionaris zijn of haar rol, "
        "maar er is geen aandachtsfunctionaris aangesteld." in shown
    )
