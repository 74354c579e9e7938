"""The Dutch text and the JSON of explanations: golden files and the JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from explain_support import (
    EXAMPLE_NAMES,
    EXAMPLES,
    GOLDEN,
    PEILDATUM,
    examples,
    kader_and_facts,
)
from hypothesis import given, settings

import kadermodel as k
from golden_files import check_golden
from kadermodel.explanation.diff import diff
from kadermodel.explanation.next_steps import next_steps
from kadermodel.explanation.relevance import relevant_unknowns
from kadermodel.report.explanation import (
    diff_json,
    diff_text,
    explanation_json,
    explanation_text,
    next_steps_json,
    next_steps_text,
    relevant_unknowns_json,
    relevant_unknowns_text,
    schema,
)

BUNDLED = k.bundled_kader()


def example(name: str) -> k.Assessment:
    return k.assess(BUNDLED, k.load_facts(EXAMPLES / f"{name}.yaml", BUNDLED))


def part(name: str) -> dict[str, Any]:
    """A schema for one of the ``$defs``."""
    full = schema()
    return {"$ref": f"#/$defs/{name}", "$defs": full["$defs"]}


# ------------------------------------------------------------------ golden files


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_golden_text(name: str) -> None:
    check_golden(GOLDEN / f"{name}.txt", explanation_text(example(name)))


def test_golden_text_for_one_thema() -> None:
    text = explanation_text(example("voorbeeldstad"), "bewustwording")
    check_golden(GOLDEN / "voorbeeldstad_bewustwording.txt", text)
    assert "Aandacht voor en bewustwording" in text and "Signalerend" not in text


def test_golden_json() -> None:
    data = explanation_json(example("voorbeeldstad"))
    check_golden(
        GOLDEN / "voorbeeldstad.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    )


def test_golden_diff() -> None:
    old = example("voorbeeldstad")
    facts = old.facts.with_values(
        BUNDLED,
        {
            "ambtelijk_besprekingen_per_jaar": 2,
            "risicogroepen_in_beeld": True,
            "opvang_kwaliteitscriteria": True,
            "opvang_kwaliteit_nagegaan": "ja",
            "lokaal_cijfermateriaal": "gebruikt",
            "regionale_ketenregisseur": True,
            "wegenkaart_ketenpartners": False,
        },
    )
    new = k.assess(BUNDLED, facts, dt.date(2027, 6, 30))
    found = diff(old, new)
    check_golden(GOLDEN / "diff_voorbeeldstad.txt", diff_text(found))
    jsonschema.validate(diff_json(found), part("diff"))


# ------------------------------------------------------------------ sentences


def test_memo_sentences() -> None:
    result = example("voorbeeldstad")
    text = next_steps_text(next_steps(result, "signalering"))
    assert text.startswith(
        "Voor plateau 2 (aanbevolen) van Signalerend vermogen van de gemeente ontbreekt nog:\n"
        "signalering.tendensen en signalering.good_practices.\n"
        "Daarvoor zijn 2 wijzigingen nodig:\n"
    )
    assert "- tendensen_eigen_informatie_gemonitord: onbekend -> ja" in text
    top = next_steps_text(next_steps(result, "beleid"))
    assert " ".join(top.split()) == (
        "Beleidsmatige basis heeft het basisniveau (plateau 1) zeker bereikt; voor dit thema "
        "noemt het Kader geen aanvullende bouwstenen."
    )
    assert "hoogste plateau" not in top
    open_questions = " ".join(relevant_unknowns_text(relevant_unknowns(result), BUNDLED).split())
    assert "verandert het plateau nu niet: bewustwording_medewerkers_frequentie," in open_questions
    assert "overgeslagen" not in open_questions


def test_unreachable_plateau_sentence() -> None:
    rules = k.parse_kader(
        'kader x { titel "X" }\nfeit n: aantal\n'
        'thema t "T" { plateau 1 { bouwsteen b "B." als n > 3 en n < 2 } }'
    )
    text = next_steps_text(next_steps(k.assess(rules, {}, PEILDATUM), "t"))
    assert " ".join(text.split()) == (
        "Plateau 1 van T is met deze regels niet te bereiken: geen verandering van feiten maakt "
        "t.b waar."
    )


def test_unknown_thema_is_a_kader_error() -> None:
    with pytest.raises(k.KaderError):
        explanation_text(example("voorbeeldstad"), "signaleren")
    with pytest.raises(k.KaderError):
        explanation_json(example("voorbeeldstad"), "signaleren")


# ------------------------------------------------------------------ JSON Schema


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_validate(name: str) -> None:
    result = example(name)
    data = explanation_json(result)
    jsonschema.validate(data, schema())
    assert data["schema_version"] == 3
    assert json.loads(json.dumps(data)) == data
    for thema in BUNDLED.themas:
        jsonschema.validate(next_steps_json(next_steps(result, thema)), part("next_steps"))
    jsonschema.validate(
        relevant_unknowns_json(relevant_unknowns(result)), part("relevant_unknowns")
    )


def test_schema_rejects_a_wrong_document() -> None:
    data = explanation_json(example("voorbeeldstad"), "opvang")
    jsonschema.validate(data, schema())
    wrong = dict(data, schema_version=1)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema())
    wrong = json.loads(json.dumps(data))
    wrong["themas"][0]["bouwstenen"][0]["truth"] = "misschien"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema())


@settings(max_examples=examples(25))
@given(kader_and_facts())
def test_random_kaders_validate(case: tuple[k.Kader, dict[str, object]]) -> None:
    kader, values = case
    result = k.assess(kader, {n: v for n, v in values.items() if v is not None}, PEILDATUM)
    data = explanation_json(result)
    jsonschema.validate(data, schema())
    text = explanation_text(result)
    assert text.endswith("\n") and all(
        len(line) <= 88 or " " not in line for line in text.splitlines()
    )
    other = k.assess(kader, {}, PEILDATUM)
    jsonschema.validate(diff_json(diff(other, result)), part("diff"))
