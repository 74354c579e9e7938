"""The blank template (`kadermodel sjabloon`) and the JSON Schema of a facts file
(`kadermodel schema feiten`): golden files, and schema and parse_facts agreeing on the
example and golden facts files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from schema_support import as_json

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.explanation.intake import DONT_KNOW, Intake
from kadermodel.facts.schema import facts_schema
from kadermodel.facts.template import facts_file_text

# Every test here runs with both YAML loaders (the yaml_loader fixture of tests/conftest.py).
pytestmark = pytest.mark.usefixtures("yaml_loader")

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "intake"
ERRORS = REPO / "tests" / "golden" / "errors"
BUNDLED = k.bundled_kader()
SMALL = k.load_kader(ERRORS / "_facts.kader")
OUTSIDE_JSON = {
    "facts_yaml_syntax",
    "facts_duplicate_key",
    "facts_control_character",
    "facts_too_deep",
}
"""Golden error cases that no JSON document can show (see kadermodel.facts.schema)."""


def validator(kader: k.Kader) -> jsonschema.Draft202012Validator:
    schema = facts_schema(kader)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_template_is_golden_and_every_thema_is_open(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sjabloon"]) == 0
    text = capsys.readouterr().out
    check_golden(GOLDEN / "sjabloon.yaml", text)
    assert text == facts_file_text(BUNDLED)
    result = k.assess(BUNDLED, k.parse_facts(text, BUNDLED))
    for thema in result.themas.values():
        assert str(thema.plateau) == f"minimaal 0, mogelijk {thema.top}"
    # every fact is in it, with its question as a comment
    for name, feit in BUNDLED.feiten.items():
        assert f"\n  {name}: onbekend\n" in text
        assert feit.vraag is not None and feit.vraag.split()[0] in text


def test_template_marks_informative_facts() -> None:
    text = facts_file_text(BUNDLED)
    informative = text.split("== Informatieve feiten")[1]
    assert "  beleid_beschreven_vormen: onbekend" in informative
    assert "Informatief." in informative


def test_template_to_a_file_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feiten.yaml"
    assert main(["sjabloon", "-o", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == facts_file_text(BUNDLED)
    assert main(["sjabloon", "-o", str(path)]) == 2
    assert "bestaat al" in capsys.readouterr().err


def test_written_answers_read_back() -> None:
    intake = Intake.start(BUNDLED, peildatum=k.parse_facts({}, BUNDLED).peildatum)
    for _ in range(4):
        assert intake.question is not None
        feit = BUNDLED.feiten[intake.question.fact]
        value = DONT_KNOW if feit.type.kind == "ja_nee" else feit.type.values[0]
        intake = intake.answer(value)
    text = facts_file_text(BUNDLED, intake.facts)
    again = k.parse_facts(text, BUNDLED)
    assert again.values == intake.facts.values
    assert again.dont_know == intake.facts.dont_know
    assert again.peildatum == intake.peildatum
    assert validator(BUNDLED).is_valid(as_json(text))


def test_schema_is_golden(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "feiten"]) == 0
    text = capsys.readouterr().out
    check_golden(GOLDEN / "feiten.schema.json", text)
    assert json.loads(text) == facts_schema(BUNDLED)


def test_schema_titles_are_the_questions() -> None:
    properties = facts_schema(BUNDLED)["properties"]["feiten"]["properties"]
    assert list(properties) == list(BUNDLED.feiten)
    for name, feit in BUNDLED.feiten.items():
        assert properties[name]["title"] == feit.vraag


@pytest.mark.parametrize("path", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_fit_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    k.parse_facts(text, BUNDLED)
    errors = [e.message for e in validator(BUNDLED).iter_errors(as_json(text))]
    assert not errors


@pytest.mark.parametrize("path", sorted(ERRORS.glob("facts_*.yaml")), ids=lambda p: p.stem)
def test_golden_error_files_are_refused_by_both(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    with pytest.raises(k.FactsError):
        k.parse_facts(text, SMALL)
    if path.stem in OUTSIDE_JSON:
        return
    assert not validator(SMALL).is_valid(as_json(text)), path.name


def test_schema_of_an_extended_kader_knows_its_facts() -> None:
    extended = k.load_kader(
        "vng_mensenhandel_2021", extensions=[REPO / "examples" / "regio_voorbeeld.kader"]
    )
    schema = facts_schema(extended)
    assert set(schema["properties"]["feiten"]["properties"]) == set(extended.feiten)
    assert "regio" in schema["title"] or extended.extensions[0] in schema["title"]
