"""Hypothesis properties of the bundled VNG kader over random complete fact sets.

"Best" and "worst" values are derived from the kader, not from a hand list: for every
decisive fact, the candidate values of its type are tried against every atomic condition
(leaf) that reads the fact; the best value makes all of them true, the worst makes all of
them false. A small reference evaluator for leaves lives here for that purpose.

Properties:
- raising every decisive fact to its best value reaches each thema's top plateau;
- setting one fact that plateau 1 of a thema cannot do without (see ``necessary``) to its
  worst value gives plateau 0 for that thema, whatever the other facts are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel import model as m
from kadermodel.model import subtract

KADER = k.bundled_kader()
PEILDATUM = dt.date(2026, 6, 30)
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)


# ------------------------------------------------------------------ the kader, read as data


def leaves(cond: m.Cond) -> Iterator[m.Cond]:
    stack = [cond]
    while stack:
        node = stack.pop()
        if isinstance(node, m.LEAVES):
            yield node
        stack.extend(m.children(node))


def leaves_reading(fact: str) -> list[m.Cond]:
    found = []
    for bouwsteen in KADER.bouwstenen.values():
        found.extend(leaf for leaf in leaves(bouwsteen.full_condition) if fact in m.facts_of(leaf))
    return found


def _operand_value(operand: m.Operand) -> Any:
    if isinstance(operand, m.ParamOperand):
        return KADER.parameters[operand.name].value
    assert isinstance(operand, m.Const), "a comparison between two facts is not supported here"
    return operand.value


def _key(type_: m.FactType, value: Any) -> Any:
    return type_.values.index(value) if type_.kind == "keuze" else value


_COMPARE = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "na": lambda a, b: a > b,
    "voor": lambda a, b: a < b,
}


def leaf_holds(leaf: m.Cond, fact: str, value: Any) -> bool:
    """Reference semantics of one leaf when ``fact`` has ``value``."""
    type_ = KADER.feiten[fact].type
    match leaf:
        case m.FactIs():
            return bool(value)
        case m.Compare(left, op, right, _):
            if isinstance(left, m.FactOperand):
                a, b = _key(type_, value), _key(type_, _operand_value(right))
            else:
                a, b = _key(type_, _operand_value(left)), _key(type_, value)
            return bool(_COMPARE[op](a, b))
        case m.Member(_, "in", values):
            return value in values
        case m.Member(_, "alle", values):
            return set(values) <= value
        case m.Member(_, "een", values):
            return bool(set(values) & value)
        case m.Within(_, amount, unit):
            return bool(subtract(PEILDATUM, amount, unit) <= value <= PEILDATUM)
    raise AssertionError(leaf)


def candidates(fact: str) -> list[Any]:
    """Values worth trying for a fact: every choice, and numbers around each threshold."""
    type_ = KADER.feiten[fact].type
    match type_.kind:
        case "ja_nee":
            return [False, True]
        case "keuze":
            return list(type_.values)
        case "verzameling":
            return [frozenset(), frozenset(type_.values)]
        case "datum":
            return [dt.date(1900, 1, 1), PEILDATUM]
    thresholds = {0}
    for leaf in leaves_reading(fact):
        if isinstance(leaf, m.Compare):
            side = leaf.right if isinstance(leaf.left, m.FactOperand) else leaf.left
            limit = int(_operand_value(side))
            thresholds |= {max(limit - 1, 0), limit, limit + 1}
    return sorted(thresholds)


def extreme(fact: str, best: bool) -> Any:
    """The candidate that makes every leaf reading ``fact`` true (best) or false (worst)."""
    found = [
        value
        for value in candidates(fact)
        if all(leaf_holds(leaf, fact, value) is best for leaf in leaves_reading(fact))
    ]
    assert found, f"no {'best' if best else 'worst'} value for {fact}"
    return found[-1] if best else found[0]


def necessary(cond: m.Cond) -> set[str]:
    """Facts whose worst value alone makes ``cond`` false, whatever the other facts are."""
    match cond:
        case m.And(items):
            return set().union(*(necessary(i) for i in items))
        case m.Or(items):
            return set.intersection(*(necessary(i) for i in items))
        case m.AtLeast(count, items) if count == len(items):
            return set().union(*(necessary(i) for i in items))
        case m.BouwsteenIs(qid):
            return necessary(KADER.bouwstenen[qid].full_condition)
        case m.FactIs() | m.Compare() | m.Member() | m.Within():
            return m.facts_of(cond)
    return set()


DECISIVE = sorted(set().union(*(m.facts_of(b.full_condition) for b in KADER.bouwstenen.values())))
BEST = {fact: extreme(fact, best=True) for fact in DECISIVE}
WORST = {fact: extreme(fact, best=False) for fact in DECISIVE}

# (thema, fact) for every fact that plateau 1 of the thema cannot do without
PLATEAU_1_NECESSARY = sorted(
    (thema.id, fact)
    for thema in KADER.themas.values()
    for qid in thema.plateaus[0].bouwstenen
    for fact in necessary(KADER.bouwstenen[qid].full_condition)
)


# ------------------------------------------------------------------ random complete facts


def value_strategy(feit: m.Feit) -> st.SearchStrategy[Any]:
    type_ = feit.type
    match type_.kind:
        case "ja_nee":
            return st.booleans()
        case "aantal":
            return st.integers(min_value=0, max_value=12)
        case "keuze":
            return st.sampled_from(type_.values)
        case "verzameling":
            return st.frozensets(st.sampled_from(type_.values))
    return st.dates(min_value=dt.date(2000, 1, 1), max_value=PEILDATUM)


complete_facts = st.fixed_dictionaries(
    {name: value_strategy(feit) for name, feit in KADER.feiten.items()}
)


def _plateaus(facts: dict[str, Any]) -> dict[str, tuple[int, int]]:
    result = k.assess(KADER, facts, peildatum=PEILDATUM)
    return {t: (r.plateau.low, r.plateau.high) for t, r in result.themas.items()}


# ------------------------------------------------------------------ the derivation itself


def test_derived_extremes() -> None:
    # Spot checks that the derivation reads the kader the way the Kader means it.
    assert BEST["aandachtsfunctionaris_aangesteld"] is True
    assert WORST["aandachtsfunctionaris_aangesteld"] is False
    assert BEST["training_frequentie"] in ("elk_jaar", "vaker_dan_eens_per_jaar")
    assert WORST["training_frequentie"] in (
        "nooit",
        "eenmalig",
        "zonder_vast_schema",
        "om_de_drie_jaar_of_minder_vaak",
    )
    assert BEST["gezagsdriehoek_besprekingen_per_jaar"] >= 3
    assert WORST["gezagsdriehoek_besprekingen_per_jaar"] < 2
    assert len(DECISIVE) == 50


def test_plateau_1_necessary_facts() -> None:
    by_thema: dict[str, set[str]] = {}
    for thema, fact in PLATEAU_1_NECESSARY:
        by_thema.setdefault(thema, set()).add(fact)
    plateau_1_facts = {
        thema.id: set().union(
            *(m.facts_of(KADER.bouwstenen[q].full_condition) for q in thema.plateaus[0].bouwstenen)
        )
        for thema in KADER.themas.values()
    }
    # Only the two alternatives of bewustwording.kennis_medewerkers (an "of") are plateau-1
    # facts that plateau 1 can do without.
    missing = {(t, f) for t, facts in plateau_1_facts.items() for f in facts - by_thema[t]}
    assert missing == {
        ("bewustwording", "bewustwording_medewerkers_frequentie"),
        ("bewustwording", "training_frequentie"),
    }


# ------------------------------------------------------------------ properties


@SETTINGS
@given(complete_facts)
def test_best_values_reach_every_top_plateau(facts: dict[str, Any]) -> None:
    raised = {**facts, **BEST}
    assert _plateaus(raised) == {t.id: (t.top, t.top) for t in KADER.themas.values()}


@SETTINGS
@given(complete_facts, st.sampled_from(PLATEAU_1_NECESSARY))
def test_one_worst_plateau_1_fact_gives_plateau_0(
    facts: dict[str, Any], pair: tuple[str, str]
) -> None:
    thema, fact = pair
    assert _plateaus({**facts, fact: WORST[fact]})[thema] == (0, 0)


@SETTINGS
@given(complete_facts)
def test_complete_facts_decide_every_thema(facts: dict[str, Any]) -> None:
    for low, high in _plateaus(facts).values():
        assert low == high


@pytest.mark.parametrize("thema, fact", PLATEAU_1_NECESSARY)
def test_worst_value_on_top_of_best(thema: str, fact: str) -> None:
    assert _plateaus({**BEST, fact: WORST[fact]})[thema] == (0, 0)
