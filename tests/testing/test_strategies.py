"""The strategies: valid fact sets biased to boundaries, valid random kaders, entry point."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel.engine.abstraction import boundary_values
from kadermodel.testing import (
    check_cumulative,
    check_deterministic,
    check_monotone,
    check_ranges,
    check_reference,
    facts,
    facts_yaml,
    kader_and_facts,
    kaders,
    refinements,
)

K = k.bundled_kader()
P = dt.date(2026, 6, 30)
PYTHON_TYPES = {
    "ja_nee": bool,
    "aantal": int,
    "keuze": str,
    "verzameling": frozenset,
    "datum": dt.date,
}


@settings(max_examples=40)
@given(facts(K, peildatum=P))
def test_fact_sets_are_valid_for_the_kader(values: dict[str, object]) -> None:
    assert list(values) == list(K.feiten)
    for name, value in values.items():
        if value is not None:
            assert type(value) is PYTHON_TYPES[K.feiten[name].type.kind], (name, value)
    parsed = k.parse_facts(values, K)
    assert dict(parsed.values) == values
    # Written out as a facts file and read back, nothing changes.
    known = {n: v for n, v in values.items() if v is not None}
    again = k.parse_facts(facts_yaml(known, peildatum=P), K)  # type: ignore[arg-type]
    assert dict(again.values) == values


@settings(max_examples=20)
@given(facts(K, 0.0), facts(K, 1.0))
def test_unknown_share(complete: dict[str, object], empty: dict[str, object]) -> None:
    assert None not in complete.values()
    assert set(empty.values()) == {None}


@settings(max_examples=20)
@given(facts(K, 0.0, only=["regionale_ketenregisseur", "training_frequentie"]))
def test_only_limits_the_known_facts(values: dict[str, object]) -> None:
    assert {n for n, v in values.items() if v is not None} == {
        "regionale_ketenregisseur",
        "training_frequentie",
    }


def test_values_are_biased_to_the_boundaries() -> None:
    name = "gezagsdriehoek_besprekingen_per_jaar"
    edges = set(boundary_values(K, facts=[name])[name])
    assert {2, 3} <= edges  # the thresholds min_driehoek and min_driehoek_vaak
    seen: list[object] = []

    @settings(max_examples=300, derandomize=True, database=None)
    @given(facts(K, 0.0, only=[name]))
    def draw(values: dict[str, object]) -> None:
        seen.append(values[name])

    draw()
    on_edges = sum(1 for v in seen if v in edges)
    assert on_edges >= 0.6 * len(seen), (on_edges, len(seen))
    assert len(set(seen) - edges) >= 3, "also values away from the boundaries"


@settings(max_examples=60)
@given(kaders())
def test_random_kaders_are_valid(text: str) -> None:
    kader = k.parse_kader(text, "<kaders()>")
    assert kader.themas and kader.feiten
    k.assess(kader, {})


@settings(max_examples=40)
@given(kader_and_facts(peildatum=P), st.data())
def test_laws_hold_for_random_kaders(
    pair: tuple[k.Kader, dict[str, object]], data: st.DataObject
) -> None:
    kader, values = pair
    check_ranges(kader, values, P)  # type: ignore[arg-type]
    check_cumulative(kader, values, P)  # type: ignore[arg-type]
    check_reference(kader, values, P)  # type: ignore[arg-type]
    check_deterministic(kader, values, P)  # type: ignore[arg-type]
    if any(v is None for v in values.values()):
        fact, value = data.draw(refinements(kader, values, peildatum=P))  # type: ignore[arg-type]
        check_monotone(kader, values, fact, value, P)  # type: ignore[arg-type]


@settings(max_examples=10)
@given(st.from_type(k.Kader), st.from_type(k.Assessment))
def test_entry_point_registers_types(kader: k.Kader, assessment: k.Assessment) -> None:
    """The ``hypothesis`` entry point of pyproject.toml makes from_type work."""
    assert isinstance(kader, k.Kader) and kader.bouwstenen
    assert set(assessment.themas) == set(assessment.kader.themas)
