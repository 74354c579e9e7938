"""next_steps: the change set reaches the target, is minimal, and is the smallest."""

from __future__ import annotations

import itertools

import pytest
from explain_support import (
    EXAMPLES,
    PEILDATUM,
    assignments,
    examples,
    kader_and_facts,
    thema_facts,
    value_pool,
)
from hypothesis import event, given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel.engine.order import evaluation_order
from kadermodel.explanation.next_steps import SEARCH_BUDGET, NextSteps, next_steps
from kadermodel.logic import Truth
from kadermodel.testing.strategies import facts

BUNDLED = k.bundled_kader()
BRUTE_FORCE_LIMIT = 4000


def lows(kader: k.Kader, facts_: k.Facts, changes: dict[str, object]) -> dict[str, int]:
    result = k.assess(kader, facts_.with_values(kader, changes), PEILDATUM)
    return {t: r.plateau.low for t, r in result.themas.items()}


def check_next_steps(
    result: k.Assessment, thema: str, *, brute_force: bool, budget: int = SEARCH_BUDGET
) -> NextSteps:
    """The must-show properties of one thema's next steps."""
    kader = result.kader
    steps = next_steps(result, thema, budget=budget)
    plateau = result.themas[thema].plateau
    top = kader.themas[thema].top
    event("at top" if plateau.low == top else f"reachable={steps.reachable}")
    event(f"changes: {len(steps.steps)}")
    if plateau.low == top:
        assert steps.target is None and steps.at_top and not steps.steps
        return steps
    assert steps.target == plateau.low + 1
    order = evaluation_order(kader)
    positions = [order.index(q) for q in steps.blocking]
    assert positions == sorted(positions), "dependencies first"
    assert all(result.truth(q) is not Truth.TRUE for q in steps.blocking)
    changes = dict(steps.changes)
    if steps.reachable:
        assert changes, "below the target, something has to change"
        assert all(result.facts.values[f] != v for f, v in changes.items())
        # Applying the changes reaches the target ...
        assert lows(kader, result.facts, changes)[thema] >= steps.target
        # ... and no change can be left out.
        for fact in changes:
            fewer = {f: v for f, v in changes.items() if f != fact}
            assert lows(kader, result.facts, fewer)[thema] < steps.target, fact
    else:
        assert not changes
    if brute_force and steps.optimal:
        check_smallest(result, thema, steps)
    return steps


def check_smallest(result: k.Assessment, thema: str, steps: NextSteps) -> None:
    """No smaller change set reaches the target (or none at all, when unreachable)."""
    kader = result.kader
    assert steps.target is not None
    values = dict(result.facts.values)
    names = thema_facts(kader, thema)
    pool = value_pool(kader, names, values)
    pool = {n: [v for v in vs if v != values[n]] for n, vs in pool.items()}
    limit = len(steps.steps) if steps.reachable else len(names) + 1
    for size in range(1, limit):
        for chosen in itertools.combinations(names, size):
            combos = assignments(chosen, pool, BRUTE_FORCE_LIMIT)
            if combos is None:
                event("brute force: too big")
                return
            for combo in combos:
                low = lows(kader, result.facts, combo)[thema]
                assert low < steps.target, f"{combo} is smaller than {dict(steps.changes)}"
    event("brute force: done")


# ------------------------------------------------------------------ properties


@settings(max_examples=examples(60))
@given(kader_and_facts())
def test_random_kaders(case: tuple[k.Kader, dict[str, object]]) -> None:
    kader, values = case
    result = k.assess(kader, {n: v for n, v in values.items() if v is not None}, PEILDATUM)
    for thema in kader.themas:
        check_next_steps(result, thema, brute_force=True)


@settings(max_examples=examples(40))
@given(facts(BUNDLED, 0.4, peildatum=PEILDATUM), st.sampled_from(sorted(BUNDLED.themas)))
def test_bundled_kader(values: dict[str, object], thema: str) -> None:
    known = {n: v for n, v in values.items() if v is not None}
    result = k.assess(BUNDLED, known, PEILDATUM)
    steps = check_next_steps(result, thema, brute_force=False)
    assert steps.reachable and steps.optimal


@settings(max_examples=examples(30))
@given(facts(BUNDLED, 0.3, peildatum=PEILDATUM), st.sampled_from(sorted(BUNDLED.themas)))
def test_bundled_kader_with_a_small_budget(values: dict[str, object], thema: str) -> None:
    """The fallback after the budget runs out still reaches the target, minimally."""
    known = {n: v for n, v in values.items() if v is not None}
    result = k.assess(BUNDLED, known, PEILDATUM)
    steps = check_next_steps(result, thema, brute_force=False, budget=40)
    event(f"optimal={steps.optimal}, reachable={steps.reachable}")


# ------------------------------------------------------------------ the examples


def example(name: str) -> k.Assessment:
    return k.assess(BUNDLED, k.load_facts(EXAMPLES / f"{name}.yaml", BUNDLED))


def test_voorbeeldstad_answers_open_questions() -> None:
    steps = next_steps(example("voorbeeldstad"), "bewustwording")
    assert steps.target == 1
    assert dict(steps.changes) == {
        "ambtelijk_besprekingen_per_jaar": 2,
        "risicogroepen_in_beeld": True,
        "lokaal_cijfermateriaal": "niet_beschikbaar",
    }
    assert [str(c) for c in steps.steps] == [
        "ambtelijk_besprekingen_per_jaar: onbekend -> 2",
        "risicogroepen_in_beeld: onbekend -> ja",
        "lokaal_cijfermateriaal: onbekend -> niet_beschikbaar",
    ]
    assert steps.blocking == (
        "bewustwording.aandacht_op_alle_niveaus",
        "bewustwording.risicoanalyse",
    )


