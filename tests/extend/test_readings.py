"""The bundled readings (lezingen): each loads on the bundled kader and passes the checks,
the weakening check applies to them, they are chosen like any uitbreiding (by id), and
their impact on the four example municipalities and ``kadermodel lezingen`` are golden."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from extend_support import EXAMPLE_NAMES, EXAMPLES, REPO

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.errors import ExtensionError
from kadermodel.extend.apply import apply_text
from kadermodel.extend.impact import impact
from kadermodel.extend.readings import Reading, readings
from kadermodel.language.bundled import bundled_extension_ids, bundled_ids
from kadermodel.report.impact import impact_schema, impact_text
from kadermodel.report.readings import readings_schema

GOLDEN = REPO / "tests" / "golden" / "lezingen"
READINGS = {r.id: r for r in readings()}
# The four readings issue 11.4 asks for, with whether each lowers its base.
EXPECTED = {
    "lezing_beleidsplan_bij_beleid": True,
    "lezing_meerdere_keren_twee": True,
    "lezing_bijdrage_zorgcoordinatie": False,
    "lezing_beleidsplan_alle_themas": True,
}


def test_the_readings_are_the_bundled_uitbreidingen() -> None:
    assert set(READINGS) == set(EXPECTED)
    assert set(bundled_extension_ids()) == set(EXPECTED)
    assert bundled_ids() == ("vng_mensenhandel_2021",)  # readings are no base kaders


@pytest.mark.parametrize("reading_id", list(EXPECTED))
def test_a_reading_loads_on_the_bundled_kader_without_errors_or_warnings(
    reading_id: str, bundled: k.Kader
) -> None:
    reading = READINGS[reading_id]
    kader = reading.kader()
    assert reading.base == bundled.id
    assert kader.extensions == (reading_id,)
    assert kader.warnings == ()
    assert k.load_kader(bundled.id, extensions=[reading_id]).extensions == (reading_id,)
    assert k.load_kader(reading_id).extensions == (reading_id,)  # as `kadermodel check ID`
    # Dutch texts a user reads, with the Kader's words and where they stand
    for text in (reading.title, reading.description, reading.kader_words):
        assert text.strip() and "_" not in text.replace(reading_id, "")
    assert reading.reference.startswith("Kader 2021, ")
    assert f"ambiguïteit {reading.ambiguity} " in reading.text  # the file's header says which


@pytest.mark.parametrize("reading_id", list(EXPECTED))
def test_bewust_zwakker_exactly_where_the_reading_lowers_its_base(
    reading_id: str, bundled: k.Kader
) -> None:
    reading = READINGS[reading_id]
    assert bool(reading.weaker) is EXPECTED[reading_id]
    if not reading.weaker:
        return
    # Without its `bewust zwakker` clauses the weakening check refuses (plateau 1: E140)
    # or warns (plateau 2: E141): the label is needed, not decoration.
    plain = re.sub(r'\n\s*bewust zwakker "[^"]*"(\s*"[^"]*")*', "", reading.text)
    assert not re.search(r"^\s*bewust zwakker", plain, re.MULTILINE)
    try:
        kader = apply_text(bundled, plain, f"{reading_id}.kader")
    except ExtensionError as error:
        assert {d.code for d in error.diagnostics} == {"E140"}
    else:
        assert {d.code for d in kader.warnings} == {"E141"}


def _impact_of(reading: Reading) -> str:
    extended = reading.kader()
    facts = [k.load_facts(EXAMPLES / f"{name}.yaml", extended) for name in EXAMPLE_NAMES]
    return impact_text(impact(k.bundled_kader(reading.base), extended, facts))


@pytest.mark.parametrize("reading_id", list(EXPECTED))
def test_impact_of_a_reading_on_the_four_examples(reading_id: str) -> None:
    check_golden(GOLDEN / f"{reading_id}.txt", _impact_of(READINGS[reading_id]))


def test_moving_the_beleidsplan_moves_its_outcome_between_the_themas() -> None:
    reading = READINGS["lezing_beleidsplan_bij_beleid"]
    kader = reading.kader()
    assert "beleid.beleidsplan" in kader.bouwstenen
    assert "bewustwording.beleidsplan" not in kader.bouwstenen
    assert "bewustwording.beleidsplan" in kader.withdrawn
    facts = {name: True for name, feit in kader.feiten.items() if feit.type.kind == "ja_nee"}
    facts["beleidsplan_bevat_handhaving"] = False
    result = k.assess(kader, facts)
    assert result.truth("beleid.beleidsplan") is k.Truth.FALSE
    assert result.themas["beleid"].plateau.high == 0


def test_assess_takes_a_reading_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "basisstad.yaml")
    code = main(["assess", path, "--uitbreiding", "lezing_meerdere_keren_twee", "--format", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["kader"]["extensions"] == ["lezing_meerdere_keren_twee"]
    ids = [b["id"] for t in data["themas"] for b in t["bouwstenen"]]
    assert "bewustwording.verdiepte_aandacht_letterlijk" in ids


def test_lezingen_lists_the_readings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lezingen"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    check_golden(GOLDEN / "lezingen.txt", out)
    for reading_id in EXPECTED:
        assert f"Kiezen: --uitbreiding {reading_id}" in out


def test_lezingen_with_facts_shows_each_impact(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(EXAMPLES / f"{name}.yaml") for name in EXAMPLE_NAMES]
    assert main(["lezingen", *paths]) == 0
    text, err = capsys.readouterr()
    assert err == ""
    check_golden(GOLDEN / "lezingen_voorbeelden.txt", text)
    assert main(["lezingen", *paths, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    check_golden(GOLDEN / "lezingen_voorbeelden.json", out)
    data = json.loads(out)
    jsonschema.validate(data, readings_schema())
    for entry in data["readings"]:
        jsonschema.validate(entry["impact"], impact_schema())
    assert data["schema_version"] == 1
    assert [r["id"] for r in data["readings"]] == list(READINGS)
    for entry in data["readings"]:
        assert entry["weaker"] is EXPECTED[entry["id"]]
        municipalities = [g["municipality"] for g in entry["impact"]["municipalities"]]
        assert sorted(municipalities) == [
            "Basisstad",
            "Koploperstad",
            "Starterdorp",
            "Voorbeeldstad",
        ]


def test_lezingen_json_without_facts_has_no_impact(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lezingen", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, readings_schema())
    assert all(entry["impact"] is None for entry in data["readings"])
