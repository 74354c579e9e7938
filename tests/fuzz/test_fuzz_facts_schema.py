"""The facts schema and parse_facts agree: a generated JSON document fits the schema exactly
when kadermodel reads it without error (``make fuzz``: at least 1,000 documents).

The documents mix valid and invalid parts: known and unknown top-level keys, declared and
undeclared facts, and per fact values of the right type, of another type and the unknown
forms. The generator leaves out what kadermodel.facts.schema documents as beyond JSON
Schema (non-existent dates written in the right form, spaces around dates, Unicode digits,
numbers with a fraction).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kadermodel as k
from fuzz.conftest import LONG, Stats
from kadermodel import model as m
from kadermodel.facts.schema import facts_schema

KADER = k.parse_kader(
    """
kader schemaproef { titel "Schemaproef" }
feit a: ja_nee
feit n: aantal
feit f: keuze(geen, soms, vaak)
feit s: verzameling(x, y, z)
feit d: datum
thema t "Thema" {
    plateau 1 { bouwsteen p "P." als a en n >= 2 }
    plateau 2 { bouwsteen q "Q." als f >= soms en s bevat een van (x) en d binnen 1 jaar }
}
""",
    "<schemaproef>",
)
VALIDATOR = jsonschema.Draft202012Validator(
    facts_schema(KADER), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
EXAMPLES = 2_000 if LONG else 150

_WORDS = st.sampled_from(
    [
        "ja",
        "nee",
        "Ja",
        " NEE ",
        "waar",
        "onwaar",
        "true",
        "FALSE",
        "yes",
        "no",
        "j",
        "onbekend",
        " Onbekend",
        "weet niet",
        "Weet  Niet",
        "weetniet",
        "null",
        "~",
        "",
        "geen",
        "soms",
        "vaak",
        "Vaak",
        "x",
        "y",
        "z",
        "q",
        "3",
        " 4 ",
        "-2",
        "2.5",
        "1e3",
        "2026-06-30",
        "2025-02-28",
        "2026-13-01",
        "30-06-2026",
        "2026-6-30",
        "tekst",
    ]
)
_SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    _WORDS,
    st.text(alphabet="abcxyz_ -019", max_size=8),
)
_VALUES: st.SearchStrategy[Any] = st.one_of(
    _SCALARS,
    st.lists(
        st.one_of(st.sampled_from(["x", "y", "z", "w", "X"]), st.none(), st.integers(0, 3)),
        max_size=4,
    ),
    st.dictionaries(st.sampled_from(["a", "b"]), _SCALARS, max_size=2),
)
_FACT_NAMES = st.sampled_from([*KADER.feiten, "onbekend_feit", "A"])


_VALID: dict[str, st.SearchStrategy[Any]] = {
    "a": st.one_of(st.booleans(), st.sampled_from(["ja", "nee", " Waar", "ONWAAR"])),
    "n": st.one_of(st.integers(0, 10**9), st.integers(0, 99).map(lambda i: f" {i}")),
    "f": st.sampled_from(["geen", "soms", "vaak"]),
    "s": st.lists(st.sampled_from(["x", "y", "z"]), max_size=4),
    "d": st.dates().map(lambda d: d.isoformat()),
}


@st.composite
def fact_values(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly well-typed values, some of them wrong or unknown."""
    found: dict[str, Any] = {}
    for name in draw(st.lists(_FACT_NAMES, max_size=6, unique=True)):
        if name in _VALID and draw(st.integers(0, 3)) > 0:
            found[name] = draw(_VALID[name])
        else:
            found[name] = draw(_VALUES)
    return found


@st.composite
def documents(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 30)) == 0:
        return draw(st.one_of(_SCALARS, st.lists(_SCALARS, max_size=2)))
    document: dict[str, Any] = {}
    if draw(st.booleans()):
        document["gemeente"] = draw(
            st.one_of(st.just("Proefdorp"), _SCALARS, st.lists(_SCALARS, max_size=1))
        )
    if draw(st.booleans()):
        document["peildatum"] = draw(
            st.one_of(
                st.just("2026-06-30"),
                st.just("2026-06-30"),
                st.sampled_from(["2026-02-30", "2026-6-30", ""]),
                _SCALARS,
            )
        )
    if draw(st.integers(0, 9)) > 0:
        document["feiten"] = draw(
            st.one_of(
                fact_values(),
                fact_values(),
                st.dictionaries(_FACT_NAMES, _VALUES, max_size=6),
                st.none(),
                _SCALARS,
            )
        )
    if draw(st.booleans()):
        document["bronnen"] = draw(
            st.one_of(st.dictionaries(_FACT_NAMES, _VALUES, max_size=3), st.none(), _SCALARS)
        )
    for extra in (
        []
        if draw(st.integers(0, 3))
        else draw(
            st.lists(st.sampled_from(["kader", "toelichting", "feit", "Gemeente"]), max_size=2)
        )
    ):
        document[extra] = draw(_VALUES)
    return document


def _beyond_json_schema(document: Any) -> bool:
    """The documented gaps: a date written right that does not exist (only format checks
    it, and is on here), spaces around a date."""
    facts = document.get("feiten") if isinstance(document, dict) else None
    value = facts.get("d") if isinstance(facts, dict) else None
    return isinstance(value, str) and value != value.strip() and value.strip() != ""


def parses(document: Any) -> str:
    try:
        k.parse_facts(json.dumps(document), KADER)
    except k.FactsError as error:
        return error.diagnostics[0].code
    return "accepted"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(documents())
def test_schema_and_parse_facts_agree(stats: Stats, document: Any) -> None:
    if _beyond_json_schema(document):
        return
    outcome = parses(document)
    stats.outcome("test_schema_and_parse_facts_agree", outcome)
    valid = VALIDATOR.is_valid(document)
    assert valid == (outcome == "accepted"), (
        document,
        outcome,
        [e.message for e in VALIDATOR.iter_errors(document)],
    )


def test_the_kader_uses_every_type() -> None:
    assert {f.type.kind for f in KADER.feiten.values()} == set(m.TypeKind.__args__)  # type: ignore[attr-defined]