def test_basisstad_raises_counts_to_the_next_threshold() -> None:
    steps = next_steps(example("basisstad"), "bewustwording")
    assert steps.target == 2
    assert steps.changes["gezagsdriehoek_besprekingen_per_jaar"] == 3
    assert "gezagsdriehoek_besprekingen_per_jaar: 2 -> 3" in [str(c) for c in steps.steps]


def test_koploperstad_is_at_the_top() -> None:
    steps = next_steps(example("koploperstad"), "signalering")
    assert steps.at_top and steps.target is None and not steps.changes and steps.reachable


def test_unknown_thema_is_a_kader_error() -> None:
    with pytest.raises(k.KaderError, match="onbekend thema 'signaleren'") as error:
        next_steps(example("voorbeeldstad"), "signaleren")
    assert error.value.diagnostics[0].suggestion == "signalering"


# ------------------------------------------------------------------ rules on small kaders


def kader(body: str, feiten: str = "feit a: ja_nee\nfeit b: ja_nee\nfeit n: aantal\n") -> k.Kader:
    return k.parse_kader('kader x { titel "X" }\n' + feiten + body)


def steps_for(text: k.Kader, values: dict[str, object], thema: str = "t") -> NextSteps:
    return next_steps(k.assess(text, values, PEILDATUM), thema)


def test_an_unknown_fact_is_changed_before_a_known_one() -> None:
    rules = kader('thema t "T" { plateau 1 { bouwsteen x "X." als a of b } }')
    assert dict(steps_for(rules, {"a": False}).changes) == {"b": True}
    assert dict(steps_for(rules, {"b": False}).changes) == {"a": True}


def test_declaration_order_breaks_a_tie() -> None:
    rules = kader('thema t "T" { plateau 1 { bouwsteen x "X." als b of a } }')
    assert dict(steps_for(rules, {}).changes) == {"a": True}


def test_the_closest_value_is_chosen() -> None:
    rules = kader('thema t "T" { plateau 1 { bouwsteen x "X." als n <= 2 of n >= 7 } }')
    assert dict(steps_for(rules, {"n": 5}).changes) == {"n": 7}
    assert dict(steps_for(rules, {"n": 4}).changes) == {"n": 2}
    assert dict(steps_for(rules, {}).changes) == {"n": 0}


def test_dependencies_come_first_also_across_themas() -> None:
    rules = kader(
        'thema t "T" { plateau 1 { bouwsteen x "X." vereist y als a\n'
        '                          bouwsteen y "Y." vereist u.z als b } }\n'
        'thema u "U" { plateau 1 { bouwsteen z "Z." als n >= 1 } }\n'
    )
    steps = steps_for(rules, {"a": False, "b": False, "n": 0})
    assert steps.blocking == ("u.z", "t.y", "t.x")
    assert dict(steps.changes) == {"a": True, "b": True, "n": 1}


def test_a_negated_fact_is_turned_off() -> None:
    rules = kader('thema t "T" { plateau 1 { bouwsteen x "X." als niet a en b } }')
    steps = steps_for(rules, {"a": True, "b": True})
    assert [str(c) for c in steps.steps] == ["a: ja -> nee"]


def test_an_impossible_plateau_is_unreachable() -> None:
    rules = kader(
        'thema t "T" { plateau 1 { bouwsteen x "X." als a }\n'
        '              plateau 2 { bouwsteen y "Y." als n > 3 en n < 2 } }'
    )
    steps = steps_for(rules, {"a": True})
    assert steps.target == 2 and not steps.reachable and steps.optimal
    assert steps.blocking == ("t.y",) and not steps.changes


def test_a_fact_compared_with_a_known_fact_gets_past_it() -> None:
    rules = kader(
        'thema t "T" { plateau 1 { bouwsteen x "X." als n > m } }',
        feiten="feit n: aantal\nfeit m: aantal\n",
    )
    assert dict(steps_for(rules, {"n": 1, "m": 40}).changes) == {"n": 41}


def test_small_budget_falls_back_to_a_minimal_set() -> None:
    result = example("starterdorp")
    exact = next_steps(result, "bewustwording")
    rough = next_steps(result, "bewustwording", budget=200)
    assert exact.optimal and not rough.optimal and rough.reachable
    changes = dict(rough.changes)
    assert lows(BUNDLED, result.facts, changes)["bewustwording"] >= 1
    for fact in changes:
        fewer = {f: v for f, v in changes.items() if f != fact}
        assert lows(BUNDLED, result.facts, fewer)["bewustwording"] < 1
    assert len(rough.steps) >= len(exact.steps)


def test_a_fact_compared_with_a_changed_fact_changes_too() -> None:
    # n = m holds now (0 = 0), but n has to become 1, so m has to follow.
    rules = kader(
        'thema t "T" { plateau 1 { bouwsteen x "X." als n = 1\n'
        '                          bouwsteen y "Y." als n = m } }',
        feiten="feit n: aantal\nfeit m: aantal\n",
    )
    assert dict(steps_for(rules, {"n": 0, "m": 0}).changes) == {"n": 1, "m": 1}
