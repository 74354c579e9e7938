"""The laws: they hold for the bundled kader and the example uitbreidingen, and every check
really fails when a result breaks it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest

import kadermodel as k
from kadermodel.testing import (
    LAWS,
    LawViolation,
    check_cumulative,
    check_deterministic,
    check_law,
    check_laws,
    check_monotone,
    check_ranges,
    check_reference,
    check_tightening,
    tightening_themas,
)
from kadermodel.testing import laws as laws_module

REPO = Path(__file__).resolve().parents[2]
P = dt.date(2026, 6, 30)
K = k.bundled_kader()
REGIO = k.load_kader(REPO / "examples" / "regio_voorbeeld.kader")
GEMEENTE = k.load_kader(REPO / "examples" / "gemeente_voorbeeld.kader")
VOORBEELDSTAD = dict(k.load_facts(REPO / "examples" / "voorbeeldstad.yaml", K).values)


def test_all_laws_hold_for_the_bundled_kader() -> None:
    check_laws(K, max_examples=25, peildatum=P)


@pytest.mark.parametrize(("base", "extended"), [(K, REGIO), (REGIO, GEMEENTE), (K, GEMEENTE)])
def test_all_laws_hold_for_the_example_extensions(base: k.Kader, extended: k.Kader) -> None:
    check_laws(extended, base=base, max_examples=25, peildatum=P)


def test_tightening_applies_where_the_extension_only_tightens() -> None:
    # regio_voorbeeld raises min_driehoek (2 -> 4), tightens a bouwsteen and adds others:
    # every thema of the base counts.
    assert tightening_themas(K, REGIO) == tuple(K.themas)
    # Read backwards, the base lowers min_driehoek again: bewustwording no longer counts.
    assert "bewustwording" not in tightening_themas(REGIO, K)


def test_tightening_law_finds_a_loosened_kader() -> None:
    base = k.parse_kader(
        """kader basis { titel "Basis" }
feit a: ja_nee
feit n: aantal
parameter drempel: aantal = 2
thema t "T" { plateau 1 { bouwsteen b "B." als a en n >= drempel } }
""",
        "basis.kader",
    )
    # A kader passed off as a tightening of the base while it drops the threshold: the
    # search finds a municipality that comes out higher with it than with the base.
    loosened = k.parse_kader(
        """kader basis { titel "Basis" }
feit a: ja_nee
feit n: aantal
parameter drempel: aantal = 2
thema t "T" { plateau 1 { bouwsteen b "B." als a } }
""",
        "los.kader",
    )
    with pytest.raises(LawViolation, match="verscherpen mag een plateau nooit verhogen") as caught:
        check_law("verscherping", loosened, base=base, max_examples=200, peildatum=P)
    # Only with a = ja (low rises) or a count below the threshold (high rises).
    found = caught.value.values
    assert found["a"] is True or (isinstance(found["n"], int) and found["n"] < 2), found


REAL_ASSESS = laws_module._assess


def _tampered(after: int = 0, **changes: Any) -> Any:
    """``laws._assess``, but from call ``after + 1`` on with ``changes`` to its result."""
    real = REAL_ASSESS
    calls = {"n": 0}

    def fake(kader: k.Kader, values: Any, peildatum: Any) -> k.Assessment:
        calls["n"] += 1
        result = real(kader, values, peildatum)
        return attrs.evolve(result, **changes) if calls["n"] > after else result

    return fake


def test_each_check_fails_on_a_broken_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """No check can pass vacuously: each one rejects a result that breaks its law."""
    ranges = k.assess(K, VOORBEELDSTAD, P).ranges
    swapped = tuple(ranges[i ^ 1] for i in range(len(ranges)))  # low and high exchanged
    cases = [
        (check_ranges, {"ranges": swapped}, "bereik"),
        (check_cumulative, {"ranges": tuple(min(r + 1, 2) for r in ranges)}, "cumulatief"),
        (check_reference, {"truths": (2,) * len(K.bouwstenen)}, "referentie"),
        (check_deterministic, {"after": 1, "ranges": (0,) * len(ranges)}, "determinisme"),
    ]
    for check, change, law in cases:
        monkeypatch.setattr(laws_module, "_assess", _tampered(**change))
        with pytest.raises(LawViolation, match=f"wet '{law}'"):
            check(K, VOORBEELDSTAD, P)
    # Knowledge: after answering a fact the (tampered) result drops below the first one.
    monkeypatch.setattr(laws_module, "_assess", _tampered(after=1, ranges=(0,) * len(ranges)))
    with pytest.raises(LawViolation, match="daalt laag"):
        check_monotone(K, VOORBEELDSTAD, "opvang_kwaliteitscriteria", True, P)


def test_tightening_check_names_the_thema() -> None:
    facts = {name: True for name, f in REGIO.feiten.items() if f.type.kind == "ja_nee"}
    facts["aandachtsfunctionaris_in_regionaal_netwerk"] = False
    with pytest.raises(LawViolation) as caught:
        check_tightening(REGIO, K, facts, P, themas=["signalering"])
    message = str(caught.value)
    assert "thema signalering" in message
    assert "aandachtsfunctionaris_in_regionaal_netwerk: nee" in message


def test_violation_message_is_dutch_and_lists_known_facts() -> None:
    error = LawViolation("kennis", K, "laag daalt", {"regionale_ketenregisseur": False, "x": None})
    assert str(error) == (
        "wet 'kennis' geldt niet voor kader vng_mensenhandel_2021: laag daalt\n"
        "  bekende feiten (1, de rest onbekend):\n"
        "    regionale_ketenregisseur: nee"
    )


def test_law_names() -> None:
    assert [law.name for law in LAWS] == [
        "bereik",
        "kennis",
        "cumulatief",
        "determinisme",
        "referentie",
        "verscherping",
    ]
