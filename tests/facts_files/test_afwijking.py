"""Afwijkingen (comply or explain): valid, expired, forbidden (geen afwijking), unknown id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.engine.interpret import assess_reference
from kadermodel.explanation.diff import diff
from kadermodel.explanation.intake import Intake
from kadermodel.explanation.next_steps import next_steps
from kadermodel.facts.template import facts_file_text
from kadermodel.language.bundled import bundled_kader
from kadermodel.logic import Truth
from kadermodel.report.assessment import assessment_json, assessment_text
from kadermodel.report.explanation import diff_text, explanation_json
from kadermodel.report.receipt import canonical_facts

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "afwijking"
KADER = bundled_kader()
DAY = dt.date(2026, 6, 30)

SMALL = k.parse_kader(
    """
kader klein { titel "Klein" }
feit a: ja_nee
feit b: ja_nee
feit c: aantal
thema t "Thema" {
    plateau 1 {
        bouwsteen een "Een." als a
        bouwsteen twee "Twee." geen afwijking als b
    }
    plateau 2 {
        bouwsteen drie "Drie." vereist een als c >= 2
        bouwsteen vier "Vier." als een en c >= 1
    }
}
""",
    name="klein.kader",
)


def afwijking(until: str = "2027-12-31") -> str:
    return (
        f'    reden: "De regio doet dit voor ons."\n'
        f'    goedgekeurd_door: "College van B en W"\n'
        f"    geldig_tot: {until}\n"
    )


def small_facts(extra: str, feiten: str = "  a: nee\n  b: ja\n  c: 3\n") -> k.Facts:
    text = f"peildatum: 2026-06-30\nfeiten:\n{feiten}afwijkingen:\n{extra}"
    return k.parse_facts(text, SMALL, name="gemeente.yaml")


def test_a_valid_afwijking_counts_as_met_and_the_rest_follows() -> None:
    facts = small_facts("  t.een:\n" + afwijking())
    result = k.assess(SMALL, facts)
    assert result.truth("t.een") is Truth.TRUE
    assert result.bouwstenen["t.een"].via_afwijking == facts.afwijkingen["t.een"]
    assert result.bouwstenen["t.twee"].via_afwijking is None
    # drie requires een, vier names it in its condition: both follow
    assert result.truth("t.drie") is Truth.TRUE and result.truth("t.vier") is Truth.TRUE
    assert result.plateau("t") == k.PlateauRange(2, 2)
    without = k.assess(SMALL, k.parse_facts({"a": False, "b": True, "c": 3}, SMALL))
    assert without.plateau("t") == k.PlateauRange(0, 0)
    data = assessment_json(result)
    item = data["themas"][0]["bouwstenen"][0]
    assert item["via_afwijking"] == {
        "reason": "De regio doet dit voor ons.",
        "approved_by": "College van B en W",
        "valid_until": "2027-12-31",
    }
    assert "via_afwijking" not in data["themas"][0]["bouwstenen"][1]
    assert data["afwijkingen"]["applied"][0]["bouwsteen"] == "t.een"
    assert "Voldaan via afwijking" in assessment_text(result)
    explained = explanation_json(result)["themas"][0]["bouwstenen"][0]
    assert explained["via_afwijking"]["reason"] == "De regio doet dit voor ons."
    assert explained["reasons"] == []


def test_an_afwijking_on_its_last_day_holds_and_after_it_is_ignored_with_a_warning() -> None:
    assert (
        k.assess(SMALL, small_facts("  t.een:\n" + afwijking("2026-06-30"))).truth("t.een")
        is Truth.TRUE
    )
    result = k.assess(SMALL, small_facts("  t.een:\n" + afwijking("2026-06-29")))
    assert result.truth("t.een") is Truth.FALSE
    assert result.bouwstenen["t.een"].via_afwijking is None
    assert list(result.expired_afwijkingen) == ["t.een"]
    expired = assessment_json(result)["afwijkingen"]["expired"][0]
    assert "is op de peildatum verlopen; zij telt niet mee" in expired["warning"]
    assert "Waarschuwing: De afwijking voor 'een'" in assessment_text(result)
    # a later peildatum makes a valid one expire
    later = k.assess(SMALL, small_facts("  t.een:\n" + afwijking()), dt.date(2028, 1, 1))
    assert later.truth("t.een") is Truth.FALSE


def error_of(text: str, kader: k.Kader = SMALL) -> k.KaderError:
    with pytest.raises(k.KaderError) as caught:
        k.parse_facts(text, kader, name="gemeente.yaml")
    return caught.value


def test_a_forbidden_afwijking_is_an_error() -> None:
    error = error_of("feiten: {}\nafwijkingen:\n  t.twee:\n" + afwijking())
    assert error.code == "F214"
    check_golden(GOLDEN / "forbidden.txt", str(error) + "\n")
    with pytest.raises(k.KaderError) as caught:
        k.parse_facts({"feiten": {}, "afwijkingen": {"t.twee": {}}}, SMALL)
    assert caught.value.code == "F214"


def test_an_unknown_bouwsteen_is_an_error_with_a_suggestion() -> None:
    error = error_of("feiten: {}\nafwijkingen:\n  tendensen:\n" + afwijking(), KADER)
    assert error.code == "F213"
    assert error.diagnostics[0].suggestion == "signalering.tendensen"
    check_golden(GOLDEN / "unknown.txt", str(error) + "\n")
    typo = error_of("feiten: {}\nafwijkingen:\n  signalering.tendenzen:\n" + afwijking(), KADER)
    assert typo.diagnostics[0].suggestion == "signalering.tendensen"


def test_an_incomplete_afwijking_is_an_error() -> None:
    error = error_of(
        'feiten: {}\nafwijkingen:\n  t.een:\n    reden: "x"\n    geldig_tt: 2027-01-01\n'
    )
    assert {d.code for d in error.diagnostics} == {"F215"}
    check_golden(GOLDEN / "incomplete.txt", str(error) + "\n")
    assert error_of("feiten: {}\nafwijkingen:\n  t.een: ja\n").code == "F215"
    bad_day = error_of("feiten: {}\nafwijkingen:\n  t.een:\n" + afwijking("2027-02-30"))
    assert bad_day.code == "F206"


def test_a_mapping_reads_afwijkingen_too() -> None:
    entry = {"reden": "x", "goedgekeurd_door": "y", "geldig_tot": "2027-01-01"}
    facts = k.parse_facts({"feiten": {"a": False}, "afwijkingen": {"t.een": entry}}, SMALL)
    assert facts.afwijkingen["t.een"].geldig_tot == dt.date(2027, 1, 1)
    with pytest.raises(k.KaderError) as caught:
        k.parse_facts({"feiten": {}, "afwijkingen": {"t.een": {"reden": "x"}}}, SMALL)
    assert caught.value.code == "F215"


@settings(max_examples=60)
@given(
    values=st.fixed_dictionaries(
        {
            "a": st.sampled_from([True, False, None]),
            "b": st.sampled_from([True, False, None]),
            "c": st.sampled_from([0, 1, 2, 5, None]),
        }
    ),
    met=st.sets(st.sampled_from(["t.een", "t.drie", "t.vier"])),
)
def test_the_plan_and_the_reference_interpreter_agree(
    values: dict[str, object], met: set[str]
) -> None:
    entry = {"reden": "r", "goedgekeurd_door": "g", "geldig_tot": "2027-01-01"}
    known = {name: value for name, value in values.items() if value is not None}
    facts = k.parse_facts({"feiten": known, "afwijkingen": dict.fromkeys(met, entry)}, SMALL)
    result = k.assess(SMALL, facts, DAY)
    truths, ranges = assess_reference(SMALL, facts.values, DAY, frozenset(met))
    assert {q: result.truth(q) for q in SMALL.bouwstenen} == truths
    assert {t: (r.plateau.low, r.plateau.high) for t, r in result.themas.items()} == ranges


def test_the_bundled_kader_in_the_plan_and_the_interpreter() -> None:
    facts = k.load_facts(REPO / "examples" / "voorbeeldstad.yaml", KADER)
    met = frozenset({"signalering.tendensen", "bewustwording.risicoanalyse"})
    entry = {"reden": "r", "goedgekeurd_door": "g", "geldig_tot": "2027-01-01"}
    mapping = {"feiten": dict(facts.known), "afwijkingen": dict.fromkeys(met, entry)}
    result = k.assess(KADER, k.parse_facts(mapping, KADER), DAY)
    truths, ranges = assess_reference(KADER, facts.values, DAY, met)
    assert {q: result.truth(q) for q in KADER.bouwstenen} == truths
    assert {t: (r.plateau.low, r.plateau.high) for t, r in result.themas.items()} == ranges


def test_next_steps_do_not_ask_for_a_bouwsteen_met_via_afwijking() -> None:
    facts = small_facts("  t.een:\n" + afwijking(), feiten="  a: nee\n  b: ja\n  c: 1\n")
    result = k.assess(SMALL, facts)
    steps = next_steps(result, "t")
    assert "t.een" not in steps.blocking
    assert {c.fact for c in steps.steps} == {"c"}  # not a, the fact of the met bouwsteen


def test_the_intake_keeps_the_afwijkingen_in_the_file() -> None:
    facts = small_facts("  t.een:\n" + afwijking(), feiten="  b: ja\n")
    intake = Intake.start(SMALL, facts)
    assert intake.question is not None and intake.question.fact == "c"
    text = facts_file_text(SMALL, intake.answer(3).facts)
    again = k.parse_facts(text, SMALL, name="gemeente.yaml")
    assert again.afwijkingen == facts.afwijkingen
    assert k.assess(SMALL, again).plateau("t") == k.PlateauRange(2, 2)


def test_the_receipt_and_vergelijk_see_an_afwijking() -> None:
    plain = k.parse_facts({"feiten": {"a": False, "b": True, "c": 3}}, SMALL)
    waived = small_facts("  t.een:\n" + afwijking())
    assert canonical_facts(plain) != canonical_facts(waived)
    found = diff(k.assess(SMALL, plain, DAY), k.assess(SMALL, waived, DAY))
    text = diff_text(found)
    assert "bouwsteen t.een: onwaar -> voldaan via afwijking, door een afwijking" in text
    assert found.themas[0].direction == "hoger"


def test_kadertaal_round_trips_geen_afwijking(tmp_path: Path) -> None:
    path = tmp_path / "klein.kader"
    path.write_text(
        'kader klein { titel "Klein" }\nfeit a: ja_nee\n'
        'thema t "T" { plateau 1 { bouwsteen b "B." geen afwijking als a } }\n',
        encoding="utf-8",
    )
    assert main(["fmt", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert "            geen afwijking\n" in text
    kader = k.parse_kader(text)
    assert not kader.bouwstenen["t.b"].afwijking_toegestaan
    assert main(["fmt", "--check", str(path)]) == 0


def test_a_saved_result_with_afwijkingen_re_runs_from_its_receipt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    shutil.copytree(REPO / "examples" / "regio", tmp_path / "regio")
    monkeypatch.chdir(tmp_path / "regio")
    assert main(["assess", "regiodorp.yaml", "--format", "json"]) == 0
    (tmp_path / "regio" / "uitkomst.json").write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["controleer-bewijs", "uitkomst.json", "regiodorp.yaml"]) == 0
    capsys.readouterr()
    assert main(["vergelijk", "uitkomst.json", "regiodorp.yaml"]) == 0
    assert "Geen thema is van plateau veranderd." in capsys.readouterr().out
